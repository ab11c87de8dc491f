// An appointment as the member's list shows it (issue 15): who it is for, the department,
// clinic and doctor by name, and whether it may still be cancelled — so the app never offers
// what the server would refuse. Also the cancel cut-off, the one rule both use.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <string>

#include "store/repositories.h"

namespace clinic::server {

inline constexpr int64_t kCancelCutoffMs = 2 * 3'600'000;  // no cancelling within 2 h of the start

// An appointment as the patient and the desk see it.
inline boost::json::object booking_json(const BookingRow& b) {
  return boost::json::object{{"id", b.id},
                             {"slot_id", b.slot_id},
                             {"clinic_id", b.clinic_id},
                             {"doctor_id", b.doctor_id},
                             {"starts_at_ms", b.starts_at_ms},
                             {"status", b.status},
                             {"created_at_ms", b.created_at_ms}};
}

inline bool booking_cancellable(const BookingRow& b, int64_t now_ms) {
  return b.status == "booked" && now_ms <= b.starts_at_ms - kCancelCutoffMs;
}

// Names looked up once per clinic while a list is built (one read job).
class AppointmentNames {
 public:
  AppointmentNames(Repos& r, std::string lang) : r_(r), lang_(std::move(lang)) {}
  // booking_json + patient, department, clinic, doctor ({id, name}) and cancellable.
  boost::json::object item(const BookingRow& b, int64_t now_ms);

 private:
  void load(int64_t clinic_id);
  Repos& r_;
  std::string lang_;
  std::map<int64_t, std::string> clinics_, departments_;
  std::map<int64_t, std::pair<std::string, int64_t>> doctors_;  // name, department id
};

}  // namespace clinic::server
