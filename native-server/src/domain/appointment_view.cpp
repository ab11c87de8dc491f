#include "domain/appointment_view.h"

#include "domain/patient_service.h"

namespace clinic::server {

using boost::json::object;
using boost::json::value;

void AppointmentNames::load(int64_t clinic_id) {
  if (clinics_.count(clinic_id)) return;
  auto c = r_.clinic_by_id(clinic_id);
  clinics_[clinic_id] = c ? c->name : std::string();
  for (const Department& d : r_.departments(clinic_id)) departments_[d.id] = lang_ == "en" ? d.name_en : d.name_zh;
  for (const Doctor& d : r_.doctors(clinic_id)) doctors_[d.id] = {d.name, d.department_id};
}

object AppointmentNames::item(const BookingRow& b, int64_t now_ms) {
  load(b.clinic_id);
  object o = booking_json(b);
  o["clinic"] = object{{"id", b.clinic_id}, {"name", clinics_[b.clinic_id]}};
  auto doc = doctors_.find(b.doctor_id);
  if (doc != doctors_.end()) {
    o["doctor"] = object{{"id", b.doctor_id}, {"name", doc->second.first}};
    o["department"] = object{{"id", doc->second.second}, {"name", departments_[doc->second.second]}};
  }
  auto pid = r_.families().booking_patient(b.id);
  auto patient = pid ? r_.families().patient_by_id(*pid) : std::nullopt;
  o["patient"] = patient ? value(patient_ref_json(*patient)) : value(nullptr);
  o["cancellable"] = booking_cancellable(b, now_ms);
  return o;
}

}  // namespace clinic::server
