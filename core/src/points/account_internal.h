// Pieces of the account fold shared by account.cpp, account_tier.cpp and the ops.
#pragma once

#include <string>

#include "clinic/points/account.h"
#include "clinic/points/tiers.h"

namespace clinic::points {

void release_lot(Account& a, size_t k);
void expire_lot(Account& a, size_t k, LotFates* fates);  // erases lot k
bool drop_if_closed(Account& a, size_t k);               // erases lot k when released and empty
void advance_to(Account& a, int64_t t, LotFates* fates);
std::string account_basis(const Rules& rules);

// A contribution to "points earned" at `at_ms` counted in the window of `earned_at_ms`.
void tier_contribute(Account& a, const Rules& rules, int64_t at_ms, int64_t earned_at_ms, int64_t points);

}  // namespace clinic::points
