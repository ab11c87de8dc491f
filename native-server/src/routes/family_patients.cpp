// 就诊人 (patients of a member, issue 15): list, add, change, remove. A member books, tests
// and pays for up to `max_patients_per_member` people; points stay with the member. Names
// and birth dates of their own patients are shown to the member; ID numbers and phones are
// sealed at rest and only ever leave masked. Another member's patient is 404.
#include <boost/json.hpp>

#include "domain/idempotency.h"
#include "domain/patient_service.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;

Response list_patients(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  array list;
  s.store->read([&](Repos& r) {
    civil::Date today = org_today(r, who.org_id, ctx.now_ms);
    for (const Patient& p : r.families().patients_of(who.member_id)) list.push_back(patient_json(p, today));
  });
  return json_response(ctx.req, http::status::ok,
                       object{{"patients", std::move(list)}, {"max", s.config->max_patients_per_member}});
}

Response add_patient(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  object body = ctx.json_body();
  int max = s.config->max_patients_per_member;
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    civil::Date today = org_today(r, who.org_id, ctx.now_ms);
    Patient p;
    apply_patient_body(body, true, today, ctx.now_ms, p);
    if (static_cast<int>(r.families().patients_of(who.member_id).size()) >= max) {
      throw ApiError("limit_reached", Text("最多可添加 " + std::to_string(max) + " 位就诊人",
                                           "at most " + std::to_string(max) + " patients per account"));
    }
    p.org_id = who.org_id;
    p.member_id = who.member_id;
    p.created_at_ms = p.updated_at_ms = ctx.now_ms;
    p.id = r.families().insert_patient(p);
    return JsonReply{http::status::created, patient_json(p, today)};
  });
}

Response change_patient(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  object body = ctx.json_body();
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    civil::Date today = org_today(r, who.org_id, ctx.now_ms);
    Patient p = own_patient(r, who.member_id, id);
    apply_patient_body(body, false, today, ctx.now_ms, p);
    p.updated_at_ms = ctx.now_ms;
    r.families().update_patient(p);
    return JsonReply{http::status::ok, patient_json(p, today)};
  });
}

Response remove_patient(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    own_patient(r, who.member_id, id);
    if (r.families().patient_has_open_bookings(id, ctx.now_ms)) {
      throw ApiError("conflict",
                     {"该就诊人还有未到的预约，请先取消", "this patient has open appointments; cancel them first"},
                     "id");
    }
    r.families().erase_patient(id);
    return JsonReply{http::status::ok, object{{"deleted", true}}};
  });
}

}  // namespace

const RouteTable& family_patient_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/patients", "my patients (就诊人) and the maximum", list_patients},
      {http::verb::post, "/api/v1/patients",
       "add a patient (name, sex, birth date, relation; ID number and phone optional, sealed)", add_patient},
      {http::verb::put, "/api/v1/patients/:id", "change a patient (fields given are changed)", change_patient},
      {http::verb::delete_, "/api/v1/patients/:id",
       "remove a patient: erases their profile and self-test answers (not while they have open appointments)",
       remove_patient},
  };
  return table;
}

}  // namespace clinic::server
