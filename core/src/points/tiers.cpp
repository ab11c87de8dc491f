// Tier status derived from the ledger: walk earnings and evaluation instants in time
// order; an earning can only raise the tier, an evaluation sets it from the window.
#include "clinic/points/tiers.h"

#include <algorithm>
#include <map>

#include "clinic/civil_time.h"

namespace clinic::points {
namespace {

bool counts_as_earned(const Entry& e) {
  return (e.kind == EntryKind::earn && e.points > 0) ||
         (e.kind == EntryKind::reverse && e.points < 0 && e.event_type != "coupon");
}

int qualify(const Rules& rules, int64_t earned) {
  int idx = 0;
  for (size_t i = 0; i < rules.tiers.levels.size(); ++i) {
    if (earned >= rules.tiers.levels[i].min_earned) idx = static_cast<int>(i);
  }
  return idx;
}

}  // namespace

int64_t earned_in_window(const Rules& rules, const std::vector<Entry>& ledger, int64_t at_ms) {
  int64_t from = at_ms - static_cast<int64_t>(rules.tiers.window_days) * civil::kMsPerDay;
  // A reversal counts against the window its original was earned in.
  std::map<std::string, int64_t> earned_at;
  int64_t sum = 0;
  for (const Entry& e : ledger) {
    if (e.kind == EntryKind::earn && e.points > 0) {
      earned_at[e.id] = e.at_ms;
      if (e.at_ms > from && e.at_ms <= at_ms) sum += e.points;
    } else if (e.kind == EntryKind::reverse && e.at_ms <= at_ms) {
      auto it = earned_at.find(e.reverses);
      if (it != earned_at.end() && it->second > from && it->second <= at_ms) sum += e.points;
    }
  }
  return std::max<int64_t>(sum, 0);
}

TierStatus tier_at(const Rules& rules, const std::vector<Entry>& ledger, int64_t at_ms) {
  TierStatus s;
  if (rules.tiers.levels.empty()) return s;
  int32_t off = rules.utc_offset_min;
  std::vector<int64_t> earn_times;
  for (const Entry& e : ledger) {
    if (counts_as_earned(e) && e.at_ms <= at_ms) earn_times.push_back(e.at_ms);
  }
  std::sort(earn_times.begin(), earn_times.end());
  int idx = 0;
  if (!earn_times.empty()) {
    // Evaluation instants: local starts of months whose index is divisible by evaluation_months.
    civil::Date first = civil::local_date(earn_times.front(), off);
    int64_t month = civil::month_index(first) + 1;
    size_t k = 0;
    for (;;) {
      int64_t m = month;
      while (m % rules.tiers.evaluation_months != 0) ++m;
      civil::Date d{static_cast<int32_t>(1970 + m / 12), static_cast<int32_t>(m % 12 + 1), 1};
      int64_t eval_ms = civil::local_day_start_ms(civil::days_from_civil(d), off);
      // Earnings before the evaluation instant (upgrade at once).
      while (k < earn_times.size() && earn_times[k] < eval_ms) {
        idx = std::max(idx, qualify(rules, earned_in_window(rules, ledger, earn_times[k])));
        ++k;
      }
      if (eval_ms > at_ms) break;
      idx = qualify(rules, earned_in_window(rules, ledger, eval_ms));
      month = m + 1;
    }
  }
  s.index = idx;
  s.earned_in_window = earned_in_window(rules, ledger, at_ms);
  s.multiplier_bp = rules.tiers.levels[idx].multiplier_bp;
  return s;
}

}  // namespace clinic::points
