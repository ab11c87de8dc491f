#include "clinic/civil_time.h"

namespace clinic::civil {
namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

bool is_leap(int32_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

int64_t days_from_civil(Date d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  int64_t era = floor_div(y, 400);
  int64_t yoe = y - era * 400;
  int64_t mp = (d.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int32_t day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  int32_t month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int32_t>(y + (month <= 2 ? 1 : 0)), month, day};
}

int64_t local_day(int64_t epoch_ms, int32_t utc_offset_min) {
  return floor_div(epoch_ms + static_cast<int64_t>(utc_offset_min) * kMsPerMinute, kMsPerDay);
}

Date local_date(int64_t epoch_ms, int32_t utc_offset_min) {
  return civil_from_days(local_day(epoch_ms, utc_offset_min));
}

int64_t local_day_start_ms(int64_t day, int32_t utc_offset_min) {
  return day * kMsPerDay - static_cast<int64_t>(utc_offset_min) * kMsPerMinute;
}

int32_t weekday(int64_t day) {
  // 1970-01-01 was a Thursday (ISO 4).
  int64_t w = (day % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int32_t>(w + 1);
}

int32_t days_in_month(int32_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[(month - 1) % 12];
}

int64_t month_index(Date d) {
  return (static_cast<int64_t>(d.year) - 1970) * 12 + (d.month - 1);
}

Date add_months(Date d, int32_t months) {
  int64_t idx = month_index(d) + months;
  int32_t year = static_cast<int32_t>(floor_div(idx, 12) + 1970);
  int32_t month = static_cast<int32_t>(idx - floor_div(idx, 12) * 12 + 1);
  int32_t dim = days_in_month(year, month);
  return Date{year, month, d.day > dim ? dim : d.day};
}

Date end_of_month_after(Date d, int32_t months) {
  Date first = add_months(Date{d.year, d.month, 1}, months);
  return Date{first.year, first.month, days_in_month(first.year, first.month)};
}

std::string format_date(Date d) {
  auto two = [](int32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string year = std::to_string(d.year);
  while (year.size() < 4) year.insert(0, "0");
  return year + "-" + two(d.month) + "-" + two(d.day);
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> int32_t {
    int32_t v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int32_t y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return Date{y, m, d};
}

}  // namespace clinic::civil
