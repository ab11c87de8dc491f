// The server's one clock (UTC epoch ms). Debug builds can shift it by an offset read
// from a test-only file (Config::test_clock_file) so tests can expire tokens; release
// builds compile that hook out and refuse the setting (config.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace clinic::server {

class Clock {
 public:
  explicit Clock(std::string test_clock_file = {}) : test_clock_file_(std::move(test_clock_file)) {}
  int64_t now_ms() const;

 private:
  std::string test_clock_file_;
};

}  // namespace clinic::server
