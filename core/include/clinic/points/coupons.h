// Redeeming catalogue coupons with points. The core has no randomness: the coupon code
// is derived from the redemption id the caller passes in (and the clinic id).
#pragma once

#include <string>
#include <vector>

#include "clinic/points/ledger.h"
#include "clinic/points/pricing.h"
#include "clinic/points/rules.h"

namespace clinic::points {

struct Redemption {
  bool duplicate = false;  // the redemption id is already in the ledger: same coupon, no new entry
  IssuedCoupon coupon;
  std::vector<Entry> entries;
};

// Errors: not_found (catalogue id), forbidden (tier-exclusive coupon above the member's
// tier), insufficient_points (available balance at at_ms is below the price).
Result<Redemption> redeem(const Rules& rules, const std::vector<Entry>& ledger, std::string_view catalogue_id,
                          std::string_view redemption_id, int64_t at_ms);
class MemberView;
Result<Redemption> redeem(const Rules& rules, const MemberView& member, std::string_view catalogue_id,
                          std::string_view redemption_id, int64_t at_ms);

IssuedCoupon issue(const Rules& rules, const CatalogueItem& item, std::string_view redemption_id, int64_t at_ms);

}  // namespace clinic::points
