// Tiers on points *earned* in a rolling window (not the balance): upgrade at once when
// an earning crosses a threshold, downgrade (or any re-evaluation) only at evaluation
// instants (local month starts). Derived from the ledger, never stored.
#pragma once

#include <cstdint>
#include <vector>

#include "clinic/points/ledger.h"
#include "clinic/points/rules.h"

namespace clinic::points {

struct TierStatus {
  int index = 0;                 // into rules.tiers.levels; 0 when there are no tiers
  int64_t earned_in_window = 0;  // as of the instant asked
  int64_t multiplier_bp = 10000;
};

// Points earned (net of reversals) in (at_ms - window, at_ms].
int64_t earned_in_window(const Rules& rules, const std::vector<Entry>& ledger, int64_t at_ms);
TierStatus tier_at(const Rules& rules, const std::vector<Entry>& ledger, int64_t at_ms);

struct Account;
// The same from an account (at_ms at or after the account's newest entry): cost bounded by
// the earnings inside the window, not by the history.
TierStatus tier_at(const Rules& rules, const Account& account, int64_t at_ms);

}  // namespace clinic::points
