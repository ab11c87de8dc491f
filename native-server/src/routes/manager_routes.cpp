// Manager API (/api/v1/manager/clinics/:clinic_id/…, manager or admin, clinic-scoped):
// points-rule versions (list, upload validated by the core with JSON-path errors,
// activate), rules simulate over the last N days of stored events, the daily report,
// staff accounts and the audit log. Writes are audited in the same transaction.
#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "domain/account_service.h"
#include "domain/clinic_reports.h"
#include "domain/core_client.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "domain/rules_document.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

ClinicStaff manager_scope(Services& s, const RequestContext& ctx) {
  return clinic_staff(*s.auth, ctx, {"manager", "admin"});
}

object rule_json(const RuleVersion& v) {
  object o{{"id", v.id},
           {"version", v.version},
           {"label", rules_label(v.document)},
           {"active", v.active},
           {"created_at_ms", v.created_at_ms}};
  o["created_by"] = v.created_by ? value(*v.created_by) : value(nullptr);
  return o;
}

// The body's rules document (required).
const value& document_of(const object& body) {
  const value* doc = body.if_contains("document");
  if (!doc) throw ApiError("missing_field", {"缺少规则文档 document", "document is required"}, "$.document");
  return *doc;
}

// Runs a core op over a rules document the manager sent, its errors' paths renamed from the
// op's argument (`arg`, e.g. "$.rules") to the body's "$.document".
object core_call_on_document(const char* op, object args, const std::string& arg, const std::string& lang) {
  try {
    return core_call(op, std::move(args), lang);
  } catch (ApiError& e) {
    if (e.field.rfind(arg, 0) == 0) e.field = "$.document" + e.field.substr(arg.size());
    throw;
  }
}

Response verify(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  AccountCheck c = s.store->read([&](Repos& r) { return verify_accounts(r, scope.who.staff.org_id); });
  array diffs;
  for (const std::string& d : c.differences) diffs.push_back(value(d));
  return json_response(ctx.req, http::status::ok,
                       object{{"members", c.members},
                              {"entries", c.entries},
                              {"ok", c.differences.empty()},
                              {"differences", std::move(diffs)}});
}

Response rules(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  array out;
  for (const RuleVersion& v :
       s.store->read([&](Repos& r) { return r.rule_versions(scope.clinic.id, kPointsRulesKind); })) {
    out.push_back(rule_json(v));
  }
  return json_response(ctx.req, http::status::ok, object{{"versions", std::move(out)}});
}

Response rule_version(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  int64_t version = param_id(ctx, "version");
  auto list = s.store->read([&](Repos& r) { return r.rule_versions(scope.clinic.id, kPointsRulesKind); });
  for (const RuleVersion& v : list) {
    if (v.version != version) continue;
    object o = rule_json(v);
    o["document"] = parse_stored(v.document);
    return json_response(ctx.req, http::status::ok, o);
  }
  throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "version");
}

Response upload_rules(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  object body = ctx.json_body();
  allow_keys(body, {"document"});
  const value& doc = document_of(body);
  object checked = core_call_on_document("rules.validate", object{{"rules", doc}}, "$.rules", ctx.lang);
  std::string text = doc.is_string() ? std::string(doc.as_string()) : boost::json::serialize(doc);
  return idempotent_write(*s.store, ctx, key_scope(scope.who), [&](Repos& r) {
    RuleVersion v = r.add_rule_version(scope.clinic.id, kPointsRulesKind, text, scope.who.staff.id, ctx.now_ms);
    audit(r, scope.who.staff.id, scope.clinic.id, "rules.upload", "rules:" + std::to_string(v.version),
          object{{"label", checked["version"]}}, ctx.now_ms);
    object out = rule_json(v);
    out["validation"] = checked;
    return JsonReply{http::status::created, out};
  });
}

Response activate_rules(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  int64_t version = param_id(ctx, "version");
  return idempotent_write(*s.store, ctx, key_scope(scope.who), [&](Repos& r) {
    bool found = false;
    for (const RuleVersion& v : r.rule_versions(scope.clinic.id, kPointsRulesKind))
      found = found || v.version == version;
    if (!found) throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "version");
    r.activate_rule_version(scope.clinic.id, kPointsRulesKind, version);
    audit(r, scope.who.staff.id, scope.clinic.id, "rules.activate", "rules:" + std::to_string(version), object{},
          ctx.now_ms);
    return JsonReply{http::status::ok, rule_json(*r.active_rule(scope.clinic.id, kPointsRulesKind))};
  });
}

Response simulate_rules(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  object body = ctx.json_body();
  allow_keys(body, {"document", "days", "all_members"});
  const value& doc = document_of(body);
  int64_t days = opt_int(body, "days").value_or(30);
  if (days < 1 || days > 366)
    throw ApiError("invalid_field", {"天数须在 1 到 366 之间", "days must be from 1 to 366"}, "$.days");
  Staleness stale;
  object out = s.store->read_stale(
      [&](Repos& r) {
        RuleVersion current = active_points_rules(r, scope.clinic.id);
        array events = simulation_events(r, scope.clinic.id, ctx.now_ms - days * kDayMs);
        object args{{"current", current.document}, {"candidate", doc}, {"events", events}};
        if (const value* all = body.if_contains("all_members"); all && all->is_bool()) args["all_members"] = *all;
        object res = core_call_on_document("rules.simulate", std::move(args), "$.candidate", ctx.lang);
        res["days"] = days;
        res["active_version"] = current.version;
        return res;
      },
      stale);
  return stated_staleness(s, json_response(ctx.req, http::status::ok, out), stale);
}

Response report(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  int64_t day = query_day(ctx, scope.clinic.utc_offset_min);
  int64_t from = civil::local_day_start_ms(day, scope.clinic.utc_offset_min);
  Staleness stale;
  object out = s.store->read_stale(
      [&](Repos& r) {
        DailyReport rep = r.reports().daily_report(scope.clinic.id, from, from + kDayMs);
        int64_t expired = points_expired_between(r, scope.clinic.id, from, from + kDayMs);
        return object{{"from_ms", from},
                      {"to_ms", from + kDayMs},
                      {"visits", rep.visits},
                      {"refunds", rep.refunds},
                      {"payable_fen", rep.payable_fen},
                      {"points_issued", rep.points_issued},
                      {"points_redeemed", rep.points_redeemed},
                      {"points_reversed", rep.points_expired_or_reversed},
                      {"points_expired", expired},
                      {"referral_conversions", rep.referral_conversions},
                      {"rebate_fen", rep.rebate_fen},
                      {"checkins", rep.checkins},
                      {"coupons_redeemed", rep.coupons_redeemed},
                      {"coupons_used", rep.coupons_used},
                      {"budget_used", campaign_budgets(r, scope.clinic.id)}};
      },
      stale);
  return stated_staleness(s, json_response(ctx.req, http::status::ok, out), stale);
}

Response staff(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  array out;
  for (const Staff& st : s.store->read([&](Repos& r) { return r.staff_in_org(scope.who.staff.org_id); })) {
    if (st.clinic_id && *st.clinic_id != scope.clinic.id) continue;
    object o{{"id", st.id},
             {"username", st.username},
             {"display_name", st.display_name},
             {"role", st.role},
             {"disabled", st.disabled}};
    o["clinic_id"] = st.clinic_id ? value(*st.clinic_id) : value(nullptr);
    out.push_back(std::move(o));
  }
  return json_response(ctx.req, http::status::ok, object{{"staff", std::move(out)}});
}

Response audit_log(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = manager_scope(s, ctx);
  int64_t before = query_int(ctx, "before", INT64_MAX, 1, INT64_MAX);
  int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
  array out;
  for (const AuditRow& a :
       s.store->read([&](Repos& r) { return r.audit_rows(scope.who.staff.org_id, scope.clinic.id, before, limit); })) {
    object o{{"id", a.id},
             {"at_ms", a.at_ms},
             {"action", a.action},
             {"target", a.target},
             {"detail", parse_stored(a.detail)}};
    o["staff_id"] = a.staff_id ? value(*a.staff_id) : value(nullptr);
    out.push_back(std::move(o));
  }
  return json_response(ctx.req, http::status::ok, object{{"audit", std::move(out)}});
}

}  // namespace

const RouteTable& manager_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/accounts/verify",
       "replay every member's ledger (this organization) and compare with the stored account", verify},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/rules",
       "points-rule versions of the clinic (the active one marked)", rules},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/rules/:version", "one rule version with its document",
       rule_version},
      {http::verb::post, "/api/v1/manager/clinics/:clinic_id/rules",
       "upload a points_rules document (validated; errors name the JSON path); inactive", upload_rules},
      {http::verb::post, "/api/v1/manager/clinics/:clinic_id/rules/:version/activate",
       "make a version the one every op uses", activate_rules},
      {http::verb::post, "/api/v1/manager/clinics/:clinic_id/rules/simulate",
       "candidate document vs the active rules over the last N days of stored events (nothing stored)", simulate_rules},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/report",
       "daily report for a local date (?date=YYYY-MM-DD, default today)", report},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/staff", "staff accounts of the clinic", staff},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/audit",
       "the clinic's audit log, newest first (?before=<id>&limit=)", audit_log},
  };
  return table;
}

}  // namespace clinic::server
