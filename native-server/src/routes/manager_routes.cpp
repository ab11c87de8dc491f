// Manager API (/api/v1/manager/clinics/:clinic_id/…, manager or admin, clinic-scoped):
// points-rule versions (list, upload validated by the core with JSON-path errors,
// activate), rules simulate over the last N days of stored events, the daily report,
// staff accounts and the audit log. Writes are audited in the same transaction.
#include <boost/json.hpp>

#include <map>
#include <set>

#include "app.h"
#include "clinic/civil_time.h"
#include "clinic/points/rules.h"
#include "domain/account_service.h"
#include "domain/core_client.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "routes/api_common.h"
#include "routes/fields.h"

namespace clinic::server {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Points that expired in [from, to): expiry exists only in a ledger replay, so each member
// with entries at this clinic is replayed at both instants (in-process, any history length)
// and the growth of `expired` is summed. One replay per member: fine for a daily report.
int64_t points_expired_between(Repos& r, int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  RuleVersion rules = active_points_rules(r, clinic_id);
  int64_t total = 0;
  for (int64_t member_id : r.active_members(clinic_id, 0)) {
    total += expired_between(r, member_id, rules, from_ms, to_ms);
  }
  return total;
}

object rule_json(const RuleVersion& v) {
  value doc = parse_json_text(v.document);
  const value* label = doc.is_object() ? doc.as_object().if_contains("version") : nullptr;
  object o{{"id", v.id},
           {"version", v.version},
           {"label", label ? *label : value(nullptr)},
           {"active", v.active},
           {"created_at_ms", v.created_at_ms}};
  o["created_by"] = v.created_by ? value(*v.created_by) : value(nullptr);
  return o;
}

std::string str_field(const object& o, const char* k) {
  const value* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The events of the last days at a clinic, rebuilt from the stored ledger and visits in
// the shape rules.simulate takes (chronological).
array stored_events(Repos& r, int64_t clinic_id, int64_t from_ms) {
  struct Ev {
    int64_t at, order;
    object item;
  };
  std::vector<Ev> events;
  // Events that carry nothing but their type (kEventTypes): a visit needs its cart, a referral is not replayed.
  auto plain = [](const std::string& type) {
    std::optional<points::EventType> t = points::parse_event_type(type);
    return t && *t != points::EventType::visit_completed && *t != points::EventType::referral_success;
  };
  for (int64_t member : r.active_members(clinic_id, from_ms)) {
    std::set<std::string> seen;
    std::map<std::string, VisitRow> visits;
    for (const VisitRow& v : r.visits_of(member)) visits.emplace(v.event_id, v);
    auto binding = r.binding_of(member);
    for (const LedgerEntry& e : r.ledger_entries(member, 0, 4000)) {
      if (e.at_ms < from_ms || e.clinic_id != clinic_id) continue;
      object entry = parse_json_text(e.entry).as_object();
      std::string event_id = str_field(entry, "event_id"), type = str_field(entry, "event_type"),
                  kind = str_field(entry, "kind");
      if (!seen.insert(event_id).second) continue;
      object ev{{"id", event_id}, {"at_ms", e.at_ms}};
      object item{{"member_id", member_ref(member)}};
      if (kind == "reverse") {
        std::string target = str_field(entry, "reverses");
        target = target.substr(0, target.rfind('#'));
        if (target.empty()) continue;
        ev["type"] = "cancel";
        ev["target_event_id"] = target;
      } else if (kind == "earn" && plain(type)) {
        ev["type"] = type;
      } else if (kind == "earn" && points::parse_event_type(type) == points::EventType::visit_completed &&
                 visits.count(event_id)) {
        const VisitRow& v = visits.at(event_id);
        ev["type"] = type;
        ev["items"] = parse_json_text(v.cart);
        if (v.inviter_id && binding) {
          ev["invitee_discount"] = object{{"campaign_id", binding->campaign_id}};
          item["referral"] = object{{"inviter_id", member_ref(*v.inviter_id)}, {"campaign_id", binding->campaign_id}};
        }
      } else {
        continue;  // spends, rebates and referral bonuses are derived, not events
      }
      item["event"] = std::move(ev);
      events.push_back(Ev{e.at_ms, e.id, std::move(item)});
    }
  }
  std::sort(events.begin(), events.end(),
            [](const Ev& a, const Ev& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
  array out;
  for (Ev& e : events) out.push_back(std::move(e.item));
  return out;
}

}  // namespace

void App::add_manager_routes() {
  const std::string base = "/api/v1/manager/clinics/:clinic_id";
  router_.add(http::verb::get, base + "/accounts/verify",
              "replay every member's ledger (this organization) and compare with the stored account",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                AccountCheck c = store_->read([&](Repos& r) { return verify_accounts(r, scope.who.staff.org_id); });
                array diffs;
                for (const std::string& d : c.differences) diffs.push_back(value(d));
                return json_response(ctx.req, http::status::ok,
                                     object{{"members", c.members},
                                            {"entries", c.entries},
                                            {"ok", c.differences.empty()},
                                            {"differences", std::move(diffs)}});
              });
  router_.add(http::verb::get, base + "/rules", "points-rule versions of the clinic (the active one marked)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                array out;
                for (const RuleVersion& v :
                     store_->read([&](Repos& r) { return r.rule_versions(scope.clinic.id, kPointsRulesKind); })) {
                  out.push_back(rule_json(v));
                }
                return json_response(ctx.req, http::status::ok, object{{"versions", std::move(out)}});
              });

  router_.add(http::verb::get, base + "/rules/:version", "one rule version with its document",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                int64_t version = param_id(ctx, "version");
                auto list = store_->read([&](Repos& r) { return r.rule_versions(scope.clinic.id, kPointsRulesKind); });
                for (const RuleVersion& v : list) {
                  if (v.version != version) continue;
                  object o = rule_json(v);
                  o["document"] = parse_json_text(v.document);
                  return json_response(ctx.req, http::status::ok, o);
                }
                throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "version");
              });

  router_.add(
      http::verb::post, base + "/rules",
      "upload a points_rules document (validated; errors name the JSON path); inactive", [this](RequestContext& ctx) {
        const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
        object body = ctx.json_body();
        allow_keys(body, {"document"});
        if (!body.contains("document"))
          throw ApiError("missing_field", {"缺少规则文档 document", "document is required"}, "$.document");
        object checked;
        try {
          checked = core_call("rules.validate", object{{"rules", body["document"]}}, ctx.lang);
        } catch (ApiError& e) {
          if (e.field.rfind("$.rules", 0) == 0) e.field = "$.document" + e.field.substr(7);
          throw;
        }
        std::string text = body["document"].is_string() ? std::string(body["document"].as_string())
                                                        : boost::json::serialize(body["document"]);
        return idempotent_write(*store_, ctx, "staff:" + std::to_string(scope.who.staff.id), [&](Repos& r) {
          RuleVersion v = r.add_rule_version(scope.clinic.id, kPointsRulesKind, text, scope.who.staff.id, ctx.now_ms);
          audit(r, scope.who.staff.id, scope.clinic.id, "rules.upload", "rules:" + std::to_string(v.version),
                object{{"label", checked["version"]}}, ctx.now_ms);
          object out = rule_json(v);
          out["validation"] = checked;
          return JsonReply{http::status::created, out};
        });
      });

  router_.add(http::verb::post, base + "/rules/:version/activate", "make a version the one every op uses",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                int64_t version = param_id(ctx, "version");
                return idempotent_write(*store_, ctx, "staff:" + std::to_string(scope.who.staff.id), [&](Repos& r) {
                  bool found = false;
                  for (const RuleVersion& v : r.rule_versions(scope.clinic.id, kPointsRulesKind))
                    found = found || v.version == version;
                  if (!found) throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "version");
                  r.activate_rule_version(scope.clinic.id, kPointsRulesKind, version);
                  audit(r, scope.who.staff.id, scope.clinic.id, "rules.activate", "rules:" + std::to_string(version),
                        object{}, ctx.now_ms);
                  return JsonReply{http::status::ok, rule_json(*r.active_rule(scope.clinic.id, kPointsRulesKind))};
                });
              });

  router_.add(http::verb::post, base + "/rules/simulate",
              "candidate document vs the active rules over the last N days of stored events (nothing stored)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                object body = ctx.json_body();
                allow_keys(body, {"document", "days", "all_members"});
                if (!body.contains("document"))
                  throw ApiError("missing_field", {"缺少规则文档 document", "document is required"}, "$.document");
                int64_t days = opt_int(body, "days").value_or(30);
                if (days < 1 || days > 366)
                  throw ApiError("invalid_field", {"天数须在 1 到 366 之间", "days must be from 1 to 366"}, "$.days");
                object out = store_->read([&](Repos& r) {
                  RuleVersion current = active_points_rules(r, scope.clinic.id);
                  array events = stored_events(r, scope.clinic.id, ctx.now_ms - days * kDayMs);
                  object args{{"current", current.document}, {"candidate", body["document"]}, {"events", events}};
                  if (const value* all = body.if_contains("all_members"); all && all->is_bool())
                    args["all_members"] = *all;
                  object res;
                  try {
                    res = core_call("rules.simulate", std::move(args), ctx.lang);
                  } catch (ApiError& e) {
                    if (e.field.rfind("$.candidate", 0) == 0) e.field = "$.document" + e.field.substr(11);
                    throw;
                  }
                  res["days"] = days;
                  res["active_version"] = current.version;
                  return res;
                });
                return json_response(ctx.req, http::status::ok, out);
              });

  router_.add(
      http::verb::get, base + "/report", "daily report for a local date (?date=YYYY-MM-DD, default today)",
      [this](RequestContext& ctx) {
        const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
        int64_t day = query_day(ctx, scope.clinic.utc_offset_min);
        int64_t from = civil::local_day_start_ms(day, scope.clinic.utc_offset_min);
        object out = store_->read([&](Repos& r) {
          DailyReport rep = r.daily_report(scope.clinic.id, from, from + kDayMs);
          int64_t expired = points_expired_between(r, scope.clinic.id, from, from + kDayMs);
          array budget;
          if (auto rules = r.active_rule(scope.clinic.id, kPointsRulesKind)) {
            value doc = parse_json_text(rules->document);
            if (const value* ref = doc.as_object().if_contains("referral")) {
              for (const value& c : ref->as_object().at("campaigns").as_array()) {
                std::string id(c.as_object().at("id").as_string());
                budget.push_back(
                    object{{"campaign_id", id}, {"budget", c.as_object().at("budget")}, {"used", r.campaign_used(id)}});
              }
            }
          }
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
                        {"budget_used", std::move(budget)}};
        });
        return json_response(ctx.req, http::status::ok, out);
      });

  router_.add(http::verb::get, base + "/staff", "staff accounts of the clinic", [this](RequestContext& ctx) {
    const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
    array out;
    for (const Staff& s : store_->read([&](Repos& r) { return r.staff_in_org(scope.who.staff.org_id); })) {
      if (s.clinic_id && *s.clinic_id != scope.clinic.id) continue;
      object o{{"id", s.id},
               {"username", s.username},
               {"display_name", s.display_name},
               {"role", s.role},
               {"disabled", s.disabled}};
      o["clinic_id"] = s.clinic_id ? value(*s.clinic_id) : value(nullptr);
      out.push_back(std::move(o));
    }
    return json_response(ctx.req, http::status::ok, object{{"staff", std::move(out)}});
  });

  router_.add(http::verb::get, base + "/audit", "the clinic's audit log, newest first (?before=<id>&limit=)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                int64_t before = query_int(ctx, "before", INT64_MAX, 1, INT64_MAX);
                int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
                array out;
                for (const AuditRow& a : store_->read([&](Repos& r) {
                       return r.audit_rows(scope.who.staff.org_id, scope.clinic.id, before, limit);
                     })) {
                  object o{{"id", a.id},
                           {"at_ms", a.at_ms},
                           {"action", a.action},
                           {"target", a.target},
                           {"detail", parse_json_text(a.detail)}};
                  o["staff_id"] = a.staff_id ? value(*a.staff_id) : value(nullptr);
                  out.push_back(std::move(o));
                }
                return json_response(ctx.req, http::status::ok, object{{"audit", std::move(out)}});
              });
}

}  // namespace clinic::server
