#include "domain/visit_service.h"

#include "domain/clinic_catalogue.h"
#include "domain/core_client.h"
#include "domain/ledger_service.h"
#include "errors.h"
#include "routes/api_common.h"
#include "routes/fields.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

struct Prepared : ReferralInputs {
  RuleVersion rules;
  array items;    // the core's cart lines, priced from the catalogue
  array coupons;  // issued coupons as the core wants them
};

Prepared prepare(Repos& r, const VisitInput& in) {
  Prepared p;
  auto clinic = r.clinic_by_id(in.clinic_id);
  auto member = r.member_by_id(in.member_id);
  if (!member || member->deleted_at_ms || !clinic || member->org_id != clinic->org_id) {
    throw ApiError("not_found", {"没有这个会员", "no such member"}, "$.member_id");
  }
  p.rules = active_points_rules(r, in.clinic_id);
  for (size_t i = 0; i < in.items.size(); ++i) {
    const object& it = in.items[i].as_object();
    std::string sku(it.at("sku").as_string());
    const CatalogueItem* c = find_catalogue_item(sku);
    if (!c)
      throw ApiError("not_found", {"目录中没有该项目", "no such item in the catalogue"},
                     "$.items[" + std::to_string(i) + "].sku");
    p.items.push_back(object{
        {"sku", c->sku}, {"name", c->name_zh}, {"amount_fen", c->amount_fen}, {"qty", it.at("qty")}, {"rx", c->rx}});
  }
  for (size_t i = 0; i < in.coupon_codes.size(); ++i) {
    std::string path = "$.coupon_codes[" + std::to_string(i) + "]";
    auto c = r.coupon_by_code(in.coupon_codes[i]);
    if (!c || c->member_id != in.member_id)
      throw ApiError("not_found", {"没有这张券", "no such coupon for this member"}, path);
    if (c->status != "issued") throw ApiError("conflict", {"券已使用或作废", "coupon already used or cancelled"}, path);
    p.coupons.push_back(coupon_json(*c));
  }
  static_cast<ReferralInputs&>(p) = referral_inputs(r, in.member_id);
  return p;
}

object price(Repos& r, const Prepared& p, const VisitInput& in, const std::string& lang) {
  object args{{"rules", p.rules.document},
              {"items", p.items},
              {"coupons", p.coupons},
              {"at_ms", in.at_ms},
              {"ledger", ledger_json(r, in.member_id)}};
  if (!p.invitee_discount.is_null()) args["invitee_discount"] = p.invitee_discount;
  if (!p.referral.is_null()) args["referral"] = p.referral;
  return core_call("visit.price", std::move(args), lang);
}

}  // namespace

ReferralInputs referral_inputs(Repos& r, int64_t member_id) {
  ReferralInputs in;
  in.binding = r.binding_of(member_id);
  in.first_paid = r.confirmed_paid_visits(member_id) == 0;
  if (in.binding && in.first_paid) {
    in.invitee_discount = object{{"campaign_id", in.binding->campaign_id}};
    in.referral = object{{"binding", parse_json_text(in.binding->binding)},
                         {"inviter", object{{"member_id", member_ref(in.binding->inviter_id)},
                                            {"staff", false},
                                            {"ledger", ledger_json(r, in.binding->inviter_id)}}},
                         {"first_paid_visit", true},
                         {"campaign_used", r.campaign_used(in.binding->campaign_id)}};
  }
  return in;
}

VisitInput read_visit_input(const object& body, int64_t clinic_id, int64_t at_ms, bool with_ref) {
  BodyReader b(body);
  JsonReader root = b.root();
  if (with_ref) {
    root.expect_object({"member_id", "visit_ref", "items", "coupon_codes", "paid", "patient_id"});
  } else {
    root.expect_object({"member_id", "items", "coupon_codes", "patient_id"});
  }
  VisitInput in;
  in.clinic_id = clinic_id;
  in.at_ms = at_ms;
  in.member_id = root.req_int("member_id", 1, INT64_MAX);
  if (root.field("patient_id").present()) in.patient_id = root.req_int("patient_id", 1, INT64_MAX);
  if (with_ref) {
    in.visit_ref = root.req_string("visit_ref", 64);
    if (root.ok() && in.visit_ref.empty())
      root.field("visit_ref").fail(ErrorCode::missing_field, "不能为空", "must not be empty");
    if (root.ok() && !root.req_bool("paid")) {
      root.field("paid").fail("只有已付款的就诊才能确认", "only a paid visit can be confirmed");
    }
  }
  root.field("items").for_each(200, [&](const JsonReader& it, size_t) {
    if (!it.expect_object({"sku", "qty"})) return;
    in.items.push_back(object{{"sku", it.req_string("sku", 64)}, {"qty", it.opt_int("qty", 1, 1, 1000)}});
  });
  if (root.ok() && in.items.empty()) root.field("items").fail("购物车为空", "the cart is empty");
  if (root.field("coupon_codes").present()) {
    root.field("coupon_codes").for_each(10, [&](const JsonReader& c, size_t) {
      in.coupon_codes.push_back(c.as_string(32));
    });
  }
  b.done();
  return in;
}

object visit_json(const VisitRow& v) {
  object o{{"id", v.id},
           {"clinic_id", v.clinic_id},
           {"member_id", v.member_id},
           {"visit_ref", v.visit_ref},
           {"event_id", v.event_id},
           {"status", v.status},
           {"payable_fen", v.payable_fen},
           {"points", v.points},
           {"rebate", v.rebate},
           {"rebate_unit", v.rebate_unit},
           {"at_ms", v.at_ms}};
  o["refunded_at_ms"] = v.refunded_at_ms ? value(*v.refunded_at_ms) : value(nullptr);
  return o;
}

object preview_visit(Repos& r, const VisitInput& in, const std::string& lang) {
  Prepared p = prepare(r, in);
  object out = price(r, p, in, lang);
  out["rule_version"] = p.rules.version;
  return out;
}

object confirm_visit(Repos& r, const VisitInput& in, const std::string& lang) {
  if (r.visit_by_ref(in.clinic_id, in.visit_ref)) {
    throw ApiError("conflict", {"该就诊单已确认", "this visit was already confirmed"}, "$.visit_ref");
  }
  Prepared p = prepare(r, in);
  object priced = price(r, p, in, lang);
  std::string event_id = "visit:" + std::to_string(in.clinic_id) + ":" + in.visit_ref;
  object event{
      {"id", event_id}, {"type", "visit_completed"}, {"at_ms", in.at_ms}, {"items", p.items}, {"coupons", p.coupons}};
  if (!p.invitee_discount.is_null()) event["invitee_discount"] = p.invitee_discount;
  object applied = apply_member_op(r, "points.apply", in.member_id, in.clinic_id, object{{"event", event}}, lang);

  VisitRow v;
  v.clinic_id = in.clinic_id;
  v.member_id = in.member_id;
  v.visit_ref = in.visit_ref;
  v.event_id = event_id;
  v.status = "confirmed";
  v.cart = boost::json::serialize(p.items);
  v.priced = boost::json::serialize(priced);
  v.payable_fen = priced["payable_fen"].to_number<int64_t>();
  v.points = applied["points"].to_number<int64_t>();
  v.staff_id = in.staff_id;
  v.at_ms = in.at_ms;
  object settlement{{"rewarded", false}};
  if (p.binding) {
    v.inviter_id = p.binding->inviter_id;
    if (p.first_paid && v.payable_fen > 0) {
      try {
        object s = core_call("referral.settle",
                             object{{"rules", p.rules.document},
                                    {"binding", parse_json_text(p.binding->binding)},
                                    {"inviter", object{{"member_id", member_ref(p.binding->inviter_id)},
                                                       {"staff", false},
                                                       {"ledger", ledger_json(r, p.binding->inviter_id)}}},
                                    {"visit", object{{"event_id", event_id},
                                                     {"at_ms", in.at_ms},
                                                     {"paid_confirmed", true},
                                                     {"items", p.items},
                                                     {"coupons", p.coupons},
                                                     {"invitee_discount", !p.invitee_discount.is_null()}}},
                                    {"first_paid_visit", true},
                                    {"campaign_used", r.campaign_used(p.binding->campaign_id)}},
                             lang);
        append_entries(r, p.binding->inviter_id, in.clinic_id, p.rules.id, s["inviter_entries"].as_array());
        if (s["rewarded"].as_bool()) {
          v.rebate = s["amount"].to_number<int64_t>();
          v.rebate_unit = std::string(s["unit"].as_string());
        }
        settlement = object{{"rewarded", s["rewarded"]},
                            {"unit", s["unit"]},
                            {"amount", s["amount"]},
                            {"bonus_points", s["bonus_points"]},
                            {"reasons", s["reasons"]}};
      } catch (const ApiError& e) {
        // A cap, budget or compliance refusal means no reward; the visit itself stands.
        settlement = object{{"rewarded", false}, {"reason", object{{"code", e.code}, {"message", e.message.in(lang)}}}};
      }
    }
  }
  v.id = r.insert_visit(v);
  for (const std::string& code : in.coupon_codes) r.set_coupon_status(code, "used", v.id, in.at_ms);
  return object{{"visit", visit_json(v)},
                {"price", priced},
                {"points", object{{"points", applied["points"]}, {"reasons", applied["reasons"]}}},
                {"referral", settlement},
                {"balance", applied["balance"]}};
}

object refund_visit(Repos& r, int64_t clinic_id, int64_t visit_id, int64_t at_ms, const std::string& lang) {
  auto v = r.visit_by_id(visit_id);
  if (!v || v->clinic_id != clinic_id) throw ApiError("not_found", {"没有这个就诊记录", "no such visit"}, "visit_id");
  if (v->status != "confirmed")
    throw ApiError("conflict", {"该就诊已退款", "this visit was already refunded"}, "visit_id");
  RuleVersion rules = active_points_rules(r, clinic_id);
  object args{{"rules", rules.document},
              {"ledger", ledger_json(r, v->member_id)},
              {"refund", object{{"id", "refund:" + v->event_id}, {"visit_event_id", v->event_id}, {"at_ms", at_ms}}}};
  if (v->inviter_id) args["inviter_ledger"] = ledger_json(r, *v->inviter_id);
  object out = core_call("visit.refund", std::move(args), lang);
  append_entries(r, v->member_id, clinic_id, rules.id, out["entries"].as_array());
  if (v->inviter_id) append_entries(r, *v->inviter_id, clinic_id, rules.id, out["inviter_entries"].as_array());
  for (const CouponRow& c : r.coupons_of(v->member_id)) {
    if (c.visit_id && *c.visit_id == v->id && c.status == "used")
      r.set_coupon_status(c.code, "issued", std::nullopt, std::nullopt);
  }
  r.mark_visit_refunded(v->id, at_ms);
  v->status = "refunded";
  v->refunded_at_ms = at_ms;
  return object{{"visit", visit_json(*v)},
                {"entries", out["entries"]},
                {"inviter_entries", out["inviter_entries"]},
                {"balance", out["balance"]}};
}

}  // namespace clinic::server
