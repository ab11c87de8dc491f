// Pricing a visit. Discounts are spread over the non-rx lines in proportion to what is
// still payable on each (money::allocate, exact to the fen); rx lines are left alone.
#include "clinic/points/pricing.h"

#include <algorithm>

#include "clinic/money.h"

namespace clinic::points {
namespace {

Reason reason(std::string code, std::string zh, std::string en, int64_t amount = 0) {
  return Reason{std::move(code), std::move(zh), std::move(en), amount};
}

int64_t eligible_subtotal(const std::vector<CartItem>& items) {
  int64_t sum = 0;
  for (const CartItem& it : items) {
    if (!it.rx) sum += it.amount_fen * it.qty;  // bounded by the codec (amount, qty limits)
  }
  return sum;
}

// Applies one benefit to the priced lines; returns the discount actually given.
int64_t apply_benefit(const Benefit& b, std::vector<PricedLine>& lines) {
  std::vector<int64_t> weights;
  int64_t remaining = 0;
  for (const PricedLine& l : lines) {
    int64_t w = l.item.rx ? 0 : l.payable_fen;
    weights.push_back(w);
    remaining += w;
  }
  int64_t discount = 0;
  switch (b.kind) {
    case BenefitKind::amount_off:
      discount = std::min(b.amount_off_fen, remaining);
      break;
    case BenefitKind::percent_off:
      discount = money::percent_floor(remaining, b.percent_bp).value_or(0);
      if (b.cap_fen > 0) discount = std::min(discount, b.cap_fen);
      break;
    case BenefitKind::free_service:
      for (PricedLine& l : lines) {
        if (!l.item.rx && l.item.sku == b.sku && l.payable_fen > 0) {
          int64_t d = std::min(l.item.amount_fen, l.payable_fen);
          l.discount_fen += d;
          l.payable_fen -= d;
          return d;
        }
      }
      return 0;
  }
  if (discount <= 0) return 0;
  auto shares = money::allocate(discount, weights);
  if (!shares) return 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].discount_fen += (*shares)[i];
    lines[i].payable_fen -= (*shares)[i];
  }
  return discount;
}

std::optional<Reason> benefit_problem(const Benefit& b, const std::vector<CartItem>& items) {
  int64_t eligible = eligible_subtotal(items);
  if (eligible < b.min_spend_fen) {
    return reason("min_spend", "非处方项目金额未达到 " + money::format_yuan(b.min_spend_fen) + " 元",
                  "non-prescription subtotal below " + money::format_yuan(b.min_spend_fen) + " yuan");
  }
  if (b.kind == BenefitKind::free_service) {
    bool found = false;
    for (const CartItem& it : items) found = found || (!it.rx && it.sku == b.sku);
    if (!found) return reason("service_missing", "本次消费不含券面服务 " + b.sku, "the cart has no " + b.sku);
  }
  if (eligible == 0) return reason("nothing_eligible", "处方药不参与优惠", "prescription items get no discount");
  return std::nullopt;
}

}  // namespace

std::string coupon_code(std::string_view clinic_id, std::string_view redemption_id) {
  // FNV-1a 64 over "clinic|redemption", shown as 12 Crockford base32 characters. Not a
  // secret: the server keeps the issued-coupon record and checks it at the desk.
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(clinic_id);
  mix("|");
  mix(redemption_id);
  // Avalanche (murmur3 finaliser) so similar ids give unrelated codes.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string code;
  for (int i = 0; i < 12; ++i) {
    if (i == 4 || i == 8) code += '-';
    code += kAlphabet[h & 31];
    h >>= 5;
  }
  return code;
}

std::optional<Reason> coupon_problem(const Rules& rules, const IssuedCoupon& c, const std::vector<CartItem>& items,
                                     int64_t at_ms) {
  if (c.code != coupon_code(rules.clinic_id, c.redemption_id)) {
    return reason("bad_code", "券码与兑换记录不符", "coupon code does not match its redemption");
  }
  if (c.status == "used") return reason("used", "该券已使用", "coupon already used");
  if (c.status == "cancelled") return reason("cancelled", "该券已作废", "coupon was cancelled");
  if (at_ms < c.valid_from_ms) return reason("not_yet_valid", "该券尚未生效", "coupon not yet valid");
  if (at_ms >= c.valid_to_ms) return reason("expired", "该券已过期", "coupon expired");
  return benefit_problem(c.benefit, items);
}

Result<PricedVisit> price_visit(const Rules& rules, const std::vector<CartItem>& items,
                                const std::vector<IssuedCoupon>& coupons, const std::string& invitee_campaign_id,
                                int64_t at_ms) {
  if (static_cast<int64_t>(coupons.size()) > rules.compliance.max_coupons_per_visit) {
    return make_error(ErrorCode::limit_reached,
                      "每次就诊最多使用 " + std::to_string(rules.compliance.max_coupons_per_visit) + " 张券",
                      "at most " + std::to_string(rules.compliance.max_coupons_per_visit) + " coupon(s) per visit",
                      "$.coupons");
  }
  PricedVisit v;
  for (const CartItem& it : items) {
    auto total = money::mul(it.amount_fen, it.qty);
    if (!total || *total > money::kMaxFen || v.total_fen + *total > money::kMaxFen) {
      return make_error(ErrorCode::invalid_field, "金额过大", "amount too large", "$.items");
    }
    v.lines.push_back(PricedLine{it, *total, 0, *total});
    v.total_fen += *total;
    if (it.rx) v.rx_fen += *total;
  }
  if (!invitee_campaign_id.empty()) {
    const Campaign* c = rules.campaign(invitee_campaign_id);
    if (!c) {
      return make_error(ErrorCode::not_found, "没有该邀请活动：" + invitee_campaign_id,
                        "no such campaign: " + invitee_campaign_id, "$.invitee_discount.campaign_id");
    }
    AppliedDiscount d{"invitee", c->id, false, 0, {}};
    if (!c->invitee_benefit) {
      d.reason = reason("no_benefit", "该活动没有新客优惠", "the campaign has no invitee benefit");
    } else if (auto problem = benefit_problem(*c->invitee_benefit, items)) {
      d.reason = *problem;
    } else {
      d.amount_fen = apply_benefit(*c->invitee_benefit, v.lines);
      d.applied = true;
      d.reason = reason("invitee_benefit", "新客首诊优惠（" + c->name_zh + "）",
                        "new member benefit (" + c->name_en + ")", d.amount_fen);
    }
    v.discounts.push_back(d);
  }
  for (const IssuedCoupon& c : coupons) {
    AppliedDiscount d{"coupon", c.code, false, 0, {}};
    if (auto problem = coupon_problem(rules, c, items, at_ms)) {
      d.reason = *problem;
    } else {
      d.amount_fen = apply_benefit(c.benefit, v.lines);
      d.applied = true;
      d.reason = reason("coupon", "优惠券：" + c.name_zh, "coupon: " + c.name_en, d.amount_fen);
    }
    v.discounts.push_back(d);
  }
  for (const PricedLine& l : v.lines) {
    v.discount_fen += l.discount_fen;
    v.payable_fen += l.payable_fen;
    if (!l.item.rx) v.eligible_paid_fen += l.payable_fen;
  }
  return v;
}

}  // namespace clinic::points
