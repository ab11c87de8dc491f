#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "clinic/money.h"

using namespace clinic;

TEST_CASE("checked arithmetic refuses overflow instead of wrapping") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  CHECK(money::add(1, 2) == 3);
  CHECK_FALSE(money::add(kMax, 1).has_value());
  CHECK_FALSE(money::sub(std::numeric_limits<int64_t>::min(), 1).has_value());
  CHECK_FALSE(money::mul(kMax / 2 + 1, 2).has_value());
  CHECK(money::mul(-3, 4) == -12);
}

TEST_CASE("percent rewards round down to the fen") {
  CHECK(money::percent_floor(999, 500) == 49);  // 5% of 9.99 = 0.4995 -> 0.49
  CHECK(money::percent_floor(1, 9999) == 0);
  CHECK(money::percent_floor(10000, 10000) == 10000);
  CHECK(money::percent_floor(money::kMaxFen, 10000) == money::kMaxFen);
  CHECK_FALSE(money::percent_floor(-1, 100).has_value());
  CHECK_FALSE(money::percent_floor(100, 10001).has_value());
}

TEST_CASE("allocate splits exactly with largest remainders") {
  SUBCASE("thirds") {
    auto s = money::allocate(100, {1, 1, 1});
    REQUIRE(s.has_value());
    CHECK(*s == std::vector<int64_t>{34, 33, 33});
  }
  SUBCASE("proportional") {
    auto s = money::allocate(1000, {3000, 1000});
    REQUIRE(s.has_value());
    CHECK(*s == std::vector<int64_t>{750, 250});
  }
  SUBCASE("zero weights with a total is refused") {
    CHECK_FALSE(money::allocate(5, {0, 0}).has_value());
  }
  SUBCASE("sum is always the total") {
    for (int64_t total : {0, 1, 7, 99, 100001}) {
      auto s = money::allocate(total, {7, 13, 0, 29});
      REQUIRE(s.has_value());
      int64_t sum = 0;
      for (int64_t v : *s) sum += v;
      CHECK(sum == total);
    }
  }
}

TEST_CASE("format_yuan") {
  CHECK(money::format_yuan(0) == "0.00");
  CHECK(money::format_yuan(5) == "0.05");
  CHECK(money::format_yuan(123456) == "1234.56");
  CHECK(money::format_yuan(-5) == "-0.05");
  CHECK(money::format_yuan(std::numeric_limits<int64_t>::min()) == "-92233720368547758.08");
}
