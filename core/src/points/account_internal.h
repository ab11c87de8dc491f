// Pieces of the account fold shared by account.cpp, account_tier.cpp and the ops.
#pragma once

#include "clinic/points/account_host.h"  // account_basis

#include <climits>
#include <string>
#include <vector>

#include "clinic/points/account.h"
#include "clinic/points/tiers.h"

namespace clinic::points {

void release_lot(Account& a, size_t k);
void expire_lot(Account& a, size_t k, LotFates* fates);  // erases lot k
bool drop_if_closed(Account& a, size_t k);               // erases lot k when released and empty
void advance_to(Account& a, int64_t t, LotFates* fates);

// Chunks (account_codec.cpp): the items of one, and a chunk made of items.
std::vector<AccountLot> decode_lots(const Chunk& c);
std::vector<std::pair<int64_t, int64_t>> decode_window(const Chunk& c);
// Decodes into `lots` (kept in seq order) the cold lot chunks of key `key`, those with a
// release or an expiry due by `due_by`, or all of them.
void thaw_lots(Account& a, int64_t key, int64_t due_by = INT64_MIN, bool all = false);
inline void thaw_all_lots(Account& a) {
  thaw_lots(a, -1, INT64_MIN, true);
}
// Decodes into `window` (kept in time order) the cold chunk of key `key` and those with a
// pair at or before `upto`.
void thaw_window(TierState& s, int64_t key, int64_t upto);
inline int64_t window_key(int64_t at_ms) {
  return at_ms >= 0 ? at_ms / kWindowChunkMs : -((-at_ms + kWindowChunkMs - 1) / kWindowChunkMs);
}

// A contribution to "points earned" at `at_ms` counted in the window of `earned_at_ms`.
void tier_contribute(Account& a, const Rules& rules, int64_t at_ms, int64_t earned_at_ms, int64_t points);

}  // namespace clinic::points
