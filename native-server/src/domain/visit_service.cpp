#include "domain/visit_service.h"

#include "domain/account_service.h"
#include "domain/clinic_catalogue.h"
#include "domain/core_client.h"
#include "domain/coupons.h"
#include "domain/ledger_service.h"
#include "engagement/reminders.h"
#include "errors.h"
#include "validation/fields.h"
#include "validation/validate.h"

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
    auto c = r.coupons().coupon_by_code(in.coupon_codes[i]);
    if (!c || c->member_id != in.member_id)
      throw ApiError("not_found", {"没有这张券", "no such coupon for this member"}, path);
    require_coupon_clinic(*c, in.clinic_id, path);
    if (c->status != "issued") throw ApiError("conflict", {"券已使用或作废", "coupon already used or cancelled"}, path);
    p.coupons.push_back(coupon_json(*c));
  }
  static_cast<ReferralInputs&>(p) = referral_inputs(r, in.member_id, p.rules, in.at_ms);
  return p;
}

object price(const Prepared& p, const VisitInput& in, const boost::json::value& account, const std::string& lang) {
  object args{{"items", p.items}, {"coupons", p.coupons}, {"at_ms", in.at_ms}, {"account", account}};
  if (!p.invitee_discount.is_null()) args["invitee_discount"] = p.invitee_discount;
  if (!p.referral.is_null()) args["referral"] = p.referral;
  return core_call_rules("visit.price", p.rules, std::move(args), lang);
}

}  // namespace

// Only what the rebate rules need about the inviter (privacy: never the inviter's entries).
value inviter_figures(Repos& r, const BindingRow& b, const RuleVersion& rules, int64_t at_ms) {
  History h = load_history(r, b.inviter_id, rules, {});
  object out = call_rebuilding(r, h, rules, {}, [&](const History& x) {
    const value& clock = x.account.as_object().at("clock_ms");
    return core_call_rules("account.figures", rules,
                           object{{"account", x.account},
                                  {"campaign_id", b.campaign_id},
                                  {"at_ms", std::max<int64_t>(at_ms, clock.is_int64() ? clock.as_int64() : at_ms)}},
                           "en");
  });
  return out["figures"];
}

ReferralInputs referral_inputs(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t at_ms) {
  ReferralInputs in;
  in.binding = r.referrals().binding_of(member_id);
  in.first_paid = !r.visits().has_confirmed_paid_visit(member_id);
  if (in.binding && in.first_paid) {
    in.invitee_discount = object{{"campaign_id", in.binding->campaign_id}};
    in.referral = object{{"binding", parse_stored(in.binding->binding)},
                         {"inviter", object{{"member_id", member_ref(in.binding->inviter_id)},
                                            {"staff", false},
                                            {"figures", inviter_figures(r, *in.binding, rules, at_ms)}}},
                         {"first_paid_visit", true},
                         {"campaign_used", r.referrals().campaign_used(in.binding->campaign_id)}};
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
    refuse_null(it, "qty");  // null is not "the default 1"
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
  History h = load_history(r, in.member_id, p.rules, {});
  object out = price(p, in, h.account, lang);
  out["rule_version"] = p.rules.version;
  return out;
}

struct VisitPlan {
  VisitInput in;
  Prepared p;
  std::string event_id;
  MemberOp points;                 // the member's visit points (points.apply)
  object priced;                   // visit.price on the same account
  std::optional<History> inviter;  // read for the settlement (refused or not)
  int64_t campaign_used = 0;       // the campaign's usage the settlement was decided on
  object settled;                  // referral.settle's answer when it rewarded or not without refusal
  object settlement{{"rewarded", false}};
};

std::shared_ptr<VisitPlan> plan_visit(Repos& r, const VisitInput& in, const std::string& lang) {
  if (r.visits().visit_by_ref(in.clinic_id, in.visit_ref)) {
    throw ApiError("conflict", {"该就诊单已确认", "this visit was already confirmed"}, "$.visit_ref");
  }
  auto plan = std::make_shared<VisitPlan>();
  VisitPlan& x = *plan;
  x.in = in;
  x.p = prepare(r, in);
  const Prepared& p = x.p;
  x.event_id = "visit:" + std::to_string(in.clinic_id) + ":" + in.visit_ref;
  // Dated after the newest entry of both accounts when a racing request stored one first.
  History mine = load_history(r, in.member_id, p.rules, {x.event_id});
  std::optional<History> inviter;
  if (p.binding && p.first_paid) inviter = load_history(r, p.binding->inviter_id, p.rules, {x.event_id});
  x.in.at_ms = raced_time(in.at_ms, std::max(account_clock(mine), inviter ? account_clock(*inviter) : 0));
  const int64_t at_ms = x.in.at_ms;
  object event{
      {"id", x.event_id}, {"type", "visit_completed"}, {"at_ms", at_ms}, {"items", p.items}, {"coupons", p.coupons}};
  if (!p.invitee_discount.is_null()) event["invitee_discount"] = p.invitee_discount;
  x.priced = call_rebuilding(r, mine, p.rules, {x.event_id},
                             [&](const History& h) { return price(p, x.in, h.account, lang); });
  x.points = compute_member_op(r, "points.apply", in.member_id, in.clinic_id, p.rules, object{{"event", event}}, lang,
                               std::move(mine));
  if (p.binding && p.first_paid && x.priced["payable_fen"].to_number<int64_t>() > 0) {
    x.inviter = std::move(inviter);
    x.campaign_used = r.referrals().campaign_used(p.binding->campaign_id);
    auto settle = [&](const History& inviter_history) {
      object inviter_args{{"member_id", member_ref(p.binding->inviter_id)}, {"staff", false}};
      put_history(inviter_args, inviter_history);
      return core_call_rules("referral.settle", p.rules,
                             object{{"binding", parse_stored(p.binding->binding)},
                                    {"inviter", std::move(inviter_args)},
                                    {"visit", object{{"event_id", x.event_id},
                                                     {"at_ms", at_ms},
                                                     {"paid_confirmed", true},
                                                     {"items", p.items},
                                                     {"coupons", p.coupons},
                                                     {"invitee_discount", !p.invitee_discount.is_null()}}},
                                    {"first_paid_visit", true},
                                    {"campaign_used", x.campaign_used}},
                             lang);
    };
    try {
      // The inviter's stored account refused by the core (another rules basis, or damaged) is
      // rebuilt from the ledger, once: that is not a refusal of the reward.
      x.settled = call_rebuilding(r, *x.inviter, p.rules, {x.event_id}, settle, "$.inviter.account");
      x.settlement = object{{"rewarded", x.settled["rewarded"]},
                            {"unit", x.settled["unit"]},
                            {"amount", x.settled["amount"]},
                            {"bonus_points", x.settled["bonus_points"]},
                            {"reasons", x.settled["reasons"]}};
    } catch (const ApiError& e) {
      // A cap, budget or compliance refusal means no reward; the visit itself stands.
      x.settled = object();
      x.settlement = object{{"rewarded", false}, {"reason", object{{"code", e.code}, {"message", e.message.in(lang)}}}};
    }
  }
  return plan;
}

object commit_visit(Repos& r, VisitPlan& x) {
  const VisitInput& in = x.in;
  const Prepared& p = x.p;
  if (r.visits().visit_by_ref(in.clinic_id, in.visit_ref)) {
    throw ApiError("conflict", {"该就诊单已确认", "this visit was already confirmed"}, "$.visit_ref");
  }
  // What the plan read besides the accounts: still the same, or it is computed again.
  for (const std::string& code : in.coupon_codes) {
    auto c = r.coupons().coupon_by_code(code);
    if (!c || c->status != "issued") throw StaleAccount(in.member_id);
  }
  if (p.binding && r.visits().has_confirmed_paid_visit(in.member_id) == p.first_paid)
    throw StaleAccount(in.member_id);  // "first paid" changed since the plan was read
  if (x.inviter) {
    require_current(r, *x.inviter);
    if (r.referrals().campaign_used(p.binding->campaign_id) != x.campaign_used)
      throw StaleAccount(p.binding->inviter_id);
  }
  object applied = commit_member_op(r, x.points);

  VisitRow v;
  v.clinic_id = in.clinic_id;
  v.member_id = in.member_id;
  v.visit_ref = in.visit_ref;
  v.event_id = x.event_id;
  v.status = "confirmed";
  v.cart = boost::json::serialize(p.items);
  v.priced = boost::json::serialize(x.priced);
  v.payable_fen = x.priced["payable_fen"].to_number<int64_t>();
  v.points = applied["points"].to_number<int64_t>();
  v.staff_id = in.staff_id;
  v.at_ms = in.at_ms;
  if (p.binding) v.inviter_id = p.binding->inviter_id;
  if (x.inviter && !x.settled.empty()) {
    save_history(r, *x.inviter, in.clinic_id, p.rules.id, x.settled["inviter_entries"].as_array(),
                 x.settled["inviter_account"], x.settled["inviter_lot_fates"], in.at_ms);
    if (x.settled["rewarded"].as_bool()) {
      v.rebate = x.settled["amount"].to_number<int64_t>();
      v.rebate_unit = std::string(x.settled["unit"].as_string());
    }
  }
  v.id = r.visits().insert_visit(v);
  const boost::json::value* appended = applied.if_contains("entries");
  remind_visit(r, v, appended && appended->is_array() ? appended->get_array() : boost::json::array(), in.coupon_codes,
               in.at_ms);  // follow-up, referral reward (issue 19)
  for (const std::string& code : in.coupon_codes) r.coupons().set_coupon_status(code, "used", v.id, in.at_ms);
  return object{{"visit", visit_json(v)},
                {"price", x.priced},
                {"points", object{{"points", applied["points"]}, {"reasons", applied["reasons"]}}},
                {"referral", x.settlement},
                {"balance", applied["balance"]}};
}

object confirm_visit(Repos& r, const VisitInput& in, const std::string& lang) {
  auto plan = plan_visit(r, in, lang);
  return commit_visit(r, *plan);
}

struct RefundPlan {
  int64_t clinic_id = 0;
  int64_t at_ms = 0;
  VisitRow visit;
  int64_t rule_version_id = 0;
  History mine;
  std::optional<History> theirs;
  object out;
};

std::shared_ptr<RefundPlan> plan_refund(Repos& r, int64_t clinic_id, int64_t visit_id, int64_t at_ms,
                                        const std::string& lang) {
  auto v = r.visits().visit_by_id(visit_id);
  if (!v || v->clinic_id != clinic_id) throw ApiError("not_found", {"没有这个就诊记录", "no such visit"}, "visit_id");
  if (v->status != "confirmed")
    throw ApiError("conflict", {"该就诊已退款", "this visit was already refunded"}, "visit_id");
  auto plan = std::make_shared<RefundPlan>();
  RefundPlan& x = *plan;
  x.clinic_id = clinic_id;
  x.visit = *v;
  RuleVersion rules = active_points_rules(r, clinic_id);
  x.rule_version_id = rules.id;
  std::string refund_id = "refund:" + v->event_id;
  const std::vector<std::string> events{refund_id, v->event_id};
  x.mine = load_history(r, v->member_id, rules, events);
  if (v->inviter_id) x.theirs = load_history(r, *v->inviter_id, rules, events);
  // Dated after the newest entry of both accounts when a racing request stored one first.
  x.at_ms = raced_time(at_ms, std::max(account_clock(x.mine), x.theirs ? account_clock(*x.theirs) : 0));
  auto refund = [&](const History& mine, const History* theirs) {
    object args{{"refund", object{{"id", refund_id}, {"visit_event_id", v->event_id}, {"at_ms", x.at_ms}}}};
    put_history(args, mine);
    if (theirs) put_history(args, *theirs, "inviter_");
    return core_call_rules("visit.refund", rules, std::move(args), lang);
  };
  // Either stored account refused by the core (another rules basis, or damaged) is rebuilt
  // from the ledger, once.
  x.out = call_rebuilding(r, x.mine, rules, events, [&](const History& mine) {
    if (!x.theirs) return refund(mine, nullptr);
    return call_rebuilding(
        r, *x.theirs, rules, events, [&](const History& theirs) { return refund(mine, &theirs); }, "$.inviter_account");
  });
  return plan;
}

object commit_refund(Repos& r, RefundPlan& x) {
  auto v = r.visits().visit_by_id(x.visit.id);
  if (!v || v->status != "confirmed")
    throw ApiError("conflict", {"该就诊已退款", "this visit was already refunded"}, "visit_id");
  object& out = x.out;
  save_history(r, x.mine, x.clinic_id, x.rule_version_id, out["entries"].as_array(), out["account"], out["lot_fates"],
               x.at_ms);
  if (x.theirs) {
    save_history(r, *x.theirs, x.clinic_id, x.rule_version_id, out["inviter_entries"].as_array(),
                 out["inviter_account"], out["inviter_lot_fates"], x.at_ms);
  }
  cancel_visit_reminders(r, v->id, x.at_ms);
  for (const CouponRow& c : r.coupons().coupons_of(v->member_id)) {
    if (c.visit_id && *c.visit_id == v->id && c.status == "used")
      r.coupons().set_coupon_status(c.code, "issued", std::nullopt, std::nullopt);
  }
  r.visits().mark_visit_refunded(v->id, x.at_ms);
  v->status = "refunded";
  v->refunded_at_ms = x.at_ms;
  return object{{"visit", visit_json(*v)},
                {"entries", out["entries"]},
                {"inviter_entries", out["inviter_entries"]},
                {"balance", out["balance"]}};
}

object refund_visit(Repos& r, int64_t clinic_id, int64_t visit_id, int64_t at_ms, const std::string& lang) {
  auto plan = plan_refund(r, clinic_id, visit_id, at_ms, lang);
  return commit_refund(r, *plan);
}

}  // namespace clinic::server
