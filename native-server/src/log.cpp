#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace clinic::server {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::info)};
std::mutex g_log_mu;

// The access log's batch: written when this many bytes are queued, or this long after the
// first queued line, whichever comes first (as nginx's access_log buffer= flush=).
constexpr size_t kAccessLogBatchBytes = 64 * 1024;
constexpr std::chrono::milliseconds kAccessLogInterval{50};

const char* level_name(LogLevel l) {
  switch (l) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

void Log::set_level(std::string_view level) {
  LogLevel l = level == "debug"   ? LogLevel::debug
               : level == "warn"  ? LogLevel::warn
               : level == "error" ? LogLevel::error
                                  : LogLevel::info;
  g_level = static_cast<int>(l);
}

bool Log::enabled(LogLevel level) {
  return static_cast<int>(level) >= g_level.load();
}

void Log::write(LogLevel level, std::string_view message) {
  if (!enabled(level)) return;
  std::lock_guard<std::mutex> lock(g_log_mu);
  std::fprintf(stderr, "clinic-server %s: %.*s\n", level_name(level), static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

AccessLog::AccessLog(const std::string& target) {
  if (target == "-") {
    out_ = stdout;
  } else if (!target.empty()) {
    out_ = std::fopen(target.c_str(), "a");
    owned_ = out_ != nullptr;
    if (!out_) log_warn("access log " + target + " cannot be opened; access logging is off");
  }
  if (out_) writer_ = std::thread([this] { drain(); });
}

AccessLog::~AccessLog() {
  if (writer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
  }
  if (owned_) std::fclose(out_);
}

void AccessLog::write(const AccessRecord& r) {
  if (!out_) return;
  // Formatted by hand, not through a JSON object: this runs on every request. The strings
  // are a method name and a route pattern, escaped all the same.
  std::string line;
  line.reserve(128);
  line += "{\"at_ms\":";
  line += std::to_string(r.at_ms);
  line += ",\"method\":";
  append_json_string(line, r.method);
  line += ",\"route\":";
  append_json_string(line, r.route);
  line += ",\"status\":";
  line += std::to_string(r.status);
  line += ",\"us\":";
  line += std::to_string(static_cast<int64_t>(r.duration_ms * 1000));  // integer microseconds
  line += ",\"in\":";
  line += std::to_string(r.bytes_in);
  line += ",\"out\":";
  line += std::to_string(r.bytes_out);
  line += '}';
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // The first line of a batch starts the writer's interval; a full batch ends it early.
    wake = pending_.empty();
    pending_ += line;
    pending_ += '\n';
    wake = wake || pending_.size() >= kAccessLogBatchBytes;
  }
  if (wake) wake_.notify_one();
}

void AccessLog::drain() {
  std::string batch;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    // A few lines wait for the interval; a full batch or shutdown goes at once.
    wake_.wait_for(lock, kAccessLogInterval, [this] { return stopping_ || pending_.size() >= kAccessLogBatchBytes; });
    if (pending_.empty() && stopping_) return;
    batch.swap(pending_);
    lock.unlock();
    std::fwrite(batch.data(), 1, batch.size(), out_);
    std::fflush(out_);
    batch.clear();
    lock.lock();
  }
}

}  // namespace clinic::server
