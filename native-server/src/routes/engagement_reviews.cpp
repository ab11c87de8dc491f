// Post-visit reviews (评价): stars 1–5 and optional text for the member's own confirmed
// visit, once per visit, within 14 days. Text goes through WeChat's content check
// (msg_sec_check v2) before the write: pass → published, review → held for the manager,
// risky → 400 naming $.text. A published review earns `review` points by the active
// rules (their caps apply) in the same transaction, like check-in. Managers see stars and
// text per doctor and department, never who wrote them.
#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "domain/account_write.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "engagement/reminders.h"
#include "routes/api_common.h"
#include "routes/route_table.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;

constexpr size_t kReviewTextMax = 500;  // characters

size_t utf8_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The review's credit, computed on a read snapshot (nullopt when a cap refuses it: 0 points).
std::optional<MemberOp> plan_review_credit(Repos& r, int64_t member_id, int64_t clinic_id, int64_t visit_id,
                                           int64_t now_ms, const std::string& lang) {
  try {
    return compute_member_op(
        r, "points.apply", member_id, clinic_id, active_points_rules(r, clinic_id),
        object{{"event", object{{"id", "review:" + std::to_string(visit_id)}, {"type", "review"}, {"at_ms", now_ms}}}},
        lang);
  } catch (const ApiError& e) {
    if (e.code == "limit_reached") return std::nullopt;
    throw;
  }
}

// Commits the planned credit in the writer; returns the points.
int64_t credit_review(Repos& r, std::optional<MemberOp>& credit) {
  if (!credit) return 0;
  return commit_member_op(r, *credit)["points"].to_number<int64_t>();
}

object review_json(const ReviewRow& v) {
  return object{{"id", v.id},
                {"stars", v.stars},
                {"text", v.text ? boost::json::value(*v.text) : boost::json::value(nullptr)},
                {"status", v.status},
                {"doctor_id", v.doctor_id ? boost::json::value(*v.doctor_id) : boost::json::value(nullptr)},
                {"department_id", v.department_id ? boost::json::value(*v.department_id) : boost::json::value(nullptr)},
                {"at_ms", v.at_ms}};
}

VisitRow own_visit(Repos& r, int64_t visit_id, int64_t member_id) {
  auto v = r.visits().visit_by_id(visit_id);
  if (!v || v->member_id != member_id) throw ApiError("not_found", {"没有这次就诊", "no such visit"}, "id");
  return *v;
}

Response review_state(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  object out = s.store->read([&](Repos& r) {
    VisitRow v = own_visit(r, id, who.member_id);
    auto clinic = r.clinic_by_id(v.clinic_id);
    auto review = r.engagement().review_of_visit(id);
    int64_t deadline = v.at_ms + kReviewWindowMs;
    return object{{"visit", object{{"id", v.id},
                                   {"at_ms", v.at_ms},
                                   {"clinic_name", clinic ? clinic->name : std::string()},
                                   {"status", v.status}}},
                  {"reviewable", !review && v.status == "confirmed" && ctx.now_ms <= deadline},
                  {"deadline_ms", deadline},
                  {"review", review ? boost::json::value(review_json(*review)) : nullptr}};
  });
  return json_response(ctx.req, http::status::ok, out);
}

int64_t review_stars(const object& body) {
  for (const auto& kv : body) {
    if (kv.key() != "stars" && kv.key() != "text")
      throw ApiError("invalid_field", {"未知字段", "unknown field"}, "$." + std::string(kv.key()));
  }
  const auto* stars_v = body.if_contains("stars");
  if (!stars_v || !stars_v->is_int64() || stars_v->get_int64() < 1 || stars_v->get_int64() > 5)
    throw ApiError("invalid_field", {"评分应为 1–5 的整数", "stars must be an integer from 1 to 5"}, "$.stars");
  return stars_v->get_int64();
}

std::optional<std::string> review_text(const object& body) {
  std::optional<std::string> text;
  if (const auto* t = body.if_contains("text"); t && !t->is_null()) {
    if (!t->is_string() || utf8_chars(std::string(t->get_string())) > kReviewTextMax)
      throw ApiError("invalid_field",
                     {"评价内容应为不超过 500 字的文字", "text must be a string of at most 500 characters"}, "$.text");
    if (!t->get_string().empty()) text = std::string(t->get_string());
  }
  return text;
}

// Checks that need no network, so a closed window never costs a WeChat call; returns the
// member's openid for the content check.
std::string check_reviewable(Repos& r, int64_t id, int64_t member_id, int64_t now_ms) {
  VisitRow v = own_visit(r, id, member_id);
  if (v.status != "confirmed")
    throw ApiError("conflict", {"已退款的就诊不能评价", "a refunded visit cannot be reviewed"}, "id");
  if (now_ms > v.at_ms + kReviewWindowMs)
    throw ApiError("conflict", {"就诊 14 天后不能再评价", "reviews close 14 days after the visit"}, "id");
  if (r.engagement().review_of_visit(id))
    throw ApiError("conflict", {"这次就诊已评价过", "this visit was already reviewed"}, "id");
  return r.member_by_id(member_id)->openid.value_or("");
}

// The review row for the member's visit, its doctor and department from that day's visit.
ReviewRow new_review(Repos& r, int64_t id, int64_t member_id) {
  VisitRow v = own_visit(r, id, member_id);
  if (r.engagement().review_of_visit(id))
    throw ApiError("conflict", {"这次就诊已评价过", "this visit was already reviewed"}, "id");
  auto clinic = r.clinic_by_id(v.clinic_id);
  int offset = clinic ? clinic->utc_offset_min : civil::kDefaultUtcOffsetMinutes;
  int64_t day = civil::local_day_start_ms(civil::local_day(v.at_ms, offset), offset);
  ReviewRow row;
  row.visit_id = id;
  row.member_id = member_id;
  row.clinic_id = v.clinic_id;
  if (auto d = r.engagement().doctor_of_visit(v.clinic_id, member_id, day, day + kDayMs)) {
    row.doctor_id = d->first;
    row.department_id = d->second;
  }
  return row;
}

Response submit_review(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  object body = ctx.json_body();
  int64_t stars = review_stars(body);
  std::optional<std::string> text = review_text(body);
  auto openid = s.store->read([&](Repos& r) { return check_reviewable(r, id, who.member_id, ctx.now_ms); });
  std::string suggest = text ? s.wechat->content_check(openid, *text, ctx.now_ms) : "pass";
  if (suggest == "risky") {
    throw ApiError("invalid_field",
                   {"评价内容未通过微信内容安全检查，请修改后再提交",
                    "the text did not pass WeChat's content check; please rephrase it"},
                   "$.text");
  }
  return account_write(
      *s.store, ctx, "member:" + std::to_string(who.member_id),
      [&](Repos& r) {
        std::optional<MemberOp> credit;
        if (suggest == "pass") {
          VisitRow v = own_visit(r, id, who.member_id);
          credit = plan_review_credit(r, who.member_id, v.clinic_id, id, ctx.now_ms, ctx.lang);
        }
        return credit;
      },
      [&](Repos& r, std::optional<MemberOp>& credit) {
        ReviewRow row = new_review(r, id, who.member_id);
        row.stars = stars;
        row.text = text;
        row.status = suggest == "pass" ? "published" : "held";
        row.at_ms = ctx.now_ms;
        if (row.status == "published") row.points = credit_review(r, credit);
        row.id = r.engagement().insert_review(row);
        return JsonReply{http::status::created, object{{"review", review_json(row)}, {"points", row.points}}};
      });
}

array review_groups(Repos& r, int64_t clinic_id, bool by_doctor) {
  array a;
  for (const ReviewGroup& g : r.engagement().review_groups(clinic_id, by_doctor)) {
    a.push_back(object{{"id", g.id},
                       {"name", g.name},
                       {"count", g.count},
                       {"average_stars_x100", g.count ? g.stars_sum * 100 / g.count : 0}});
  }
  return a;
}

Response clinic_reviews(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
  object out = s.store->read([&](Repos& r) {
    array latest;
    for (const ReviewRow& v : r.engagement().reviews_of_clinic(scope.clinic.id, limit))
      latest.push_back(review_json(v));
    return object{{"by_doctor", review_groups(r, scope.clinic.id, true)},
                  {"by_department", review_groups(r, scope.clinic.id, false)},
                  {"reviews", std::move(latest)}};
  });
  return json_response(ctx.req, http::status::ok, out);
}

ReviewRow held_review(Repos& r, int64_t id, int64_t clinic_id) {
  auto v = r.engagement().review_by_id(id);
  if (!v || v->clinic_id != clinic_id) throw ApiError("not_found", {"没有这条评价", "no such review"}, "review_id");
  if (v->status != "held")
    throw ApiError("conflict", {"这条评价已发布", "this review is already published"}, "review_id");
  return *v;
}

Response publish_review(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx, {"manager", "admin"});
  int64_t id = param_id(ctx, "review_id");
  return account_write(
      *s.store, ctx, "staff:" + std::to_string(scope.who.staff.id),
      [&](Repos& r) {
        ReviewRow v = held_review(r, id, scope.clinic.id);
        return plan_review_credit(r, v.member_id, v.clinic_id, v.visit_id, ctx.now_ms, ctx.lang);
      },
      [&](Repos& r, std::optional<MemberOp>& credit) {
        ReviewRow v = held_review(r, id, scope.clinic.id);
        v.points = credit_review(r, credit);
        v.status = "published";
        r.engagement().publish_review(id, v.points);
        audit(r, scope.who.staff.id, scope.clinic.id, "review.publish", "review:" + std::to_string(id), object{},
              ctx.now_ms);
        return JsonReply{http::status::ok, object{{"review", review_json(v)}}};
      });
}

}  // namespace

const RouteTable& review_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/visits/:id/review", "my visit's review state: reviewable until, my review",
       review_state},
      {http::verb::post, "/api/v1/visits/:id/review",
       "review my confirmed visit once within 14 days: stars 1–5, text checked by WeChat; earns review points",
       submit_review},
      {http::verb::get, "/api/v1/manager/clinics/:clinic_id/reviews",
       "reviews per doctor and department and the latest reviews (no reviewer identities)", clinic_reviews},
      {http::verb::post, "/api/v1/manager/clinics/:clinic_id/reviews/:review_id/publish",
       "publish a review WeChat held for review (credits its review points)", publish_review},
  };
  return table;
}

}  // namespace clinic::server
