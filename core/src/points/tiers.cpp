// Tier status derived from the ledger: walk earnings and evaluation instants in time
// order; an earning can only raise the tier, an evaluation sets it from the window.
#include "clinic/points/tiers.h"

#include <algorithm>
#include <map>

#include "clinic/civil_time.h"

namespace clinic::points {
namespace {

// One contribution to "points earned": an earning (+) or the reversal of one (-),
// counted in the window that holds the original earning, from the moment it happened.
struct Contribution {
  int64_t at = 0, earned_at = 0, points = 0;
};

std::vector<Contribution> contributions(const std::vector<Entry>& ledger) {
  std::map<std::string, int64_t> earned_at;
  std::vector<Contribution> out;
  for (const Entry& e : ledger) {
    if (e.kind == EntryKind::earn && e.points > 0) {
      earned_at[e.id] = e.at_ms;
      out.push_back(Contribution{e.at_ms, e.at_ms, e.points});
    } else if (e.kind == EntryKind::reverse && e.points < 0) {
      auto it = earned_at.find(e.reverses);
      if (it != earned_at.end()) out.push_back(Contribution{e.at_ms, it->second, e.points});
    }
  }
  return out;
}

int64_t window_sum(const Rules& rules, const std::vector<Contribution>& cs, int64_t at_ms) {
  int64_t from = at_ms - static_cast<int64_t>(rules.tiers.window_days) * civil::kMsPerDay;
  int64_t sum = 0;
  for (const Contribution& c : cs) {
    if (c.at <= at_ms && c.earned_at > from && c.earned_at <= at_ms) sum += c.points;
  }
  return std::max<int64_t>(sum, 0);
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
  return window_sum(rules, contributions(ledger), at_ms);
}

TierStatus tier_at(const Rules& rules, const std::vector<Entry>& ledger, int64_t at_ms) {
  TierStatus s;
  if (rules.tiers.levels.empty()) return s;
  int32_t off = rules.utc_offset_min;
  std::vector<Contribution> cs = contributions(ledger);
  std::vector<int64_t> earn_times;
  for (const Contribution& c : cs) {
    if (c.at <= at_ms) earn_times.push_back(c.at);
  }
  std::sort(earn_times.begin(), earn_times.end());
  int top = static_cast<int>(rules.tiers.levels.size()) - 1;
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
      // Earnings before the evaluation instant (upgrade at once; nothing to do at the top tier).
      for (; k < earn_times.size() && earn_times[k] < eval_ms; ++k) {
        if (idx < top && (k + 1 == earn_times.size() || earn_times[k + 1] != earn_times[k])) {
          idx = std::max(idx, qualify(rules, window_sum(rules, cs, earn_times[k])));
        }
      }
      if (eval_ms > at_ms) break;
      idx = qualify(rules, window_sum(rules, cs, eval_ms));
      month = m + 1;
    }
  }
  s.index = idx;
  s.earned_in_window = window_sum(rules, cs, at_ms);
  s.multiplier_bp = rules.tiers.levels[idx].multiplier_bp;
  return s;
}

}  // namespace clinic::points
