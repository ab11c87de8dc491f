// Patients (就诊人) as the routes need them: reading and validating a patient from a request
// body (field errors name the field), the JSON the member and the desk see, and the
// ownership check every route that takes a patient_id makes (another member's patient is
// 404, exactly like a patient that does not exist).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "clinic/civil_time.h"
#include "store/repositories.h"

namespace clinic::server {

// Today's date at the organization's default clinic (ages, guardian consent, birth dates).
civil::Date org_today(Repos& r, int64_t org_id, int64_t now_ms);

// Applies the fields present in `body` to `p` (all required when `create`), validating each
// with patient_rules.h; throws invalid_field / missing_field naming the first bad field.
// Sets guardian_consent_at_ms when the patient is under 14 (the member is the guardian).
void apply_patient_body(const boost::json::object& body, bool create, civil::Date today, int64_t now_ms, Patient& p);

// What the member sees of their own patient (ID number and phone masked).
boost::json::object patient_json(const Patient& p, civil::Date today);
// What the desk sees: masked name, sex, age, relation.
boost::json::object patient_desk_json(const Patient& p, civil::Date today);
// {"id","name"} for appointment lists (the member's own view).
boost::json::object patient_ref_json(const Patient& p);

// The member's patient `patient_id`, or 404 not_found at `field` (also for another member's patient).
Patient own_patient(Repos& r, int64_t member_id, int64_t patient_id, const std::string& field = "id");

// The patient a booking / self-test / visit is for: `requested` when given (checked to be the
// member's); when absent and the member has patients, a missing_field error at `field`; when
// the member has none yet (accounts from before families), nullopt.
std::optional<int64_t> resolve_patient(Repos& r, int64_t member_id, std::optional<int64_t> requested,
                                       const std::string& field);

// The desk's view (issue 15): the member's patients, masked; the patient of a booking (null
// when none); and the link of a confirmed visit (confirm_visit's answer) to the patient seen.
boost::json::array desk_patients(Repos& r, int64_t member_id, civil::Date today);
boost::json::value desk_patient_of_booking(Repos& r, const BookingRow& b, int64_t now_ms);
void link_visit_patient(Repos& r, boost::json::object& confirmed, int64_t patient_id, int64_t now_ms);

}  // namespace clinic::server
