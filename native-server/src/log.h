// Application log (stderr, one line per event) and the JSON-lines access log.
// The access log records the route pattern, never the raw path or body, so no PII.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace clinic::server {

enum class LogLevel { debug, info, warn, error };

class Log {
 public:
  static void set_level(std::string_view level);
  static bool enabled(LogLevel level);
  static void write(LogLevel level, std::string_view message);
};

inline void log_debug(std::string_view m) {
  Log::write(LogLevel::debug, m);
}
inline void log_info(std::string_view m) {
  Log::write(LogLevel::info, m);
}
inline void log_warn(std::string_view m) {
  Log::write(LogLevel::warn, m);
}
inline void log_error(std::string_view m) {
  Log::write(LogLevel::error, m);
}

struct AccessRecord {
  int64_t at_ms = 0;
  std::string_view method;
  std::string_view route;  // pattern, e.g. "/api/staff/login"; "-" when unmatched
  int status = 0;
  double duration_ms = 0;
  size_t bytes_in = 0;
  size_t bytes_out = 0;
};

// Lines are queued by the request threads and written by one background thread, a batch per
// write(2): a synchronous write and flush per request cost a system call and a lock handoff
// on every request (about half of a cheap route's time, and most of its context switches).
// A line reaches the file at most 50 ms after it was queued (sooner when 64 KiB are queued); a kill -9 can lose the
// lines of the batch in progress, never a stored write (the access log records requests, it is not the record of what
// was stored).
class AccessLog {
 public:
  // "-" = stdout, "" = off, else appended to the file.
  explicit AccessLog(const std::string& target);
  ~AccessLog();  // writes every queued line, then stops the thread
  void write(const AccessRecord& r);

 private:
  void drain();

  std::mutex mu_;
  std::condition_variable wake_;
  std::string pending_;  // queued lines, newline-terminated
  bool stopping_ = false;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
  std::thread writer_;
};

}  // namespace clinic::server
