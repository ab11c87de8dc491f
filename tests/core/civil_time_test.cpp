#include <doctest/doctest.h>

#include "clinic/civil_time.h"

using namespace clinic::civil;

TEST_CASE("days_from_civil and civil_from_days round-trip") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  for (int64_t d = -800000; d <= 800000; d += 997) {
    CHECK(days_from_civil(civil_from_days(d)) == d);
  }
}

TEST_CASE("local day flips at local midnight, not UTC midnight") {
  // 2026-01-31T15:59:59.999Z is 23:59:59.999 on Jan 31 in Shanghai; one ms later it is Feb 1.
  const int64_t before = 1769875199999;
  CHECK(format_date(local_date(before, 480)) == "2026-01-31");
  CHECK(format_date(local_date(before + 1, 480)) == "2026-02-01");
  CHECK(local_day(before + 1, 480) == local_day(before, 480) + 1);
  CHECK(format_date(local_date(before + 1, 0)) == "2026-01-31");  // still Jan 31 in UTC
  CHECK(local_day_start_ms(local_day(before + 1, 480), 480) == before + 1);
}

TEST_CASE("year end and negative offsets") {
  const int64_t ny_shanghai = 1767196800000;  // 2026-01-01T00:00+08:00 == 2025-12-31T16:00Z
  CHECK(format_date(local_date(ny_shanghai, 480)) == "2026-01-01");
  CHECK(format_date(local_date(ny_shanghai - 1, 480)) == "2025-12-31");
  CHECK(format_date(local_date(ny_shanghai, -300)) == "2025-12-31");
}

TEST_CASE("weekday, month lengths and month arithmetic") {
  CHECK(weekday(days_from_civil({2026, 11, 22})) == 7);  // a Sunday
  CHECK(weekday(days_from_civil({1970, 1, 1})) == 4);
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(add_months({2026, 1, 31}, 1) == Date{2026, 2, 28});
  CHECK(add_months({2026, 12, 15}, 1) == Date{2027, 1, 15});
  CHECK(add_months({2026, 1, 15}, -1) == Date{2025, 12, 15});
  CHECK(end_of_month_after({2026, 3, 10}, 11) == Date{2027, 2, 28});
  CHECK(month_index({1970, 1, 5}) == 0);
  CHECK(month_index({2026, 11, 1}) == 56 * 12 + 10);
}

TEST_CASE("parse_date accepts only real dates") {
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK_FALSE(parse_date("2023-2-01").has_value());
  CHECK_FALSE(parse_date("2023-13-01").has_value());
  CHECK(format_date(*parse_date("2026-11-22")) == "2026-11-22");
}
