// JSON <-> events and what a visit carries: cart items, issued coupons, benefits; earning reasons.
#include <boost/json.hpp>

#include "codec.h"

namespace clinic::points::codec {

std::vector<CartItem> read_items(const JsonReader& field) {
  std::vector<CartItem> out;
  field.for_each(kMaxCartItems, [&](const JsonReader& j, size_t) {
    if (!j.expect_object({"sku", "name", "amount_fen", "qty", "rx"})) return;
    CartItem it;
    it.sku = j.req_string("sku", 64);
    it.name = j.opt_string("name", "", 200);
    it.amount_fen = j.req_fen("amount_fen");
    it.qty = j.opt_int("qty", 1, 1, 1000);
    it.rx = j.req_bool("rx");  // required: a cart must say which lines are prescription drugs
    out.push_back(std::move(it));
  });
  return out;
}

IssuedCoupon read_coupon(const JsonReader& j) {
  IssuedCoupon c;
  if (!j.expect_object({"code", "redemption_id", "catalogue_id", "name_zh", "name_en", "benefit", "valid_from_ms",
                        "valid_to_ms", "status"})) {
    return c;
  }
  c.code = j.req_string("code", 32);
  c.redemption_id = j.req_string("redemption_id", kMaxIdBytes);
  c.catalogue_id = j.req_string("catalogue_id", 64);
  c.name_zh = j.opt_string("name_zh", "", 200);
  c.name_en = j.opt_string("name_en", "", 200);
  c.benefit = read_benefit(j.field("benefit"), true);
  c.valid_from_ms = j.req_epoch_ms("valid_from_ms");
  c.valid_to_ms = j.req_epoch_ms("valid_to_ms");
  size_t status = j.field("status").present() ? j.field("status").as_enum(kCouponStatuses) : 0;
  c.status = std::string(kCouponStatuses[status]);
  return c;
}

std::vector<IssuedCoupon> read_coupons(const JsonReader& field) {
  std::vector<IssuedCoupon> out;
  if (!field.present()) return out;
  field.for_each(10, [&](const JsonReader& j, size_t) { out.push_back(read_coupon(j)); });
  return out;
}

boost::json::object write_benefit(const Benefit& b) {
  boost::json::object o;
  o["kind"] = kBenefitKindNames[static_cast<int>(b.kind)];
  if (b.kind == BenefitKind::amount_off) o["amount_off_fen"] = b.amount_off_fen;
  if (b.kind == BenefitKind::percent_off) {
    o["percent_bp"] = b.percent_bp;
    o["cap_fen"] = b.cap_fen;
  }
  if (b.kind == BenefitKind::free_service) o["sku"] = b.sku;
  if (b.min_spend_fen > 0) o["min_spend_fen"] = b.min_spend_fen;
  return o;
}

boost::json::object write_coupon(const IssuedCoupon& c, const OpRequest&) {
  boost::json::object o;
  o["code"] = c.code;
  o["redemption_id"] = c.redemption_id;
  o["catalogue_id"] = c.catalogue_id;
  o["name_zh"] = c.name_zh;
  o["name_en"] = c.name_en;
  o["benefit"] = write_benefit(c.benefit);
  o["valid_from_ms"] = c.valid_from_ms;
  o["valid_to_ms"] = c.valid_to_ms;
  o["status"] = c.status;
  return o;
}

AnyEvent read_any_event(const JsonReader& j) {
  AnyEvent out;
  if (!j.expect_object()) return out;
  if (j.field("type").present() && j.field("type").raw()->is_string() &&
      j.field("type").raw()->get_string() == "cancel") {
    j.expect_object({"id", "type", "at_ms", "target_event_id"});
    out.event.id = j.req_string("id", kMaxIdBytes);
    out.event.at_ms = j.req_epoch_ms("at_ms");
    out.cancel_target = j.req_string("target_event_id", kMaxIdBytes);
    if (j.ok() && out.event.id.empty()) j.field("id").fail("不能为空", "must not be empty");
    if (j.ok() && out.cancel_target.empty()) j.field("target_event_id").fail("不能为空", "must not be empty");
    return out;
  }
  out.event = read_event(j);
  return out;
}

Event read_event(const JsonReader& j) {
  Event ev;
  if (!j.expect_object({"id", "type", "at_ms", "items", "coupons", "invitee_discount"})) return ev;
  ev.id = j.req_string("id", kMaxIdBytes);
  if (j.ok() && ev.id.empty()) j.field("id").fail("不能为空", "must not be empty");
  ev.type = static_cast<EventType>(j.field("type").as_enum(kEventTypeNames));
  ev.at_ms = j.req_epoch_ms("at_ms");
  if (!j.ok()) return ev;
  if (ev.type == EventType::visit_completed) {
    ev.items = read_items(j.field("items"));
    ev.coupons = read_coupons(j.field("coupons"));
    JsonReader inv = j.field("invitee_discount");
    if (inv.present() && inv.expect_object({"campaign_id"})) ev.invitee_campaign_id = inv.req_string("campaign_id", 64);
  } else {
    for (std::string_view k : {"items", "coupons", "invitee_discount"}) {
      if (j.field(k).present()) j.field(k).fail("仅就诊事件可带购物明细", "only visit_completed carries a cart");
    }
  }
  return ev;
}

boost::json::array write_reasons(const std::vector<Reason>& reasons, const OpRequest& req) {
  boost::json::array a;
  for (const Reason& r : reasons) {
    a.push_back(boost::json::object{{"code", r.code}, {"message", req.english() ? r.en : r.zh}, {"amount", r.amount}});
  }
  return a;
}

}  // namespace clinic::points::codec
