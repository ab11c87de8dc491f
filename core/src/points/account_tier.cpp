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

using Window = std::vector<std::pair<int64_t, int64_t>>;

// The first contribution earned after `t`.
Window::const_iterator after(const Window& w, int64_t t) {
  return std::upper_bound(w.begin(), w.end(), t,
                          [](int64_t x, const std::pair<int64_t, int64_t>& c) { return x < c.first; });
}

// A cold chunk's pairs, decoded once per operation (Chunk::pairs).
const Window& pairs_of(const Chunk& c) {
  if (!c.pairs) c.pairs = decode_window(c);
  return *c.pairs;
}

int64_t sum_in(const Window& w, int64_t from, int64_t at_ms) {
  int64_t sum = 0;
  for (auto it = after(w, from); it != w.end() && it->first <= at_ms; ++it) sum += it->second;
  return sum;
}

// Earned in (at_ms - window, at_ms]: a cold chunk inside counts by its sum, one across an
// end is decoded on the side (the state is not changed) and its pairs kept for the thaw.
int64_t window_sum(const Rules& rules, const TierState& s, int64_t at_ms) {
  int64_t from = at_ms - window_ms(rules);
  int64_t sum = sum_in(s.window, from, at_ms);
  for (const Chunk& c : s.cold) {
    if (c.lo > from && c.hi <= at_ms) {
      sum += c.sum;
    } else if (c.hi > from && c.lo <= at_ms) {
      sum += sum_in(pairs_of(c), from, at_ms);
    }
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
void resolve(const Rules& rules, TierState& s, const TierState& w, int64_t t, bool strict, int32_t off) {
  int top = static_cast<int>(rules.tiers.levels.size()) - 1;
  for (;;) {
    bool check_due = s.check_pending && (strict ? s.check_at_ms < t : s.check_at_ms <= t);
    if (check_due && (!s.started || s.check_at_ms < s.next_eval_ms)) {
      if (s.index < top) s.index = std::max(s.index, qualify(rules, window_sum(rules, w, s.check_at_ms)));
      s.check_pending = false;
      continue;
    }
    bool eval_due = s.started && (strict ? s.next_eval_ms < t : s.next_eval_ms <= t);
    if (eval_due) {
      s.index = qualify(rules, window_sum(rules, w, s.next_eval_ms));
      set_eval_month(rules, s, s.next_eval_month + 1, off);
      continue;
    }
    return;
  }
}

}  // namespace

[[gnu::noinline]] void thaw_window(TierState& s, int64_t key, int64_t upto) {
  for (size_t i = 0; i < s.cold.size();) {
    if (s.cold[i].key != key && s.cold[i].lo > upto) {
      ++i;
      continue;
    }
    // The chunk's pairs are one run of instants: merged in order.
    Window items = s.cold[i].pairs ? std::move(*s.cold[i].pairs) : decode_window(s.cold[i]), merged;
    s.cold.erase(s.cold.begin() + static_cast<std::ptrdiff_t>(i));
    merged.reserve(s.window.size() + items.size());
    size_t k = 0;
    for (; k < s.window.size() && (items.empty() || s.window[k].first < items.front().first); ++k) {
      merged.push_back(s.window[k]);
    }
    for (const auto& p : items) merged.push_back(p);
    for (; k < s.window.size(); ++k) merged.push_back(s.window[k]);
    s.window = std::move(merged);
  }
}

void tier_contribute(Account& a, const Rules& rules, int64_t at_ms, int64_t earned_at_ms, int64_t points) {
  if (rules.tiers.levels.empty()) return;
  TierState& s = a.tier;
  int32_t off = a.utc_offset_min;
  resolve(rules, s, s, at_ms, true, off);
  if (!s.started) {
    s.started = true;
    set_eval_month(rules, s, civil::month_index(civil::local_date(at_ms, off)) + 1, off);
  }
  // Contributions arrive in time order, reversals name an earlier instant; the pair joins
  // its chunk, decoded whole.
  int64_t key = window_key(earned_at_ms);
  thaw_window(s, key, INT64_MIN);
  auto at = std::lower_bound(s.window.begin(), s.window.end(), earned_at_ms,
                             [](const std::pair<int64_t, int64_t>& c, int64_t x) { return c.first < x; });
  if (at == s.window.end() || at->first != earned_at_ms) at = s.window.insert(at, {earned_at_ms, 0});
  at->second += points;
  if (at->second == 0) s.window.erase(at);
  s.check_pending = true;
  s.check_at_ms = at_ms;
  // Every later question is asked at or after the earliest of: this contribution, the
  // next evaluation; windows before that can no longer hold anything dropped here.
  int64_t base = at_ms;
  if (s.started) base = std::min(base, s.next_eval_ms);
  int64_t keep_after = base - window_ms(rules);
  s.cold.erase(std::remove_if(s.cold.begin(), s.cold.end(), [&](const Chunk& c) { return c.hi <= keep_after; }),
               s.cold.end());
  thaw_window(s, INT64_MIN, keep_after);
  s.window.erase(s.window.begin(), s.window.begin() + (after(s.window, keep_after) - s.window.cbegin()));
}

std::string tier_state_problem(const Account& account, const Rules& rules) {
  const TierState& t = account.tier;
  if (static_cast<size_t>(t.index) >= std::max<size_t>(1, rules.tiers.levels.size())) return "index";
  if (!t.started || rules.tiers.levels.empty()) return {};
  // A started machine's next evaluation is a month start of the rules' calendar after an
  // event time the reader accepts (civil::kMinEpochMs..kMaxEpochMs): anything else would make
  // resolve() walk months without end.
  int32_t off = account.utc_offset_min;
  const int64_t first = civil::month_index(civil::local_date(civil::kMinEpochMs, off));
  const int64_t last = civil::month_index(civil::local_date(civil::kMaxEpochMs, off)) + 12;
  if (t.next_eval_month < first || t.next_eval_month > last) return "next_eval_month";
  TierState expected;
  set_eval_month(rules, expected, t.next_eval_month, off);
  if (expected.next_eval_month != t.next_eval_month) return "next_eval_month";
  if (expected.next_eval_ms != t.next_eval_ms) return "next_eval_ms";
  return {};
}

TierStatus tier_at(const Rules& rules, const Account& account, int64_t at_ms) {
  TierStatus out;
  if (rules.tiers.levels.empty()) return out;
  TierState s;  // the machine's scalars; the window is read where it is
  s.index = account.tier.index, s.started = account.tier.started;
  s.next_eval_ms = account.tier.next_eval_ms, s.next_eval_month = account.tier.next_eval_month;
  s.check_pending = account.tier.check_pending, s.check_at_ms = account.tier.check_at_ms;
  resolve(rules, s, account.tier, at_ms, false, account.utc_offset_min);
  out.index = s.index;
  out.earned_in_window = window_sum(rules, account.tier, at_ms);
  out.multiplier_bp = rules.tiers.levels[out.index].multiplier_bp;
  return out;
}

}  // namespace clinic::points
