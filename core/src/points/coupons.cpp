// Catalogue redemption: a spend entry + an issued coupon. Refunding the redemption is
// a `cancel` event (points.apply), which restores the points to the lots they came from.
#include "clinic/points/coupons.h"

#include "clinic/civil_time.h"
#include "clinic/points/member_view.h"
#include "clinic/points/tiers.h"

namespace clinic::points {

IssuedCoupon issue(const Rules& rules, const CatalogueItem& item, std::string_view redemption_id, int64_t at_ms) {
  IssuedCoupon c;
  c.code = coupon_code(rules.clinic_id, redemption_id);
  c.redemption_id = std::string(redemption_id);
  c.catalogue_id = item.id;
  c.name_zh = item.name_zh;
  c.name_en = item.name_en;
  c.benefit = item.benefit;
  c.valid_from_ms = at_ms;
  // Valid through the end of the local day `valid_days` after redemption.
  int64_t day = civil::local_day(at_ms, rules.utc_offset_min);
  c.valid_to_ms = civil::local_day_start_ms(day + item.valid_days + 1, rules.utc_offset_min);
  return c;
}

Result<Redemption> redeem(const Rules& rules, const std::vector<Entry>& ledger, std::string_view catalogue_id,
                          std::string_view redemption_id, int64_t at_ms) {
  return redeem(rules, LedgerView(rules, ledger), catalogue_id, redemption_id, at_ms);
}

Result<Redemption> redeem(const Rules& rules, const MemberView& member, std::string_view catalogue_id,
                          std::string_view redemption_id, int64_t at_ms) {
  Redemption out;
  if (const Entry* e = member.spend_of(redemption_id)) {
    const CatalogueItem* item = rules.catalogue_item(e->catalogue_id);
    out.duplicate = true;
    if (item) out.coupon = issue(rules, *item, redemption_id, e->at_ms);
    return out;
  }
  if (member.has_event(redemption_id)) {
    return make_error(ErrorCode::conflict, "该 id 已用于其他事件", "this id was used by another event",
                      "$.redemption_id");
  }
  const CatalogueItem* item = rules.catalogue_item(catalogue_id);
  if (!item) {
    return make_error(ErrorCode::not_found, "兑换目录中没有：" + std::string(catalogue_id),
                      "no such catalogue item: " + std::string(catalogue_id), "$.catalogue_id");
  }
  if (!item->min_tier.empty()) {
    TierStatus t = member.tier_at(at_ms);
    int need = rules.tier_index(item->min_tier);
    if (t.index < need) {
      const Tier& tier = rules.tiers.levels[need];
      return make_error(ErrorCode::forbidden, "该券为" + tier.name_zh + "及以上等级专享",
                        "this coupon is exclusive to " + tier.name_en + " tier and above", "$.catalogue_id");
    }
  }
  Balance b = member.balance_at(at_ms);
  if (b.available < item->price_points) {
    return make_error(
        ErrorCode::insufficient_points,
        "可用积分 " + std::to_string(b.available) + "，需要 " + std::to_string(item->price_points),
        "available points " + std::to_string(b.available) + ", needed " + std::to_string(item->price_points),
        "$.catalogue_id");
  }
  out.coupon = issue(rules, *item, redemption_id, at_ms);
  Entry e;
  e.id = entry_id(redemption_id, 1);
  e.event_id = std::string(redemption_id);
  e.kind = EntryKind::spend;
  e.event_type = "coupon";
  e.points = -item->price_points;
  e.at_ms = at_ms;
  e.coupon_code = out.coupon.code;
  e.catalogue_id = item->id;
  e.rule_version = rules.version;
  e.reason = "coupon_redeemed";
  e.text_zh = "兑换：" + item->name_zh;
  e.text_en = "redeemed: " + item->name_en;
  out.entries.push_back(std::move(e));
  return out;
}

}  // namespace clinic::points
