// Desk routes for the front-desk page (issue 7): a member search that keeps phone numbers
// out of URLs (POST body), and the member card + visit context: everything the browser
// needs to show the card and to run visit.price itself in core.wasm (the active rule
// document, the member's ledger, issued coupons, the invitee/referral block exactly as
// the server's own preview builds it, the catalogue in the core's cart form, the server's
// clock). The server still decides at confirm; the page shows any difference.
#include <boost/json.hpp>

#include "domain/account_service.h"
#include "domain/clinic_catalogue.h"
#include "domain/core_client.h"
#include "domain/ledger_service.h"
#include "domain/member_code.h"
#include "domain/patient_service.h"
#include "domain/visit_service.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr size_t kRecentVisits = 20;

// The members a desk search names: by member code, or by phone (the member's own or one of
// their patients' (就诊人), issue 15). Deleted members included; the caller drops them.
std::vector<Member> find_members(Repos& r, const Vault& vault, int64_t org_id, const std::string& code,
                                 const std::string& phone, int64_t now_ms) {
  if (phone.empty()) {
    auto m = member_by_code(r, vault, code, org_id, now_ms);
    return m ? std::vector<Member>{*m} : std::vector<Member>{};
  }
  std::vector<Member> list = r.members_by_phone(org_id, phone);
  for (int64_t id : r.families().members_by_patient_phone(org_id, phone)) {
    bool seen = false;
    for (const Member& m : list) seen = seen || m.id == id;
    if (auto m = seen ? std::nullopt : r.member_by_id(id)) list.push_back(*m);
  }
  return list;
}

Response search_members(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"code", "phone"});
  std::string code = root.opt_string("code", "", 256);
  std::string phone = root.opt_string("phone", "", 32);
  b.done();
  if (code.empty() == phone.empty())
    throw ApiError("missing_field", {"需要会员码或手机号之一", "code or phone, one of them"}, "$.code");
  std::vector<Member> found = s.store->read(
      [&](Repos& r) { return find_members(r, *s.vault, scope.who.staff.org_id, code, phone, ctx.now_ms); });
  array out;
  for (const Member& m : found) {
    if (!m.deleted_at_ms) out.push_back(masked_member(m));
  }
  return json_response(ctx.req, http::status::ok, object{{"members", std::move(out)}});
}

// The member's appointments at this clinic on the clinic's today, each with its patient.
array appointments_today(Repos& r, int64_t member_id, const Clinic& clinic, int64_t now_ms) {
  int64_t day_start = civil::local_day_start_ms(civil::local_day(now_ms, clinic.utc_offset_min), clinic.utc_offset_min);
  array today;
  for (const BookingRow& bk : r.bookings().bookings_of(member_id)) {
    if (bk.clinic_id == clinic.id && bk.starts_at_ms >= day_start && bk.starts_at_ms < day_start + kDayMs) {
      object o = booking_json(bk);
      o["patient"] = desk_patient_of_booking(r, bk, now_ms);
      today.push_back(std::move(o));
    }
  }
  return today;
}

// The member's last visits at this clinic, newest first.
array recent_visits(Repos& r, int64_t member_id, int64_t clinic_id) {
  array visits;
  std::vector<VisitRow> rows = r.visits().visits_of(member_id);
  for (auto it = rows.rbegin(); it != rows.rend() && visits.size() < kRecentVisits; ++it) {
    if (it->clinic_id == clinic_id) visits.push_back(visit_json(*it));
  }
  return visits;
}

array catalogue_json() {
  array catalogue;
  for (const CatalogueItem& i : clinic_catalogue()) {
    // `name` is what the server's cart line carries (zh), so the browser's request is the server's.
    catalogue.push_back(object{
        {"sku", i.sku}, {"name", i.name_zh}, {"name_en", i.name_en}, {"amount_fen", i.amount_fen}, {"rx", i.rx}});
  }
  return catalogue;
}

object member_context(Repos& r, const ClinicStaff& scope, int64_t member_id, const RequestContext& ctx) {
  auto m = r.member_by_id(member_id);
  if (!m || m->deleted_at_ms || m->org_id != scope.who.staff.org_id) {
    throw ApiError("not_found", {"没有这个会员", "no such member"}, "member_id");
  }
  RuleVersion rules = active_points_rules(r, scope.clinic.id);
  History history = load_history(r, member_id, rules, {});
  object balance = member_balance(r, member_id, rules, ctx.now_ms, ctx.lang);
  array coupons = desk_coupons(r, member_id, scope.clinic.id);
  array today = appointments_today(r, member_id, scope.clinic, ctx.now_ms);
  array visits = recent_visits(r, member_id, scope.clinic.id);
  // The same inputs the server's own preview gives visit.price (visit_service).
  // The member's own account (never another member's entries: an inviter appears
  // only as the figures the rebate rules need).
  ReferralInputs ref = referral_inputs(r, member_id, rules, ctx.now_ms);
  object price{{"rules", parse_stored(rules.document)}, {"account", std::move(history.account)}};
  if (!ref.invitee_discount.is_null()) price["invitee_discount"] = ref.invitee_discount;
  if (!ref.referral.is_null()) price["referral"] = ref.referral;
  object invite{{"invited", ref.binding.has_value()},
                {"first_paid_visit", ref.first_paid},
                {"campaign_id", ref.binding ? value(ref.binding->campaign_id) : value(nullptr)}};
  // The member's patients (masked): the desk picks who is being seen (issue 15).
  array patients = desk_patients(r, member_id, civil::local_date(ctx.now_ms, scope.clinic.utc_offset_min));
  return object{{"member", masked_member(*m)},   {"patients", std::move(patients)},
                {"balance", std::move(balance)}, {"coupons", std::move(coupons)},
                {"invite", std::move(invite)},   {"appointments_today", std::move(today)},
                {"visits", std::move(visits)},   {"catalogue", catalogue_json()},
                {"price", std::move(price)},     {"rule_version", rules.version},
                {"now_ms", ctx.now_ms}};
}

Response context(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  int64_t member_id = param_id(ctx, "member_id");
  object out = s.store->read([&](Repos& r) { return member_context(r, scope, member_id, ctx); });
  return json_response(ctx.req, http::status::ok, out);
}

}  // namespace

const RouteTable& desk_member_routes() {
  static const RouteTable table = {
      {http::verb::post, "/api/v1/desk/clinics/:clinic_id/members/search",
       "member search by member code or phone in the body (no PII in URLs) → masked members", search_members},
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/members/:member_id/context",
       "member card (masked, balance, coupons, invite status, today's appointments, recent visits) + visit.price "
       "inputs",
       context},
  };
  return table;
}

}  // namespace clinic::server
