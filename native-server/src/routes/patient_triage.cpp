// Patient triage: catalog, match, and submit. Submit is the authority check: the server
// re-runs triage.evaluate on the state the phone sent; a different outcome is refused
// (409 result_mismatch) and recorded for review. Answers are stored only while the member
// has granted health-data consent, and so is the outcome's reason (it quotes the deciding
// answers); the outcome level, protocol id and revision are always kept (the level earns
// the self-test points per the rules).
#include <boost/json.hpp>

#include "domain/account_write.h"
#include "domain/consents.h"
#include "domain/core_client.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "domain/patient_service.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

using boost::json::object;
using boost::json::value;

Response catalog(Services& s, RequestContext& ctx) {
  s.auth->require_member(ctx);
  object args;
  if (!ctx.query("age_years").empty()) {
    object p{{"age_years", query_int(ctx, "age_years", 30, 0, 120)},
             {"sex", ctx.query("sex") == "female" ? "female" : "male"}};
    if (ctx.query("pregnant") == "true") p["pregnant"] = true;
    args["patient"] = std::move(p);
  }
  return json_response(ctx.req, http::status::ok, core_call("triage.catalog", std::move(args), ctx.lang));
}

// Public like /api/core's triage.match (the same catalogue answer; nothing stored, nothing
// about the caller): no session read, so it runs on the I/O thread, bounded by the small
// body (kIoBodyLimit) and the per-address budget of the public calls.
Response match(Services& s, RequestContext& ctx) {
  admit_public_caller(s, ctx);
  object body = ctx.json_body();
  allow_keys(body, {"text", "patient", "limit"});
  return json_response(ctx.req, http::status::ok, core_call("triage.match", std::move(body), ctx.lang));
}

// The row the server keeps of an evaluation; the reason (it quotes the deciding answers) is
// stored apart, only with consent.
TriageRow evaluated_row(const MemberPrincipal& who, int64_t now_ms, object& evaluated, bool matched) {
  const value& server_outcome = evaluated["outcome"];
  TriageRow row;
  row.member_id = who.member_id;
  row.at_ms = now_ms;
  row.complaint = std::string(evaluated["protocol"].as_object().at("id").as_string());
  row.revision = evaluated["protocol"].as_object().at("revision").to_number<int64_t>();
  row.level = std::string(server_outcome.as_object().at("level").as_string());
  object stored_outcome = server_outcome.as_object();
  stored_outcome.erase("reason");
  row.outcome = boost::json::serialize(stored_outcome);
  row.matched = matched;
  return row;
}

// Answers and reason join the row only while the member consents to storing health data.
bool add_consented_detail(Repos& r, int64_t member_id, object& body, const value& server_outcome, TriageRow& row) {
  bool consent = consent_granted(r, member_id, "health_data");
  if (consent) {
    const value* answers = body["state"].is_object() ? body["state"].as_object().if_contains("answers") : nullptr;
    row.answers = answers ? boost::json::serialize(*answers) : std::string("{}");
    if (const value* reason = server_outcome.as_object().if_contains("reason"))
      row.reason = boost::json::serialize(*reason);
  }
  return consent;
}

Response submit(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  object body = ctx.json_body();
  allow_keys(body, {"state", "outcome", "patient_id"});
  std::optional<int64_t> patient_id = opt_int(body, "patient_id");  // issue 15: whose self-test
  if (!body.contains("state")) throw ApiError("missing_field", {"缺少自测状态 state", "state is required"}, "$.state");
  object evaluated = core_call("triage.evaluate", object{{"state", body["state"]}}, ctx.lang);
  const value& server_outcome = evaluated["outcome"];
  const value* phone_outcome = body.if_contains("outcome");
  bool matched = !phone_outcome || *phone_outcome == server_outcome;
  TriageRow row = evaluated_row(who, ctx.now_ms, evaluated, matched);
  if (!matched) {
    row.phone_outcome = boost::json::serialize(*phone_outcome);
    s.store->write([&](Repos& r) { return r.triage().insert_triage(row); });
    throw ApiError("result_mismatch",
                   Text("提交的自测结果与服务器计算不一致，已记录",
                        "the outcome sent does not match the server's evaluation; recorded for review"),
                   "$.outcome");
  }
  // The credit is computed on the worker (its event id does not wait for the row's id);
  // the writer stores the result and commits the credit (domain/account_write.h).
  const std::string event_id = "selftest:" + random_token(9);
  return account_write(
      *s.store, ctx, "member:" + std::to_string(who.member_id),
      [&](Repos& r) {
        int64_t clinic = default_clinic(r, who.org_id);
        return compute_member_op(
            r, "points.apply", who.member_id, clinic, active_points_rules(r, clinic),
            object{{"event", object{{"id", event_id}, {"type", "self_test_completed"}, {"at_ms", ctx.now_ms}}}},
            ctx.lang);
      },
      [&](Repos& r, MemberOp& credit) {
        std::optional<int64_t> patient =
            patient_id ? std::optional<int64_t>(own_patient(r, who.member_id, *patient_id, "$.patient_id").id)
                       : std::nullopt;
        TriageRow stored = row;
        bool consent = add_consented_detail(r, who.member_id, body, server_outcome, stored);
        int64_t id = r.triage().insert_triage(stored);
        if (patient) r.families().set_triage_patient(id, *patient);
        object applied = commit_member_op(r, credit);
        return JsonReply{http::status::ok, object{{"result_id", id},
                                                  {"protocol", evaluated["protocol"]},
                                                  {"outcome", server_outcome},
                                                  {"path", evaluated["path"]},
                                                  {"answers_stored", consent},
                                                  {"points", applied["points"]},
                                                  {"reasons", applied["reasons"]}}};
      });
}

}  // namespace

const RouteTable& patient_triage_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/triage/catalog", "complaints, departments, levels (?age_years&sex&pregnant)", catalog},
      {http::verb::post, "/api/v1/triage/match", "free text → ranked complaints (public, no state stored)", match,
       Exec::io},
      {http::verb::post, "/api/v1/triage/submit",
       "the phone's finished state + outcome → server re-evaluates; mismatch 409 (recorded); self-test points", submit},
  };
  return table;
}

}  // namespace clinic::server
