#include "domain/patient_service.h"

#include "domain/ledger_service.h"
#include "domain/patient_rules.h"
#include "errors.h"
#include "privacy/vault.h"
#include "validation/fields.h"

namespace clinic::server {

using boost::json::object;
using boost::json::value;

civil::Date org_today(Repos& r, int64_t org_id, int64_t now_ms) {
  auto clinic = r.clinic_by_id(default_clinic(r, org_id));
  return civil::local_date(now_ms, clinic ? clinic->utc_offset_min : civil::kDefaultUtcOffsetMinutes);
}

void apply_patient_body(const object& body, bool create, civil::Date today, int64_t now_ms, Patient& p) {
  BodyReader b(body);
  JsonReader root = b.root();
  root.expect_object({"name", "sex", "birth_date", "relation", "id_number", "phone"});
  auto wanted = [&](const char* key) { return create || root.field(key).present(); };
  if (wanted("name")) {
    std::string name = root.req_string("name", 256);
    FieldProblem pr = check_patient_name(name);
    if (root.ok() && !pr.ok()) root.field("name").fail(pr.zh, pr.en);
    p.name = trim_name(name);
  }
  if (wanted("sex")) p.sex = std::string(kSexes[root.field("sex").as_enum({kSexes[0], kSexes[1]})]);
  if (wanted("birth_date")) {
    std::string birth = root.req_string("birth_date", 16);
    FieldProblem pr = check_birth_date(birth, today);
    if (root.ok() && !pr.ok()) root.field("birth_date").fail(pr.zh, pr.en);
    p.birth_date = birth;
  }
  if (wanted("relation")) {
    std::string relation = root.req_string("relation", 16);
    if (root.ok() && !find_relation(relation)) {
      root.field("relation").fail("关系应为以下之一：" + relation_ids(), "relation must be one of: " + relation_ids());
    }
    p.relation = relation;
  }
  // id_number / phone: optional; null or "" removes them.
  if (root.field("id_number").present()) {
    std::string id = root.field("id_number").as_string(32);
    if (id.empty()) {
      p.id_number.reset();
    } else {
      FieldProblem pr = check_resident_id(id, today);
      if (root.ok() && !pr.ok()) root.field("id_number").fail(pr.zh, pr.en);
      p.id_number = normalize_id_number(id);
    }
  } else if (body.contains("id_number")) {
    p.id_number.reset();
  }
  if (root.field("phone").present()) {
    std::string phone = normalize_phone(root.field("phone").as_string(32));
    if (phone.empty()) {
      p.phone.reset();
    } else {
      FieldProblem pr = check_mobile(phone);
      if (root.ok() && !pr.ok()) root.field("phone").fail(pr.zh, pr.en);
      p.phone = phone;
    }
  } else if (body.contains("phone")) {
    p.phone.reset();
  }
  b.done();
  // Cross-field checks on the result (an update may change one side only).
  civil::Date birth = *civil::parse_date(p.birth_date);
  if (p.id_number) {
    if (!(resident_id_birth_date(*p.id_number) == birth)) {
      throw ApiError("invalid_field", {"身份证号中的出生日期与出生日期不一致", "id_number does not match birth_date"},
                     "$.id_number");
    }
    if (resident_id_sex(*p.id_number) != p.sex) {
      throw ApiError("invalid_field", {"身份证号与性别不一致", "id_number does not match sex"}, "$.id_number");
    }
  }
  bool minor = needs_guardian_consent(birth, today);
  if (minor && p.relation == "self") {
    throw ApiError(
        "invalid_field",
        Text("未满 " + std::to_string(kGuardianConsentAgeYears) + " 周岁的就诊人请由监护人添加（关系选“子女”等）",
             "a patient under " + std::to_string(kGuardianConsentAgeYears) +
                 " must be added by a guardian (relation child or other), not as self"),
        "$.relation");
  }
  // PIPL art. 31: for a child under 14 the guardian's consent is the consent; the member adding
  // (or updating) the child is that guardian, and the moment is recorded.
  if (minor && !p.guardian_consent_at_ms) p.guardian_consent_at_ms = now_ms;
  if (!minor) p.guardian_consent_at_ms.reset();
}

object patient_json(const Patient& p, civil::Date today) {
  civil::Date birth = *civil::parse_date(p.birth_date);
  Age age = age_on(birth, today);
  // The guardian's consent counts only while the child is under 14 (then the patient consents themselves).
  bool guardian = p.guardian_consent_at_ms && needs_guardian_consent(birth, today);
  object o{{"id", p.id},
           {"name", p.name},
           {"sex", p.sex},
           {"birth_date", p.birth_date},
           {"relation", p.relation},
           {"age", object{{"years", age.years}, {"months", age.months}}},
           {"guardian_consent", guardian}};
  if (guardian) o["guardian_consent_at_ms"] = *p.guardian_consent_at_ms;
  if (p.id_number) o["id_number_masked"] = mask_id_number(*p.id_number);
  if (p.phone) o["phone_masked"] = mask_phone(*p.phone);
  return o;
}

object patient_desk_json(const Patient& p, civil::Date today) {
  Age age = age_on(*civil::parse_date(p.birth_date), today);
  return object{{"id", p.id},
                {"name_masked", mask_name(p.name)},
                {"sex", p.sex},
                {"relation", p.relation},
                {"age", object{{"years", age.years}, {"months", age.months}}}};
}

object patient_ref_json(const Patient& p) {
  return object{{"id", p.id}, {"name", p.name}};
}

Patient own_patient(Repos& r, int64_t member_id, int64_t patient_id, const std::string& field) {
  auto p = r.families().patient_by_id(patient_id);
  if (!p || p->member_id != member_id) throw ApiError("not_found", {"没有这个就诊人", "no such patient"}, field);
  return *p;
}

std::optional<int64_t> resolve_patient(Repos& r, int64_t member_id, std::optional<int64_t> requested,
                                       const std::string& field) {
  if (requested) return own_patient(r, member_id, *requested, field).id;
  if (r.families().patients_of(member_id).empty()) return std::nullopt;
  throw ApiError("missing_field", {"请选择就诊人", "patient_id is required: choose the patient"}, field);
}

boost::json::array desk_patients(Repos& r, int64_t member_id, civil::Date today) {
  boost::json::array out;
  for (const Patient& p : r.families().patients_of(member_id)) out.push_back(patient_desk_json(p, today));
  return out;
}

namespace {
civil::Date clinic_today(Repos& r, int64_t clinic_id, int64_t now_ms) {
  auto c = r.clinic_by_id(clinic_id);
  return civil::local_date(now_ms, c ? c->utc_offset_min : civil::kDefaultUtcOffsetMinutes);
}
}  // namespace

value desk_patient_of_booking(Repos& r, const BookingRow& b, int64_t now_ms) {
  auto pid = r.families().booking_patient(b.id);
  auto p = pid ? r.families().patient_by_id(*pid) : std::nullopt;
  if (!p) return nullptr;
  return patient_desk_json(*p, clinic_today(r, b.clinic_id, now_ms));
}

void link_visit_patient(Repos& r, object& confirmed, int64_t patient_id, int64_t now_ms) {
  object& visit = confirmed["visit"].as_object();
  r.families().set_visit_patient(visit["id"].to_number<int64_t>(), patient_id);
  auto p = r.families().patient_by_id(patient_id);
  int64_t clinic = visit["clinic_id"].to_number<int64_t>();
  visit["patient"] = p ? value(patient_desk_json(*p, clinic_today(r, clinic, now_ms))) : value(nullptr);
}

}  // namespace clinic::server
