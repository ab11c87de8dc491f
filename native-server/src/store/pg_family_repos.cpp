#include "store/pg_family_repos.h"

#include "errors.h"
#include "store/org_of.h"

namespace clinic::server {

#define PATIENT_COLUMNS                                                                                            \
  "id, org_id, member_id, name_enc, sex, birth_date, relation, id_number_enc, phone_enc, guardian_consent_at_ms, " \
  "created_at_ms, updated_at_ms"

std::optional<std::string> PgFamilyRepos::open(const PgQuery& q, int col, const char* field) {
  if (q.is_null(col)) return std::nullopt;
  auto plain = vault_.open_sealed(field, q.blob(col));
  if (!plain)
    throw ApiError("internal", Text("内部错误：加密字段无法解开（密钥文件不符？）",
                                    std::string("a sealed ") + field + " could not be opened (wrong key file?)"));
  return plain;
}

Patient PgFamilyRepos::read_patient(const PgQuery& q) {
  Patient p;
  p.id = q.i64(0);
  p.org_id = q.i64(1);
  p.member_id = q.i64(2);
  p.name = open(q, 3, "patient_name").value_or("");
  p.sex = q.text(4);
  p.birth_date = q.text(5);
  p.relation = q.text(6);
  p.id_number = open(q, 7, "patient_id_number");
  p.phone = open(q, 8, "patient_phone");
  p.guardian_consent_at_ms = q.opt_i64(9);
  p.created_at_ms = q.i64(10);
  p.updated_at_ms = q.i64(11);
  return p;
}

std::vector<Patient> PgFamilyRepos::patients_of(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT " PATIENT_COLUMNS " FROM patients WHERE member_id = $1 ORDER BY id");
  q.bind(1, member_id);
  std::vector<Patient> out;
  while (q.step()) out.push_back(read_patient(q));
  return out;
}

std::optional<Patient> PgFamilyRepos::patient_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT " PATIENT_COLUMNS " FROM patients WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_patient(q);
}

std::vector<int64_t> PgFamilyRepos::members_by_patient_phone(int64_t org_id, const std::string& phone) {
  PgQuery q =
      db_.prepare("SELECT DISTINCT member_id FROM patients WHERE org_id = $1 AND phone_hash = $2 ORDER BY member_id");
  q.bind(1, org_id).bind(2, vault_.lookup_hash("phone", normalize_phone(phone)));
  std::vector<int64_t> out;
  while (q.step()) out.push_back(q.i64(0));
  return out;
}

// Binds parameters 1..13 (org, member, name, sex, birth, relation, id number + hash, phone +
// hash, guardian consent, created, updated).
void PgFamilyRepos::write_patient(PgQuery& q, const Patient& p) {
  q.bind(1, p.org_id).bind(2, p.member_id).bind_blob(3, vault_.seal("patient_name", p.name));
  q.bind(4, p.sex).bind(5, p.birth_date).bind(6, p.relation);
  if (p.id_number) {
    q.bind_blob(7, vault_.seal("patient_id_number", *p.id_number))
        .bind(8, vault_.lookup_hash("id_number", *p.id_number));
  } else {
    q.bind_null(7).bind_null(8);
  }
  if (p.phone) {
    q.bind_blob(9, vault_.seal("patient_phone", *p.phone)).bind(10, vault_.lookup_hash("phone", *p.phone));
  } else {
    q.bind_null(9).bind_null(10);
  }
  q.bind(11, p.guardian_consent_at_ms).bind(12, p.created_at_ms).bind(13, p.updated_at_ms);
}

namespace {

[[noreturn]] void rethrow_patient_conflict(const PgError& e) {
  if (!e.unique_violation()) throw e;
  // The message names the index: patients_member_id_number (ID number) or patients_one_self.
  if (std::string(e.what()).find("patients_member_id_number") != std::string::npos) {
    throw ApiError("conflict", {"该身份证号已是您的就诊人", "this ID number is already one of your patients"},
                   "$.id_number");
  }
  throw ApiError("conflict", {"已有“本人”就诊人，只能有一个", "there is already a patient with relation self"},
                 "$.relation");
}

}  // namespace

int64_t PgFamilyRepos::insert_patient(const Patient& p) {
  try {
    return with_savepoint(db_, [&] {
      PgQuery q = db_.prepare(
          "INSERT INTO patients(org_id, member_id, name_enc, sex, birth_date, relation, id_number_enc, "
          "id_number_hash, phone_enc, phone_hash, guardian_consent_at_ms, created_at_ms, updated_at_ms) "
          "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id");
      write_patient(q, p);
      q.step();
      return q.i64(0);
    });
  } catch (const PgError& e) {
    rethrow_patient_conflict(e);
  }
}

void PgFamilyRepos::update_patient(const Patient& p) {
  try {
    with_savepoint(db_, [&] {
      PgQuery q = db_.prepare(
          "UPDATE patients SET org_id = $1, member_id = $2, name_enc = $3, sex = $4, birth_date = $5, relation = $6, "
          "id_number_enc = $7, id_number_hash = $8, phone_enc = $9, phone_hash = $10, guardian_consent_at_ms = $11, "
          "created_at_ms = $12, updated_at_ms = $13 WHERE id = $14");
      write_patient(q, p);
      q.bind(14, p.id);
      q.run();
    });
  } catch (const PgError& e) {
    rethrow_patient_conflict(e);
  }
}

void PgFamilyRepos::erase_patient(int64_t id) {
  db_.prepare("UPDATE bookings SET patient_id = NULL WHERE patient_id = $1").bind(1, id).run();
  db_.prepare("UPDATE visits SET patient_id = NULL WHERE patient_id = $1").bind(1, id).run();
  db_.prepare("UPDATE triage_results SET answers = NULL, reason = NULL, patient_id = NULL WHERE patient_id = $1")
      .bind(1, id)
      .run();
  db_.prepare("DELETE FROM patients WHERE id = $1").bind(1, id).run();
}

int PgFamilyRepos::erase_patients_of(int64_t member_id) {
  int n = 0;
  for (const Patient& p : patients_of(member_id)) {
    erase_patient(p.id);
    ++n;
  }
  return n;
}

int64_t PgFamilyRepos::book_slot_for_patient(int64_t slot_id, int64_t member_id, int64_t patient_id, int64_t now_ms) {
  // The slot row is locked: two bookings of its last place queue here instead of racing.
  PgQuery slot = db_.prepare("SELECT clinic_id, capacity, booked FROM slots WHERE id = $1 FOR UPDATE");
  slot.bind(1, slot_id);
  if (!slot.step()) throw ApiError("not_found", {"没有这个号源", "no such slot"}, "$.slot_id");
  int64_t clinic = slot.i64(0), capacity = slot.i64(1), booked = slot.i64(2);
  PgQuery same =
      db_.prepare("SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND patient_id = $2 AND status = 'booked'");
  same.bind(1, slot_id).bind(2, patient_id);
  same.step();
  if (same.i64(0) > 0)
    throw ApiError("conflict", {"该就诊人已预约该时段", "this patient already has this slot"}, "$.slot_id");
  if (booked >= capacity) throw ApiError("conflict", {"该时段已约满", "this slot is full"}, "$.slot_id");
  db_.prepare("UPDATE slots SET booked = booked + 1 WHERE id = $1").bind(1, slot_id).run();
  PgQuery ins = db_.prepare(
      "INSERT INTO bookings(slot_id, member_id, clinic_id, status, created_at_ms, patient_id, org_id) "
      "VALUES($1, $2, $3, 'booked', $4, $5, " ORG_OF_CLINIC("$3") ") RETURNING id");
  ins.bind(1, slot_id).bind(2, member_id).bind(3, clinic).bind(4, now_ms).bind(5, patient_id);
  ins.step();
  return ins.i64(0);
}

void PgFamilyRepos::set_booking_patient(int64_t booking_id, int64_t patient_id) {
  db_.prepare("UPDATE bookings SET patient_id = $1 WHERE id = $2").bind(1, patient_id).bind(2, booking_id).run();
}

void PgFamilyRepos::set_visit_patient(int64_t visit_id, int64_t patient_id) {
  db_.prepare("UPDATE visits SET patient_id = $1 WHERE id = $2").bind(1, patient_id).bind(2, visit_id).run();
}

void PgFamilyRepos::set_triage_patient(int64_t triage_id, int64_t patient_id) {
  db_.prepare("UPDATE triage_results SET patient_id = $1 WHERE id = $2").bind(1, patient_id).bind(2, triage_id).run();
}

std::optional<int64_t> PgFamilyRepos::booking_patient(int64_t booking_id) {
  PgQuery q = db_.prepare("SELECT patient_id FROM bookings WHERE id = $1");
  q.bind(1, booking_id);
  if (!q.step()) return std::nullopt;
  return q.opt_i64(0);
}

std::optional<int64_t> PgFamilyRepos::visit_patient(int64_t visit_id) {
  PgQuery q = db_.prepare("SELECT patient_id FROM visits WHERE id = $1");
  q.bind(1, visit_id);
  if (!q.step()) return std::nullopt;
  return q.opt_i64(0);
}

bool PgFamilyRepos::patient_has_open_bookings(int64_t patient_id, int64_t now_ms) {
  PgQuery q = db_.prepare(
      "SELECT COUNT(*) FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.patient_id = $1 "
      "AND b.status = 'booked' AND s.ends_at_ms > $2");
  q.bind(1, patient_id).bind(2, now_ms);
  q.step();
  return q.i64(0) > 0;
}

std::vector<SelfTestRow> PgFamilyRepos::selftests_of(int64_t patient_id, int limit) {
  PgQuery q = db_.prepare(
      "SELECT id, at_ms, complaint, level, outcome, answers, reason FROM triage_results WHERE patient_id = $1 "
      "AND matched = 1 ORDER BY at_ms DESC, id DESC LIMIT $2");
  q.bind(1, patient_id).bind(2, int64_t{limit});
  std::vector<SelfTestRow> out;
  while (q.step())
    out.push_back(SelfTestRow{q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.opt_text(5), q.opt_text(6)});
  return out;
}

std::optional<ClinicContact> PgFamilyRepos::clinic_contact(int64_t clinic_id) {
  PgQuery q = db_.prepare("SELECT address, phone, latitude_e6, longitude_e6 FROM clinics WHERE id = $1");
  q.bind(1, clinic_id);
  if (!q.step()) return std::nullopt;
  return ClinicContact{q.text(0), q.text(1), q.i64(2), q.i64(3)};
}

void PgFamilyRepos::set_clinic_contact(int64_t clinic_id, const ClinicContact& c) {
  db_.prepare("UPDATE clinics SET address = $1, phone = $2, latitude_e6 = $3, longitude_e6 = $4 WHERE id = $5")
      .bind(1, c.address)
      .bind(2, c.phone)
      .bind(3, c.latitude_e6)
      .bind(4, c.longitude_e6)
      .bind(5, clinic_id)
      .run();
}

int64_t PgFamilyRepos::insert_member_code_secret(int64_t member_id, const std::string& session_token_hash,
                                                 const std::string& secret, int64_t now_ms, int64_t expires_at_ms) {
  db_.prepare("DELETE FROM member_code_secrets WHERE session_token_hash = $1").bind(1, session_token_hash).run();
  PgQuery q = db_.prepare(
      "INSERT INTO member_code_secrets(member_id, session_token_hash, secret_enc, created_at_ms, expires_at_ms, "
      "org_id) VALUES($1, $2, $3, $4, $5, " ORG_OF_MEMBER("$1") ") RETURNING id");
  q.bind(1, member_id)
      .bind(2, session_token_hash)
      .bind_blob(3, vault_.seal("member_code_secret", secret))
      .bind(4, now_ms)
      .bind(5, expires_at_ms);
  q.step();
  return q.i64(0);
}

std::vector<MemberCodeSecret> PgFamilyRepos::live_member_code_secrets(int64_t member_id, int64_t now_ms) {
  // Logout revokes the session, so its secret stops working without a second write.
  PgQuery q = db_.prepare(
      "SELECT c.id, c.member_id, c.secret_enc, c.created_at_ms, c.expires_at_ms FROM member_code_secrets c "
      "JOIN sessions s ON s.token_hash = c.session_token_hash AND s.kind = 'member' AND s.subject_id = c.member_id "
      "WHERE c.member_id = $1 AND c.expires_at_ms > $2 AND s.revoked_at_ms IS NULL AND s.expires_at_ms > $2 "
      "ORDER BY c.id DESC LIMIT 20");
  q.bind(1, member_id).bind(2, now_ms);
  std::vector<MemberCodeSecret> out;
  while (q.step()) {
    out.push_back(
        MemberCodeSecret{q.i64(0), q.i64(1), open(q, 2, "member_code_secret").value_or(""), q.i64(3), q.i64(4)});
  }
  return out;
}

int PgFamilyRepos::delete_member_code_secrets(int64_t member_id) {
  return static_cast<int>(
      db_.prepare("DELETE FROM member_code_secrets WHERE member_id = $1").bind(1, member_id).affected());
}

}  // namespace clinic::server
