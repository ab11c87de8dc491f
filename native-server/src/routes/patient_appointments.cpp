// Patient appointments (预约挂号): departments, doctors, slots by local date, book with
// capacity (the slot's counter is checked and taken in the writer's transaction), cancel
// until a cut-off before the start, my appointments.
#include <boost/json.hpp>

#include <algorithm>

#include "domain/appointment_view.h"
#include "domain/idempotency.h"
#include "domain/ledger_service.h"
#include "domain/patient_service.h"
#include "engagement/reminders.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;

int64_t clinic_param(Repos& r, const RequestContext& ctx, int64_t org_id) {
  if (ctx.query("clinic_id").empty()) return default_clinic(r, org_id);
  int64_t id = query_int(ctx, "clinic_id", 0, 1, INT64_MAX);
  auto c = r.clinic_by_id(id);
  if (!c || c->org_id != org_id) throw ApiError("not_found", {"没有这个诊所", "no such clinic"}, "clinic_id");
  return id;
}

Response departments(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  array out;
  s.store->read([&](Repos& r) {
    for (const Department& d : r.departments(clinic_param(r, ctx, who.org_id))) {
      out.push_back(object{{"id", d.id}, {"code", d.code}, {"name", ctx.lang == "en" ? d.name_en : d.name_zh}});
    }
  });
  return json_response(ctx.req, http::status::ok, object{{"departments", std::move(out)}});
}

Response doctors(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t dept = query_int(ctx, "department_id", 0, 0, INT64_MAX);
  array out;
  s.store->read([&](Repos& r) {
    for (const Doctor& d : r.doctors(clinic_param(r, ctx, who.org_id))) {
      if (dept && d.department_id != dept) continue;
      out.push_back(object{{"id", d.id}, {"department_id", d.department_id}, {"name", d.name}, {"title", d.title}});
    }
  });
  return json_response(ctx.req, http::status::ok, object{{"doctors", std::move(out)}});
}

Response slots(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t doctor = query_int(ctx, "doctor_id", 0, 0, INT64_MAX);
  array out;
  s.store->read([&](Repos& r) {
    int64_t clinic = clinic_param(r, ctx, who.org_id);
    int offset = r.clinic_by_id(clinic)->utc_offset_min;
    int64_t from = civil::local_day_start_ms(query_day(ctx, offset), offset);
    for (const Slot& slot : r.slots(clinic, from, from + kDayMs)) {
      if (doctor && slot.doctor_id != doctor) continue;
      out.push_back(object{{"id", slot.id},
                           {"doctor_id", slot.doctor_id},
                           {"starts_at_ms", slot.starts_at_ms},
                           {"ends_at_ms", slot.ends_at_ms},
                           {"capacity", slot.capacity},
                           {"available", slot.capacity - slot.booked}});
    }
  });
  return json_response(ctx.req, http::status::ok, object{{"slots", std::move(out)}});
}

Response book(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"slot_id", "patient_id"});
  int64_t slot = root.req_int("slot_id", 1, INT64_MAX);
  std::optional<int64_t> patient_id;
  if (root.field("patient_id").present()) patient_id = root.req_int("patient_id", 1, INT64_MAX);
  b.done();
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    // Who the appointment is for (issue 15): required once the member has patients.
    std::optional<int64_t> patient = resolve_patient(r, who.member_id, patient_id, "$.patient_id");
    int64_t id = patient ? r.families().book_slot_for_patient(slot, who.member_id, *patient, ctx.now_ms)
                         : r.bookings().book_slot(slot, who.member_id, ctx.now_ms);
    BookingRow row = *r.bookings().booking_by_id(id);
    if (row.starts_at_ms <= ctx.now_ms)
      throw ApiError("conflict", {"该时段已开始", "this slot has already started"}, "$.slot_id");
    remind_booking(r, row, ctx.now_ms);  // reminders commit with the booking
    return JsonReply{http::status::created,
                     object{{"appointment", AppointmentNames(r, ctx.lang).item(row, ctx.now_ms)}}};
  });
}

Response cancel(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    auto b = r.bookings().booking_by_id(id);
    if (!b || b->member_id != who.member_id) throw ApiError("not_found", {"没有这个预约", "no such appointment"});
    if (b->status != "booked") throw ApiError("conflict", {"该预约不能取消", "this appointment is not open"});
    if (!booking_cancellable(*b, ctx.now_ms)) {
      throw ApiError("conflict", {"就诊前 2 小时内不能取消", "cannot cancel within 2 hours of the start"});
    }
    r.bookings().set_booking_status(id, "cancelled");
    cancel_booking_reminders(r, id, ctx.now_ms);
    return JsonReply{http::status::ok, object{{"appointment", booking_json(*r.bookings().booking_by_id(id))}}};
  });
}

Response my_appointments(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  std::string when = ctx.query("when");
  if (!when.empty() && when != "upcoming" && when != "past")
    throw ApiError("invalid_field", {"when 应为 upcoming 或 past", "when must be upcoming or past"}, "when");
  array out = s.store->read([&](Repos& r) {
    AppointmentNames names(r, ctx.lang);
    std::vector<BookingRow> rows = r.bookings().bookings_of(who.member_id);  // by start time
    // Upcoming: starting now or later, soonest first; past: already started, latest first.
    if (when == "past") std::reverse(rows.begin(), rows.end());
    array list;
    for (const BookingRow& b : rows) {
      bool upcoming = b.starts_at_ms >= ctx.now_ms;
      if ((when == "upcoming" && !upcoming) || (when == "past" && upcoming)) continue;
      list.push_back(names.item(b, ctx.now_ms));
    }
    return list;
  });
  return json_response(ctx.req, http::status::ok, object{{"appointments", std::move(out)}});
}

}  // namespace

const RouteTable& patient_appointment_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/departments", "departments of a clinic (?clinic_id)", departments},
      {http::verb::get, "/api/v1/doctors", "doctors of a clinic (?clinic_id&department_id)", doctors},
      {http::verb::get, "/api/v1/slots", "slots on a local date (?clinic_id&date=YYYY-MM-DD&doctor_id)", slots},
      {http::verb::post, "/api/v1/appointments", "book a slot (capacity checked in the write transaction)", book},
      {http::verb::post, "/api/v1/appointments/:id/cancel", "cancel until 2 h before the start", cancel},
      {http::verb::get, "/api/v1/appointments",
       "my appointments with patient, department, clinic, doctor, cancellable (?when=upcoming|past)", my_appointments},
  };
  return table;
}

}  // namespace clinic::server
