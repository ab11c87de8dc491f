// Issue 19, bring patients back: the member's subscribe-message answers, the templates the
// mini-program asks for, the manager's message list and template document, and (test
// builds with a test clock only) "run the scheduler now" so tests never wait on time.
// Reviews and invite QR codes: routes/engagement_reviews.cpp, routes/engagement_invite_qr.cpp.
#include <boost/json.hpp>

#include "app.h"
#include "domain/idempotency.h"
#include "engagement/retention.h"
#include "engagement/templates.h"
#include "routes/api_common.h"

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

}  // namespace

void App::add_engagement_routes() {
  router_.add(http::verb::get, "/api/v1/subscriptions",
              "the organisation's subscribe-message templates and my unused one-time subscriptions",
              [this](RequestContext& ctx) {
                MemberPrincipal who = auth_->require_member(ctx);
                object out = store_->read([&](Repos& r) {
                  array templates;
                  for (const MessageTemplate& t : org_templates(r, who.org_id).templates)
                    templates.push_back(object{{"kind", t.kind}, {"template_id", t.template_id}});
                  array mine;
                  for (const SubscriptionSummary& s : r.engagement().subscriptions_of(who.member_id)) {
                    mine.push_back(object{{"template_id", s.template_id},
                                          {"unused_accepts", s.unused_accepts},
                                          {"last_result", s.last_result},
                                          {"last_at_ms", s.last_at_ms}});
                  }
                  return object{{"templates", std::move(templates)}, {"subscriptions", std::move(mine)}};
                });
                return json_response(ctx.req, http::status::ok, out);
              });

  router_.add(
      http::verb::post, "/api/v1/subscriptions",
      "record wx.requestSubscribeMessage answers {results:{template_id: accept|reject|ban}} (one accept = one message)",
      [this](RequestContext& ctx) {
        MemberPrincipal who = auth_->require_member(ctx);
        object body = ctx.json_body();
        for (const auto& kv : body) {
          if (kv.key() != "results")
            throw ApiError("invalid_field", Text("未知字段", "unknown field"), "$." + std::string(kv.key()));
        }
        const auto* results = body.if_contains("results");
        if (!results || !results->is_object() || results->get_object().empty() || results->get_object().size() > 20) {
          throw ApiError("invalid_field",
                         {"results 应为 1–20 个模板的对象", "results must be an object of 1–20 templates"},
                         "$.results");
        }
        return idempotent_write(*store_, ctx, "member:" + std::to_string(who.member_id), [&](Repos& r) {
          TemplateConfig cfg = org_templates(r, who.org_id);
          for (const auto& kv : results->get_object()) {
            std::string id(kv.key());
            std::string path = "$.results." + id;
            if (!cfg.by_template_id(id))
              throw ApiError("invalid_field",
                             {"不是本机构配置的消息模板", "not a message template of this organisation"}, path);
            const auto& v = kv.value();
            if (!v.is_string() || (v.get_string() != "accept" && v.get_string() != "reject" && v.get_string() != "ban"))
              throw ApiError("invalid_field", {"应为 accept、reject 或 ban", "must be accept, reject or ban"}, path);
          }
          for (const auto& kv : results->get_object())
            r.engagement().record_subscription(who.member_id, std::string(kv.key()),
                                               std::string(kv.value().get_string()), ctx.now_ms);
          array mine;
          for (const SubscriptionSummary& s : r.engagement().subscriptions_of(who.member_id))
            mine.push_back(object{{"template_id", s.template_id}, {"unused_accepts", s.unused_accepts}});
          return JsonReply{http::status::ok, object{{"subscriptions", std::move(mine)}}};
        });
      });

  const std::string base = "/api/v1/manager/clinics/:clinic_id";
  router_.add(http::verb::get, base + "/messages",
              "the clinic's last subscribe messages, newest first (?failures=1 for failures and retries; ?limit=)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                bool failures = ctx.query("failures") == "1";
                int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
                array out;
                for (const OutboxRow& o : store_->read(
                         [&](Repos& r) { return r.engagement().outbox_of_clinic(scope.clinic.id, failures, limit); })) {
                  out.push_back(outbox_json(o));
                }
                return json_response(ctx.req, http::status::ok, object{{"messages", std::move(out)}});
              });

  router_.add(http::verb::get, base + "/message-templates", "the organisation's subscribe-message template document",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                auto doc =
                    store_->read([&](Repos& r) { return r.engagement().template_document(scope.clinic.org_id); });
                boost::json::value v = doc ? parse_json_text(*doc) : boost::json::value(nullptr);
                return json_response(ctx.req, http::status::ok, object{{"document", v}});
              });

  router_.add(http::verb::put, base + "/message-templates",
              "replace the organisation's template document (validated; errors name the JSON path)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                std::string doc(ctx.req.body());
                parse_template_config(doc);  // throws invalid_rules with the path; nothing stored
                store_->write([&](Repos& r) {
                  r.engagement().save_template_document(scope.clinic.org_id, doc, ctx.now_ms);
                  audit(r, scope.who.staff.id, scope.clinic.id, "message_templates.replace", "org", object{},
                        ctx.now_ms);
                });
                return json_response(ctx.req, http::status::ok, object{{"document", parse_json_text(doc)}});
              });

  router_.add(http::verb::get, base + "/retention",
              "members by month of joining × share active (check-in, self-test, visit) per later month; per reminder "
              "kind the share followed by its action (?months=1–24, default 6)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx, {"manager", "admin"});
                RetentionInput in;
                in.months = static_cast<int>(query_int(ctx, "months", 6, 1, 24));
                in.utc_offset_min = scope.clinic.utc_offset_min;
                in.now_ms = ctx.now_ms;
                int64_t from = retention_from_ms(ctx.now_ms, in.utc_offset_min, in.months - 1);
                store_->read([&](Repos& r) {
                  in.joins = r.engagement().member_joins(scope.clinic.org_id, from);
                  in.activity = r.engagement().member_activity(scope.clinic.org_id, from);
                  in.reminders = r.engagement().reminder_follow_ups(scope.clinic.id);
                });
                return json_response(ctx.req, http::status::ok, retention_table(in));
              });

#ifdef CLINIC_TEST_HOOKS
  if (!config_.test_clock_file.empty()) {
    router_.add(http::verb::post, "/api/v1/test/scheduler/run",
                "test builds with a test clock only: run one scheduler tick now and answer its counts",
                [this](RequestContext& ctx) {
                  TickResult t = scheduler_->tick();
                  return json_response(ctx.req, http::status::ok,
                                       object{{"claimed", t.claimed},
                                              {"sent", t.sent},
                                              {"failed", t.failed},
                                              {"skipped", t.skipped},
                                              {"retried", t.retried},
                                              {"deferred", t.deferred}});
                });
  }
#endif
}

}  // namespace clinic::server
