// Issue 19, bring patients back: the member's subscribe-message answers, the templates the
// mini-program asks for, the manager's message list and template document, and (test
// builds with a test clock only) "run the scheduler now" so tests never wait on time.
// Reviews and invite QR codes: routes/engagement_reviews.cpp, routes/engagement_invite_qr.cpp.
#include <boost/json.hpp>

#include "domain/idempotency.h"
#include "engagement/retention.h"
#include "engagement/templates.h"
#include "routes/api_common.h"
#include "routes/route_table.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;

TemplateConfig org_templates(Repos& r, int64_t org_id) {
  auto doc = r.engagement().template_document(org_id);
  return doc ? parse_template_config(*doc) : TemplateConfig{};
}

object outbox_json(const OutboxRow& o) {
  return object{{"id", o.id},
                {"member_id", o.member_id},
                {"kind", o.kind},
                {"status", o.status},
                {"due_at_ms", o.due_at_ms},
                {"attempts", o.attempts},
                {"template_id", o.template_id},
                {"error", o.last_error},
                {"updated_at_ms", o.updated_at_ms}};
}

Response subscriptions(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  object out = s.store->read([&](Repos& r) {
    array templates;
    for (const MessageTemplate& t : org_templates(r, who.org_id).templates)
      templates.push_back(object{{"kind", t.kind}, {"template_id", t.template_id}});
    array mine;
    for (const SubscriptionSummary& sub : r.engagement().subscriptions_of(who.member_id)) {
      mine.push_back(object{{"template_id", sub.template_id},
                            {"unused_accepts", sub.unused_accepts},
                            {"last_result", sub.last_result},
                            {"last_at_ms", sub.last_at_ms}});
    }
    return object{{"templates", std::move(templates)}, {"subscriptions", std::move(mine)}};
  });
  return json_response(ctx.req, http::status::ok, out);
}

// The body's {results:{template_id: answer}}: 1–20 templates, no other key.
const object& subscription_results(const object& body) {
  for (const auto& kv : body) {
    if (kv.key() != "results")
      throw ApiError("invalid_field", Text("未知字段", "unknown field"), "$." + std::string(kv.key()));
  }
  const auto* results = body.if_contains("results");
  if (!results || !results->is_object() || results->get_object().empty() || results->get_object().size() > 20) {
    throw ApiError("invalid_field", {"results 应为 1–20 个模板的对象", "results must be an object of 1–20 templates"},
                   "$.results");
  }
  return results->get_object();
}

// Every answer names a template of the organisation and is accept, reject or ban.
void check_subscription_answers(const TemplateConfig& cfg, const object& results) {
  for (const auto& kv : results) {
    std::string id(kv.key());
    std::string path = "$.results." + id;
    if (!cfg.by_template_id(id))
      throw ApiError("invalid_field", {"不是本机构配置的消息模板", "not a message template of this organisation"},
                     path);
    const auto& v = kv.value();
    if (!v.is_string() || (v.get_string() != "accept" && v.get_string() != "reject" && v.get_string() != "ban"))
      throw ApiError("invalid_field", {"应为 accept、reject 或 ban", "must be accept, reject or ban"}, path);
  }
}

Response record_subscriptions(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  object body = ctx.json_body();
  const object& results = subscription_results(body);
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    check_subscription_answers(org_templates(r, who.org_id), results);
    for (const auto& kv : results)
      r.engagement().record_subscription(who.member_id, std::string(kv.key()), std::string(kv.value().get_string()),
                                         ctx.now_ms);
    array mine;
    for (const SubscriptionSummary& sub : r.engagement().subscriptions_of(who.member_id))
      mine.push_back(object{{"template_id", sub.template_id}, {"unused_accepts", sub.unused_accepts}});
    return JsonReply{http::status::ok, object{{"subscriptions", std::move(mine)}}};
  });
}

Response messages(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  bool failures = ctx.query("failures") == "1";
  int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
  array out;
  for (const OutboxRow& o :
       s.store->read([&](Repos& r) { return r.engagement().outbox_of_clinic(scope.clinic.id, failures, limit); })) {
    out.push_back(outbox_json(o));
  }
  return json_response(ctx.req, http::status::ok, object{{"messages", std::move(out)}});
}

Response template_document(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  auto doc = s.store->read([&](Repos& r) { return r.engagement().template_document(scope.clinic.org_id); });
  boost::json::value v = doc ? parse_stored(*doc) : boost::json::value(nullptr);
  return json_response(ctx.req, http::status::ok, object{{"document", v}});
}

Response replace_template_document(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  std::string doc(ctx.req.body());
  parse_template_config(doc);  // throws invalid_rules with the path; nothing stored
  s.store->write([&](Repos& r) {
    r.engagement().save_template_document(scope.clinic.org_id, doc, ctx.now_ms);
    audit(r, scope.who.staff.id, scope.clinic.id, "message_templates.replace", "org", object{}, ctx.now_ms);
  });
  return json_response(ctx.req, http::status::ok, object{{"document", parse_stored(doc)}});
}

Response retention(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  RetentionInput in;
  in.months = static_cast<int>(query_int(ctx, "months", 6, 1, 24));
  in.utc_offset_min = scope.clinic.utc_offset_min;
  in.now_ms = ctx.now_ms;
  int64_t from = retention_from_ms(ctx.now_ms, in.utc_offset_min, in.months - 1);
  s.store->read([&](Repos& r) {
    in.joins = r.engagement().member_joins(scope.clinic.org_id, from);
    in.activity = r.engagement().member_activity(scope.clinic.org_id, from);
    in.reminders = r.engagement().reminder_follow_ups(scope.clinic.id);
  });
  return json_response(ctx.req, http::status::ok, retention_table(in));
}

#ifdef CLINIC_TEST_HOOKS
Response run_scheduler(Services& s, RequestContext& ctx) {
  TickResult t = s.scheduler->tick();
  return json_response(ctx.req, http::status::ok,
                       object{{"claimed", t.claimed},
                              {"sent", t.sent},
                              {"failed", t.failed},
                              {"skipped", t.skipped},
                              {"retried", t.retried},
                              {"deferred", t.deferred}});
}

bool with_test_clock(const Config& config) {
  return !config.test_clock_file.empty();
}
#endif

}  // namespace

const RouteTable& engagement_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/subscriptions",
       "the organisation's subscribe-message templates and my unused one-time subscriptions", subscriptions},
      {http::verb::post, "/api/v1/subscriptions",
       "record wx.requestSubscribeMessage answers {results:{template_id: accept|reject|ban}} (one accept = one "
       "message)",
       record_subscriptions},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/messages",
       "the clinic's last subscribe messages, newest first (?failures=1 for failures and retries; ?limit=)", messages},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/message-templates",
       "the organisation's subscribe-message template document", template_document},
      {http::verb::put, "/api/v1/manager/clinics/:clinic_id/message-templates",
       "replace the organisation's template document (validated; errors name the JSON path)",
       replace_template_document},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/retention",
       "members by month of joining × share active (check-in, self-test, visit) per later month; per reminder "
       "kind the share followed by its action (?months=1–24, default 6)",
       retention},
#ifdef CLINIC_TEST_HOOKS
      {http::verb::post, "/api/v1/test/scheduler/run",
       "test builds with a test clock only: run one scheduler tick now and answer its counts", run_scheduler,
       Exec::worker, nullptr, with_test_clock},
#endif
  };
  return table;
}

}  // namespace clinic::server
