#include "clock.h"

#include <chrono>
#include <fstream>

namespace clinic::server {

int64_t Clock::now_ms() const {
  int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
#ifdef CLINIC_TEST_HOOKS
  if (!test_clock_file_.empty()) {
    std::ifstream in(test_clock_file_);
    long long offset = 0;
    if (in >> offset) now += offset;
  }
#endif
  return now;
}

}  // namespace clinic::server
