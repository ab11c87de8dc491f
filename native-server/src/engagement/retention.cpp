#include "engagement/retention.h"

#include <cstdio>
#include <map>
#include <set>

#include "clinic/civil_time.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;

int64_t month_of(int64_t at_ms, int offset) {
  return civil::month_index(civil::local_date(at_ms, offset));
}

std::string month_text(int64_t index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(1970 + index / 12), static_cast<int>(index % 12 + 1));
  return buf;
}

int64_t share_bp(int64_t part, int64_t whole) {
  return whole ? part * 10000 / whole : 0;
}

}  // namespace

int64_t retention_from_ms(int64_t now_ms, int utc_offset_min, int months_back) {
  civil::Date d = civil::local_date(now_ms, utc_offset_min);
  civil::Date first = civil::add_months(civil::Date{d.year, d.month, 1}, -months_back);
  return civil::local_day_start_ms(civil::days_from_civil(first), utc_offset_min);
}

object retention_table(const RetentionInput& in) {
  int64_t now_month = month_of(in.now_ms, in.utc_offset_min);
  int64_t first_month = now_month - (in.months - 1);
  std::map<int64_t, int64_t> cohort_of;  // member → joining month
  std::map<int64_t, int64_t> cohort_size;
  for (const auto& [member, at] : in.joins) {
    int64_t m = month_of(at, in.utc_offset_min);
    if (m < first_month || m > now_month) continue;
    cohort_of[member] = m;
    ++cohort_size[m];
  }
  std::map<std::pair<int64_t, int64_t>, std::set<int64_t>> active;  // (cohort, month) → members
  for (const auto& [member, at] : in.activity) {
    auto it = cohort_of.find(member);
    if (it == cohort_of.end()) continue;
    int64_t m = month_of(at, in.utc_offset_min);
    if (m < it->second || m > now_month) continue;
    active[{it->second, m}].insert(member);
  }
  array cohorts;
  for (int64_t c = first_month; c <= now_month; ++c) {
    int64_t size = cohort_size.count(c) ? cohort_size[c] : 0;
    array row;
    for (int64_t m = c; m <= now_month; ++m) {
      int64_t n = active.count({c, m}) ? static_cast<int64_t>(active[{c, m}].size()) : 0;
      row.push_back(
          object{{"offset", m - c}, {"month", month_text(m)}, {"members", n}, {"share_bp", share_bp(n, size)}});
    }
    cohorts.push_back(object{{"month", month_text(c)}, {"members", size}, {"active", std::move(row)}});
  }
  array reminders;
  for (const ReminderFollowUp& r : in.reminders) {
    reminders.push_back(object{
        {"kind", r.kind}, {"sent", r.sent}, {"followed", r.followed}, {"share_bp", share_bp(r.followed, r.sent)}});
  }
  return object{{"cohorts", std::move(cohorts)}, {"reminders", std::move(reminders)}};
}

}  // namespace clinic::server
