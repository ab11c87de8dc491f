#include "log.h"

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace clinic::server {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::info)};
std::mutex g_log_mu;

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
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(out_);
}

void AccessLog::write(const AccessRecord& r) {
  if (!out_) return;
  boost::json::object o;
  o["at_ms"] = r.at_ms;
  o["method"] = r.method;
  o["route"] = r.route;
  o["status"] = r.status;
  o["us"] = static_cast<int64_t>(r.duration_ms * 1000);  // integer microseconds (no float formatting)
  o["in"] = r.bytes_in;
  o["out"] = r.bytes_out;
  std::string line = boost::json::serialize(o);
  std::lock_guard<std::mutex> lock(mu_);
  std::fprintf(out_, "%s\n", line.c_str());
  std::fflush(out_);
}

}  // namespace clinic::server
