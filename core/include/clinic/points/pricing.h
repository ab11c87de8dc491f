// Visit pricing: cart lines + coupons + invitee benefit -> line totals, discounts and the
// payable amount, exact to the fen. Prescription (rx) lines never get a discount, never
// earn points and never count toward a rebate, whatever the rules or coupons say.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/points/rules.h"

namespace clinic::points {

struct CartItem {
  std::string sku, name;
  int64_t amount_fen = 0;  // unit price
  int64_t qty = 1;
  bool rx = false;
};

// THE list of coupon statuses (the server's record): the coupons table's CHECK
// (native-server/src/store/migrations.cpp), docs/openapi.yaml, the mini-program's and the desk
// page's status texts are tested equal to it (server_tests, tests/node/vocabulary.test.mjs).
inline constexpr std::array<std::string_view, 3> kCouponStatuses = {"issued", "used", "cancelled"};

// An issued coupon as coupon.redeem returned it (the desk sends it back to price a visit).
struct IssuedCoupon {
  std::string code, redemption_id, catalogue_id, name_zh, name_en;
  Benefit benefit;
  int64_t valid_from_ms = 0, valid_to_ms = 0;
  std::string status = "issued";  // one of kCouponStatuses
};

struct PricedLine {
  CartItem item;
  int64_t total_fen = 0, discount_fen = 0, payable_fen = 0;
};

struct AppliedDiscount {
  std::string source;  // "coupon" | "invitee"
  std::string code;    // coupon code or campaign id
  bool applied = false;
  int64_t amount_fen = 0;
  Reason reason;
};

struct PricedVisit {
  std::vector<PricedLine> lines;
  std::vector<AppliedDiscount> discounts;
  int64_t total_fen = 0, discount_fen = 0, payable_fen = 0;
  int64_t eligible_paid_fen = 0;  // payable of non-rx lines: what points and rebates are based on
  int64_t rx_fen = 0;
};

// Why a coupon cannot be used on this cart now (nullopt = usable).
std::optional<Reason> coupon_problem(const Rules& rules, const IssuedCoupon& coupon, const std::vector<CartItem>& items,
                                     int64_t at_ms);
// Deterministic coupon code from the clinic id and the caller's redemption id.
std::string coupon_code(std::string_view clinic_id, std::string_view redemption_id);

// Errors: limit_reached (more coupons than compliance.max_coupons_per_visit), not_found
// (unknown invitee campaign), invalid_field (line amount overflow).
Result<PricedVisit> price_visit(const Rules& rules, const std::vector<CartItem>& items,
                                const std::vector<IssuedCoupon>& coupons, const std::string& invitee_campaign_id,
                                int64_t at_ms);

}  // namespace clinic::points
