// Desk API (/api/v1/desk/clinics/:clinic_id/…, staff cookie + CSRF, clinic-scoped): member
// lookup (masked), the clinic catalogue, visit preview / confirm / refund, coupon verify and
// consume, today's appointments with check-in and no-show. Every write appends its audit
// row in the same transaction and honours Idempotency-Key.
#include <boost/json.hpp>

#include "domain/account_service.h"
#include "domain/account_write.h"
#include "domain/clinic_catalogue.h"
#include "domain/core_client.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "domain/member_code.h"
#include "domain/patient_service.h"
#include "domain/visit_service.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"
#include "validation/validate.h"

namespace clinic::server {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Member lookup by member code. A phone number in a URL ends up in proxies' and browsers'
// logs: phones are searched with POST …/members/search; a member code is a 60-second token,
// fine in a query.
std::string member_code_query(const RequestContext& ctx) {
  if (!ctx.query("phone").empty()) {
    throw ApiError("invalid_field",
                   {"手机号请用 POST …/members/search 查询，不放在网址里",
                    "search phones with POST …/members/search, not in the URL"},
                   "phone");
  }
  std::string code = ctx.query("code");
  if (code.empty()) throw ApiError("missing_field", {"需要会员码", "code is required"}, "code");
  return code;
}

// One member as the desk sees them: masked, with points, coupons and patients.
object desk_member(Repos& r, const Member& m, const ClinicStaff& scope, const RuleVersion& rules,
                   const RequestContext& ctx) {
  object o = masked_member(m);
  object bal = member_balance(r, m.id, rules, ctx.now_ms, ctx.lang);
  o["points"] =
      object{{"available", bal["available"]}, {"pending", bal["pending"]}, {"tier", bal["tier"].as_object()["id"]}};
  o["coupons"] = desk_coupons(r, m.id, scope.clinic.id);
  o["invited"] = r.referrals().binding_of(m.id).has_value();
  o["first_paid_visit"] = !r.visits().has_confirmed_paid_visit(m.id);
  o["patients"] = desk_patients(r, m.id, civil::local_date(ctx.now_ms, scope.clinic.utc_offset_min));  // issue 15
  return o;
}

Response members(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  std::string code = member_code_query(ctx);
  array out;
  s.store->read([&](Repos& r) {
    RuleVersion rules = active_points_rules(r, scope.clinic.id);
    if (auto found = member_by_code(r, *s.vault, code, scope.who.staff.org_id, ctx.now_ms))
      out.push_back(desk_member(r, *found, scope, rules, ctx));
  });
  return json_response(ctx.req, http::status::ok, object{{"members", std::move(out)}});
}

Response catalogue(Services& s, RequestContext& ctx) {
  clinic_staff(*s.auth, ctx);  // session + scope only; the catalogue is the same for every member
  array out;
  for (const CatalogueItem& i : clinic_catalogue()) {
    out.push_back(object{{"sku", i.sku},
                         {"name", ctx.lang == "en" ? i.name_en : i.name_zh},
                         {"amount_fen", i.amount_fen},
                         {"rx", i.rx}});
  }
  return json_response(ctx.req, http::status::ok, object{{"items", std::move(out)}});
}

Response visit_preview(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  VisitInput in = read_visit_input(ctx.json_body(), scope.clinic.id, ctx.now_ms, false);
  object out = s.store->read([&](Repos& r) { return preview_visit(r, in, ctx.lang); });
  return json_response(ctx.req, http::status::ok, out);
}

Response visit_confirm(Services& s, RequestContext& ctx) {
  std::optional<ClinicStaff> staff;
  VisitInput in;
  // The session and clinic checked, the body read, then priced, credited and settled on the
  // worker, in one read snapshot; the writer checks and stores (domain/account_write.h).
  return account_write(
      *s.store, ctx,
      [&](Repos& r) {
        staff = clinic_staff(*s.auth, ctx, r);
        in = read_visit_input(ctx.json_body(), staff->clinic.id, ctx.now_ms, true);
        in.staff_id = staff->who.staff.id;
        return key_scope(staff->who);
      },
      [&](Repos& r) { return plan_visit(r, in, ctx.lang); },
      [&](Repos& r, std::shared_ptr<VisitPlan>& plan) {
        // Who was seen: one of the member's patients (required once they have any).
        std::optional<int64_t> patient = resolve_patient(r, in.member_id, in.patient_id, "$.patient_id");
        object out = commit_visit(r, *plan);
        if (patient) link_visit_patient(r, out, *patient, ctx.now_ms);
        audit(r, staff->who.staff.id, staff->clinic.id, "visit.confirm", "visit:" + in.visit_ref,
              object{{"member_id", in.member_id},
                     {"patient_id", patient ? boost::json::value(*patient) : boost::json::value(nullptr)},
                     {"payable_fen", out["visit"].as_object()["payable_fen"]}},
              ctx.now_ms);
        return JsonReply{http::status::created, out};
      });
}

Response visit_one(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  int64_t id = param_id(ctx, "visit_id");
  auto v = s.store->read([&](Repos& r) { return r.visits().visit_by_id(id); });
  if (!v || v->clinic_id != scope.clinic.id)
    throw ApiError("not_found", {"没有这个就诊记录", "no such visit"}, "visit_id");
  object out = visit_json(*v);
  out["price"] = parse_stored(v->priced);
  return json_response(ctx.req, http::status::ok, object{{"visit", out}});
}

Response visit_refund(Services& s, RequestContext& ctx) {
  std::optional<ClinicStaff> staff;
  int64_t id = 0;
  return account_write(
      *s.store, ctx,
      [&](Repos& r) {
        staff = clinic_staff(*s.auth, ctx, r);
        id = param_id(ctx, "visit_id");
        return key_scope(staff->who);
      },
      [&](Repos& r) { return plan_refund(r, staff->clinic.id, id, ctx.now_ms, ctx.lang); },
      [&](Repos& r, std::shared_ptr<RefundPlan>& plan) {
        object out = commit_refund(r, *plan);
        audit(r, staff->who.staff.id, staff->clinic.id, "visit.refund", "visit:" + std::to_string(id), object{},
              ctx.now_ms);
        return JsonReply{http::status::ok, out};
      });
}

// The optional cart of POST …/coupons/verify, priced from the catalogue.
array verify_items(const JsonReader& root) {
  array items;
  if (!root.field("items").present()) return items;
  root.field("items").for_each(200, [&](const JsonReader& it, size_t) {
    if (!it.expect_object({"sku", "qty"})) return;
    refuse_null(it, "qty");
    std::string sku = it.req_string("sku", 64);
    const CatalogueItem* c = find_catalogue_item(sku);
    if (it.ok() && !c) it.field("sku").fail(ErrorCode::not_found, "目录中没有该项目", "no such item in the catalogue");
    if (c)
      items.push_back(object{
          {"sku", c->sku}, {"amount_fen", c->amount_fen}, {"qty", it.opt_int("qty", 1, 1, 1000)}, {"rx", c->rx}});
  });
  return items;
}

// The coupon with this code and its member, both of the staff's organisation and usable at
// the clinic; 404 otherwise.
std::pair<CouponRow, Member> desk_coupon(Repos& r, const ClinicStaff& scope, const std::string& code) {
  auto c = r.coupons().coupon_by_code(code);
  auto m = c ? r.member_by_id(c->member_id) : std::nullopt;
  if (!c || !m || m->org_id != scope.who.staff.org_id)
    throw ApiError("not_found", {"没有这张券", "no such coupon"}, "$.code");
  require_coupon_clinic(*c, scope.clinic.id, "$.code");
  return {*c, *m};
}

Response coupon_verify(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"code", "items"});
  std::string code = root.req_string("code", 32);
  array items = verify_items(root);
  b.done();
  object out = s.store->read([&](Repos& r) {
    auto [c, m] = desk_coupon(r, scope, code);
    RuleVersion rules = active_points_rules(r, scope.clinic.id);
    object v = core_call_rules("coupon.validate", rules,
                               object{{"coupon", coupon_json(c)}, {"items", items}, {"at_ms", ctx.now_ms}}, ctx.lang);
    v["coupon"] = coupon_json(c);
    v["member"] = masked_member(m);
    return v;
  });
  return json_response(ctx.req, http::status::ok, out);
}

Response coupon_consume(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"code"});
  std::string code = root.req_string("code", 32);
  b.done();
  return idempotent_write(*s.store, ctx, key_scope(scope.who), [&](Repos& r) {
    auto [c, m] = desk_coupon(r, scope, code);
    if (c.status != "issued")
      throw ApiError("conflict", {"券已使用或作废", "coupon already used or cancelled"}, "$.code");
    object cj = coupon_json(c);
    if (ctx.now_ms < cj["valid_from_ms"].to_number<int64_t>() || ctx.now_ms >= cj["valid_to_ms"].to_number<int64_t>()) {
      throw ApiError("conflict", {"券不在有效期内", "coupon is not valid now"}, "$.code");
    }
    r.coupons().set_coupon_status(code, "used", std::nullopt, ctx.now_ms);
    audit(r, scope.who.staff.id, scope.clinic.id, "coupon.consume", "coupon:" + code,
          object{{"member_id", c.member_id}}, ctx.now_ms);
    c.status = "used";
    return JsonReply{http::status::ok, object{{"coupon", coupon_json(c)}, {"member", masked_member(m)}}};
  });
}

Response appointments(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  int64_t from = civil::local_day_start_ms(query_day(ctx, scope.clinic.utc_offset_min), scope.clinic.utc_offset_min);
  array out;
  s.store->read([&](Repos& r) {
    for (const BookingRow& b : r.bookings().bookings_in_clinic(scope.clinic.id, from, from + kDayMs)) {
      object o = booking_json(b);
      if (auto m = r.member_by_id(b.member_id)) o["member"] = masked_member(*m);
      o["patient"] = desk_patient_of_booking(r, b, ctx.now_ms);
      out.push_back(std::move(o));
    }
  });
  return json_response(ctx.req, http::status::ok, object{{"appointments", std::move(out)}});
}

// An open (booked) appointment of the clinic moves to `new_status`, audited.
Response close_appointment(Services& s, RequestContext& ctx, const std::string& new_status) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  int64_t id = param_id(ctx, "id");
  return idempotent_write(*s.store, ctx, key_scope(scope.who), [&](Repos& r) {
    auto b = r.bookings().booking_by_id(id);
    if (!b || b->clinic_id != scope.clinic.id) throw ApiError("not_found", {"没有这个预约", "no such appointment"});
    if (b->status != "booked") throw ApiError("conflict", {"该预约状态不允许此操作", "appointment is not open"});
    r.bookings().set_booking_status(id, new_status);
    audit(r, scope.who.staff.id, scope.clinic.id, "appointment." + new_status, "appointment:" + std::to_string(id),
          object{}, ctx.now_ms);
    return JsonReply{http::status::ok, object{{"appointment", booking_json(*r.bookings().booking_by_id(id))}}};
  });
}

Response check_in(Services& s, RequestContext& ctx) {
  return close_appointment(s, ctx, "checked_in");
}

Response no_show(Services& s, RequestContext& ctx) {
  return close_appointment(s, ctx, "no_show");
}

}  // namespace

const RouteTable& desk_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/members",
       "member lookup by member code (?code), masked, with points and coupons; phones go in a POST body "
       "(…/members/search)",
       members},
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/catalogue",
       "services and items for the cart, with prescription flags", catalogue},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/visits/preview",
       "cart → visit.price (discounts, payable, points, rebate); nothing stored", visit_preview},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/visits",
       "confirm a paid visit: visit, points, coupons, invitee discount, referral settlement in one transaction",
       visit_confirm},
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/visits/:visit_id", "one visit", visit_one},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/visits/:visit_id/refund",
       "refund: reverses the visit's points, coupons and rebate", visit_refund},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/coupons/verify",
       "check an issued coupon (and optionally a cart) → valid, discount", coupon_verify},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/coupons/consume",
       "mark an issued, valid coupon used (outside a visit, e.g. a free service)", coupon_consume},
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/appointments",
       "the clinic's appointments on a local day (?date=YYYY-MM-DD, default today)", appointments},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/appointments/:id/check-in", "check the patient in", check_in},
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/appointments/:id/no-show", "mark a no-show", no_show},
  };
  return table;
}

}  // namespace clinic::server
