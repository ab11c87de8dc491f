// Application log (stderr, one line per event) and the JSON-lines access log.
// The access log records the route pattern, never the raw path or body, so no PII.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

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

class AccessLog {
 public:
  // "-" = stdout, "" = off, else appended to the file.
  explicit AccessLog(const std::string& target);
  ~AccessLog();
  void write(const AccessRecord& r);

 private:
  std::mutex mu_;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
};

}  // namespace clinic::server
