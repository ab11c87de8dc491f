// The tier machine of an account: the same walk as tiers.cpp (upgrade at once after the
// contributions of an instant, re-evaluation at local month starts divisible by
// evaluation_months, counted from the month after the first contribution), taken one
// contribution at a time. Contributions are kept by the instant they were earned, only
// while some future window can still hold them.
#include <algorithm>

#include "account_internal.h"
#include "clinic/civil_time.h"
#include "clinic/points/tiers.h"

namespace clinic::points {
namespace {

int64_t window_ms(const Rules& rules) {
  return static_cast<int64_t>(rules.tiers.window_days) * civil::kMsPerDay;
}

int64_t window_sum(const Rules& rules, const TierState& s, int64_t at_ms) {
  int64_t sum = 0;
  for (auto it = s.window.upper_bound(at_ms - window_ms(rules)); it != s.window.end() && it->first <= at_ms; ++it) {
    sum += it->second;
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

void set_eval_month(const Rules& rules, TierState& s, int64_t month, int32_t off) {
  while (month % rules.tiers.evaluation_months != 0) ++month;
  civil::Date d{static_cast<int32_t>(1970 + month / 12), static_cast<int32_t>(month % 12 + 1), 1};
  s.next_eval_month = month;
  s.next_eval_ms = civil::local_day_start_ms(civil::days_from_civil(d), off);
}

// Takes the upgrade check and the evaluations due before `t` (strict: a contribution at t
// may still come) or at `t` (a question asked at t).
void resolve(const Rules& rules, TierState& s, int64_t t, bool strict, int32_t off) {
  int top = static_cast<int>(rules.tiers.levels.size()) - 1;
  for (;;) {
    bool check_due = s.check_pending && (strict ? s.check_at_ms < t : s.check_at_ms <= t);
    if (check_due && (!s.started || s.check_at_ms < s.next_eval_ms)) {
      if (s.index < top) s.index = std::max(s.index, qualify(rules, window_sum(rules, s, s.check_at_ms)));
      s.check_pending = false;
      continue;
    }
    bool eval_due = s.started && (strict ? s.next_eval_ms < t : s.next_eval_ms <= t);
    if (eval_due) {
      s.index = qualify(rules, window_sum(rules, s, s.next_eval_ms));
      set_eval_month(rules, s, s.next_eval_month + 1, off);
      continue;
    }
    return;
  }
}

}  // namespace

void tier_contribute(Account& a, const Rules& rules, int64_t at_ms, int64_t earned_at_ms, int64_t points) {
  if (rules.tiers.levels.empty()) return;
  TierState& s = a.tier;
  int32_t off = a.utc_offset_min;
  resolve(rules, s, at_ms, true, off);
  if (!s.started) {
    s.started = true;
    set_eval_month(rules, s, civil::month_index(civil::local_date(at_ms, off)) + 1, off);
  }
  s.window[earned_at_ms] += points;
  if (s.window[earned_at_ms] == 0) s.window.erase(earned_at_ms);
  s.check_pending = true;
  s.check_at_ms = at_ms;
  // Every later question is asked at or after the earliest of: this contribution, the
  // next evaluation; windows before that can no longer hold anything dropped here.
  int64_t base = at_ms;
  if (s.started) base = std::min(base, s.next_eval_ms);
  int64_t keep_after = base - window_ms(rules);
  s.window.erase(s.window.begin(), s.window.upper_bound(keep_after));
}

TierStatus tier_at(const Rules& rules, const Account& account, int64_t at_ms) {
  TierStatus out;
  if (rules.tiers.levels.empty()) return out;
  TierState s = account.tier;
  resolve(rules, s, at_ms, false, account.utc_offset_min);
  out.index = s.index;
  out.earned_in_window = window_sum(rules, s, at_ms);
  out.multiplier_bp = rules.tiers.levels[out.index].multiplier_bp;
  return out;
}

}  // namespace clinic::points
