// Calendar arithmetic in the clinic's local time. The core has no clock: every
// instant arrives as UTC epoch milliseconds plus the clinic's UTC offset in minutes
// (default +480, Asia/Shanghai, which has no daylight saving). Day numbers count
// local calendar days since 1970-01-01, so streaks and "per day" caps compare
// integers and are right across midnight, month and year ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clinic::civil {

inline constexpr int32_t kDefaultUtcOffsetMinutes = 480;
inline constexpr int64_t kMsPerMinute = 60'000;
inline constexpr int64_t kMsPerDay = 86'400'000;

struct Date {
  int32_t year = 1970;
  int32_t month = 1;  // 1..12
  int32_t day = 1;    // 1..31
  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(Date date);
Date civil_from_days(int64_t days);

// The local calendar day number that the instant falls on.
int64_t local_day(int64_t epoch_ms, int32_t utc_offset_min);
Date local_date(int64_t epoch_ms, int32_t utc_offset_min);
// UTC epoch ms of local midnight starting `day`.
int64_t local_day_start_ms(int64_t day, int32_t utc_offset_min);

// ISO weekday: Monday = 1 ... Sunday = 7.
int32_t weekday(int64_t day);
int32_t days_in_month(int32_t year, int32_t month);
// Months since 1970-01 (0-based), for "per month" caps.
int64_t month_index(Date date);
// Last day of the month `months` after `date`'s month (months may be 0 or negative).
Date end_of_month_after(Date date, int32_t months);
// Adds whole months, clamping the day (Jan 31 + 1 month = Feb 28/29).
Date add_months(Date date, int32_t months);

// "2026-11-22"; parse accepts exactly that shape with a valid day.
std::string format_date(Date date);
std::optional<Date> parse_date(std::string_view text);

// Bounds on accepted instants: years 2000..2199 keep every product overflow-free.
inline constexpr int64_t kMinEpochMs = 946'684'800'000;    // 2000-01-01T00:00Z
inline constexpr int64_t kMaxEpochMs = 7'258'118'400'000;  // 2200-01-01T00:00Z
inline constexpr int32_t kMinUtcOffsetMin = -720;
inline constexpr int32_t kMaxUtcOffsetMin = 840;

}  // namespace clinic::civil
