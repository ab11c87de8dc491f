#include "store/pg_repos.h"

#include "errors.h"
#include "store/ledger_rows.h"
#include "store/org_of.h"

namespace clinic::server {
namespace {

#define MEMBER_COLUMNS \
  "id, org_id, openid_hash, name_enc, phone_enc, id_number_enc, created_at_ms, deleted_at_ms, openid_enc"
#define STAFF_COLUMNS "id, org_id, clinic_id, username, display_name, role, password_hash, disabled"
#define RULE_COLUMNS "id, clinic_id, kind, version, document, active, created_at_ms, created_by"
#define LEDGER_COLUMNS "id, member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry"

Staff read_staff(const PgQuery& q) {
  Staff st;
  st.id = q.i64(0);
  st.org_id = q.i64(1);
  st.clinic_id = q.opt_i64(2);
  st.username = q.text(3);
  st.display_name = q.text(4);
  st.role = q.text(5);
  st.password_hash = q.text(6);
  st.disabled = q.i64(7) != 0;
  return st;
}

RuleVersion read_rule(const PgQuery& q) {
  RuleVersion r;
  r.id = q.i64(0);
  r.clinic_id = q.i64(1);
  r.kind = q.text(2);
  r.version = q.i64(3);
  r.document = q.text(4);
  r.active = q.i64(5) != 0;
  r.created_at_ms = q.i64(6);
  r.created_by = q.opt_i64(7);
  return r;
}

int64_t returned_id(PgQuery& q) {
  if (!q.step()) throw PgError("", "postgres: INSERT … RETURNING id returned no row");
  return q.i64(0);
}

}  // namespace

std::optional<std::string> PgPlatformRepos::open_field(const PgQuery& q, int col, const char* field) {
  if (q.is_null(col)) return std::nullopt;
  auto plain = vault_.open_sealed(field, q.blob(col));
  if (!plain)
    throw ApiError("internal", Text("内部错误：加密字段无法解开（密钥文件不符？）",
                                    std::string("a sealed ") + field + " could not be opened (wrong key file?)"));
  return plain;
}

Member PgPlatformRepos::read_member(const PgQuery& q) {
  Member m;
  m.id = q.i64(0);
  m.org_id = q.i64(1);
  m.openid_hash = q.opt_text(2);
  m.name = open_field(q, 3, "name");
  m.phone = open_field(q, 4, "phone");
  m.id_number = open_field(q, 5, "id_number");
  m.created_at_ms = q.i64(6);
  m.deleted_at_ms = q.opt_i64(7);
  m.openid = open_field(q, 8, "openid");
  return m;
}

std::optional<Member> PgPlatformRepos::member_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_member(q);
}

std::optional<Member> PgPlatformRepos::member_by_openid(const std::string& openid) {
  PgQuery q = db_.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE openid_hash = $1");
  q.bind(1, vault_.lookup_hash("openid", openid));
  if (!q.step()) return std::nullopt;
  return read_member(q);
}

std::vector<Member> PgPlatformRepos::members_by_phone(int64_t org_id, const std::string& phone) {
  PgQuery q = db_.prepare("SELECT " MEMBER_COLUMNS
                          " FROM members WHERE org_id = $1 AND phone_hash = $2 AND deleted_at_ms IS NULL ORDER BY id");
  q.bind(1, org_id).bind(2, vault_.lookup_hash("phone", normalize_phone(phone)));
  std::vector<Member> out;
  while (q.step()) out.push_back(read_member(q));
  return out;
}

MemberLogin PgPlatformRepos::upsert_member_login(int64_t org_id, const std::string& openid,
                                                 const std::optional<std::string>& unionid,
                                                 const std::string& session_key, int64_t now_ms) {
  std::string sealed_key = vault_.seal("session_key", session_key);
  std::string sealed_openid = vault_.seal("openid", openid);
  MemberLogin out;
  if (auto existing = member_by_openid(openid)) {
    db_.prepare(
           "UPDATE members SET session_key_enc = $1, unionid = COALESCE($2, unionid), "
           "openid_enc = COALESCE(openid_enc, $3) WHERE id = $4")
        .bind_blob(1, sealed_key)
        .bind_opt(2, unionid)
        .bind_blob(3, sealed_openid)
        .bind(4, existing->id)
        .run();
    out.member = *existing;
    out.member.openid = openid;
    return out;
  }
  // Two first logins of one openid at once: the loser of the unique index is a serialization
  // failure (it read the absence first) and runs again, finding the winner's row.
  std::string openid_hash = vault_.lookup_hash("openid", openid);
  PgQuery ins = db_.prepare(
      "INSERT INTO members(org_id, openid_hash, openid_enc, unionid, session_key_enc, created_at_ms) "
      "VALUES($1, $2, $3, $4, $5, $6) RETURNING id");
  ins.bind(1, org_id)
      .bind(2, openid_hash)
      .bind_blob(3, sealed_openid)
      .bind_opt(4, unionid)
      .bind_blob(5, sealed_key)
      .bind(6, now_ms);
  out.member.id = returned_id(ins);
  out.member.org_id = org_id;
  out.member.openid_hash = openid_hash;
  out.member.openid = openid;
  out.member.created_at_ms = now_ms;
  out.created = true;
  return out;
}

void PgPlatformRepos::set_member_pii(int64_t member_id, const MemberPii& pii) {
  if (pii.name) {
    db_.prepare("UPDATE members SET name_enc = $1 WHERE id = $2")
        .bind_blob(1, vault_.seal("name", *pii.name))
        .bind(2, member_id)
        .run();
  }
  if (pii.phone) {
    std::string normalized = normalize_phone(*pii.phone);
    db_.prepare("UPDATE members SET phone_enc = $1, phone_hash = $2 WHERE id = $3")
        .bind_blob(1, vault_.seal("phone", normalized))
        .bind(2, vault_.lookup_hash("phone", normalized))
        .bind(3, member_id)
        .run();
  }
  if (pii.id_number) {
    db_.prepare("UPDATE members SET id_number_enc = $1, id_number_hash = $2 WHERE id = $3")
        .bind_blob(1, vault_.seal("id_number", *pii.id_number))
        .bind(2, vault_.lookup_hash("id_number", *pii.id_number))
        .bind(3, member_id)
        .run();
  }
}

void PgPlatformRepos::erase_member(int64_t member_id, int64_t now_ms) {
  db_.prepare(
         "UPDATE members SET openid = NULL, openid_hash = NULL, openid_enc = NULL, unionid = NULL, "
         "session_key_enc = NULL, name_enc = NULL, phone_enc = NULL, phone_hash = NULL, id_number_enc = NULL, "
         "id_number_hash = NULL, deleted_at_ms = COALESCE(deleted_at_ms, $1) WHERE id = $2")
      .bind(1, now_ms)
      .bind(2, member_id)
      .run();
  db_.prepare("DELETE FROM sessions WHERE kind = 'member' AND subject_id = $1").bind(1, member_id).run();
  db_.prepare("UPDATE triage_results SET answers = NULL, reason = NULL WHERE member_id = $1").bind(1, member_id).run();
}

std::optional<SessionRow> PgPlatformRepos::session_by_token_hash(const std::string& token_hash) {
  PgQuery q = db_.prepare(
      "SELECT kind, subject_id, csrf_token, created_at_ms, expires_at_ms, revoked_at_ms FROM sessions "
      "WHERE token_hash = $1");
  q.bind(1, token_hash);
  if (!q.step()) return std::nullopt;
  SessionRow r;
  r.kind = q.text(0);
  r.subject_id = q.i64(1);
  r.csrf_token = q.text(2);
  r.created_at_ms = q.i64(3);
  r.expires_at_ms = q.i64(4);
  r.revoked_at_ms = q.opt_i64(5);
  return r;
}

void PgPlatformRepos::create_session(const std::string& token_hash, const SessionRow& r) {
  db_.prepare(
         "INSERT INTO sessions(token_hash, kind, subject_id, csrf_token, created_at_ms, expires_at_ms) "
         "VALUES($1, $2, $3, $4, $5, $6)")
      .bind(1, token_hash)
      .bind(2, r.kind)
      .bind(3, r.subject_id)
      .bind(4, r.csrf_token)
      .bind(5, r.created_at_ms)
      .bind(6, r.expires_at_ms)
      .run();
}

bool PgPlatformRepos::revoke_session(const std::string& token_hash, int64_t now_ms) {
  return db_.prepare("UPDATE sessions SET revoked_at_ms = $1 WHERE token_hash = $2 AND revoked_at_ms IS NULL")
             .bind(1, now_ms)
             .bind(2, token_hash)
             .affected() > 0;
}

int PgPlatformRepos::revoke_sessions_of(const std::string& kind, int64_t subject_id, int64_t now_ms) {
  return static_cast<int>(
      db_.prepare(
             "UPDATE sessions SET revoked_at_ms = $1 WHERE kind = $2 AND subject_id = $3 AND revoked_at_ms IS NULL")
          .bind(1, now_ms)
          .bind(2, kind)
          .bind(3, subject_id)
          .affected());
}

std::optional<Staff> PgPlatformRepos::staff_by_username(const std::string& username) {
  PgQuery q = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE username = $1");
  q.bind(1, username);
  if (!q.step()) return std::nullopt;
  return read_staff(q);
}

std::optional<Staff> PgPlatformRepos::staff_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_staff(q);
}

std::vector<Staff> PgPlatformRepos::staff_in_org(int64_t org_id) {
  PgQuery q = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE org_id = $1 ORDER BY id");
  q.bind(1, org_id);
  std::vector<Staff> out;
  while (q.step()) out.push_back(read_staff(q));
  return out;
}

int64_t PgPlatformRepos::create_staff(const Staff& st, int64_t now_ms) {
  // ON CONFLICT instead of a failed statement: the transaction stays usable after the conflict.
  PgQuery q = db_.prepare(
      "INSERT INTO staff(org_id, clinic_id, username, display_name, role, password_hash, disabled, created_at_ms) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT(username) DO NOTHING RETURNING id");
  q.bind(1, st.org_id)
      .bind(2, st.clinic_id)
      .bind(3, st.username)
      .bind(4, st.display_name)
      .bind(5, st.role)
      .bind(6, st.password_hash)
      .bind(7, int64_t{st.disabled ? 1 : 0})
      .bind(8, now_ms);
  if (!q.step()) throw ApiError("conflict", {"用户名已存在", "username already exists"}, "$.username");
  return q.i64(0);
}

void PgPlatformRepos::set_staff_password(int64_t staff_id, const std::string& password_hash) {
  db_.prepare("UPDATE staff SET password_hash = $1 WHERE id = $2").bind(1, password_hash).bind(2, staff_id).run();
}

std::optional<int64_t> PgPlatformRepos::first_org_id() {
  PgQuery q = db_.prepare("SELECT id FROM organizations ORDER BY id LIMIT 1");
  if (!q.step()) return std::nullopt;
  return q.i64(0);
}

std::optional<Clinic> PgPlatformRepos::clinic_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT id, org_id, name, utc_offset_min FROM clinics WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return Clinic{q.i64(0), q.i64(1), q.text(2), static_cast<int>(q.i64(3))};
}

std::vector<Clinic> PgPlatformRepos::clinics_in_org(int64_t org_id) {
  PgQuery q = db_.prepare("SELECT id, org_id, name, utc_offset_min FROM clinics WHERE org_id = $1 ORDER BY id");
  q.bind(1, org_id);
  std::vector<Clinic> out;
  while (q.step()) out.push_back(Clinic{q.i64(0), q.i64(1), q.text(2), static_cast<int>(q.i64(3))});
  return out;
}

std::vector<Department> PgPlatformRepos::departments(int64_t clinic_id) {
  PgQuery q =
      db_.prepare("SELECT id, clinic_id, code, name_zh, name_en FROM departments WHERE clinic_id = $1 ORDER BY id");
  q.bind(1, clinic_id);
  std::vector<Department> out;
  while (q.step()) out.push_back(Department{q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

std::vector<Doctor> PgPlatformRepos::doctors(int64_t clinic_id) {
  PgQuery q =
      db_.prepare("SELECT id, clinic_id, department_id, name, title FROM doctors WHERE clinic_id = $1 ORDER BY id");
  q.bind(1, clinic_id);
  std::vector<Doctor> out;
  while (q.step()) out.push_back(Doctor{q.i64(0), q.i64(1), q.i64(2), q.text(3), q.text(4)});
  return out;
}

std::vector<Slot> PgPlatformRepos::slots(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  PgQuery q = db_.prepare(
      "SELECT id, clinic_id, doctor_id, starts_at_ms, ends_at_ms, capacity, booked FROM slots "
      "WHERE clinic_id = $1 AND starts_at_ms >= $2 AND starts_at_ms < $3 ORDER BY starts_at_ms, doctor_id");
  q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
  std::vector<Slot> out;
  while (q.step()) {
    out.push_back(
        Slot{q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), static_cast<int>(q.i64(5)), static_cast<int>(q.i64(6))});
  }
  return out;
}

int64_t PgPlatformRepos::create_org(const std::string& name, int64_t now_ms) {
  PgQuery q = db_.prepare("INSERT INTO organizations(name, created_at_ms) VALUES($1, $2) RETURNING id");
  q.bind(1, name).bind(2, now_ms);
  return returned_id(q);
}

int64_t PgPlatformRepos::create_clinic(int64_t org_id, const std::string& name, int utc_offset_min, int64_t now_ms) {
  PgQuery q = db_.prepare(
      "INSERT INTO clinics(org_id, name, utc_offset_min, created_at_ms) VALUES($1, $2, $3, $4) RETURNING id");
  q.bind(1, org_id).bind(2, name).bind(3, int64_t{utc_offset_min}).bind(4, now_ms);
  return returned_id(q);
}

int64_t PgPlatformRepos::create_department(const Department& d) {
  PgQuery q =
      db_.prepare("INSERT INTO departments(clinic_id, code, name_zh, name_en, org_id) VALUES($1, $2, $3, $4, " ORG_OF_CLINIC("$1") ") "
      "RETURNING id");
  q.bind(1, d.clinic_id).bind(2, d.code).bind(3, d.name_zh).bind(4, d.name_en);
  return returned_id(q);
}

int64_t PgPlatformRepos::create_doctor(const Doctor& d) {
  PgQuery q =
      db_.prepare("INSERT INTO doctors(clinic_id, department_id, name, title, org_id) VALUES($1, $2, $3, $4, " ORG_OF_CLINIC("$1") ") "
      "RETURNING id");
  q.bind(1, d.clinic_id).bind(2, d.department_id).bind(3, d.name).bind(4, d.title);
  return returned_id(q);
}

int64_t PgPlatformRepos::create_slot(const Slot& sl) {
  PgQuery q = db_.prepare(
      "INSERT INTO slots(clinic_id, doctor_id, starts_at_ms, ends_at_ms, capacity, booked, org_id) "
      "VALUES($1, $2, $3, $4, $5, $6, " ORG_OF_CLINIC("$1") ") RETURNING id");
  q.bind(1, sl.clinic_id)
      .bind(2, sl.doctor_id)
      .bind(3, sl.starts_at_ms)
      .bind(4, sl.ends_at_ms)
      .bind(5, int64_t{sl.capacity})
      .bind(6, int64_t{sl.booked});
  return returned_id(q);
}

std::vector<Consent> PgPlatformRepos::current_consents(int64_t member_id) {
  PgQuery q = db_.prepare(
      "SELECT kind, granted, policy_version, at_ms FROM consents c WHERE member_id = $1 AND id = "
      "(SELECT MAX(id) FROM consents WHERE member_id = c.member_id AND kind = c.kind) ORDER BY kind");
  q.bind(1, member_id);
  std::vector<Consent> out;
  while (q.step()) out.push_back(Consent{q.text(0), q.i64(1) != 0, q.text(2), q.i64(3)});
  return out;
}

void PgPlatformRepos::record_consent(int64_t member_id, const Consent& c) {
  if (c.kind != "health_data" && c.kind != "marketing") {
    throw ApiError("invalid_field",
                   {"同意类型须为 health_data 或 marketing", "consent kind must be health_data or marketing"},
                   "$.kind");
  }
  db_.prepare(
         "INSERT INTO consents(member_id, kind, granted, policy_version, at_ms, org_id) VALUES($1, $2, $3, $4, "
         "$5, " ORG_OF_MEMBER("$1") ")")
      .bind(1, member_id)
      .bind(2, c.kind)
      .bind(3, int64_t{c.granted ? 1 : 0})
      .bind(4, c.policy_version)
      .bind(5, c.at_ms)
      .run();
}

std::vector<AuditRow> PgPlatformRepos::audit_rows(int64_t org_id, std::optional<int64_t> clinic_id, int64_t before_id,
                                                  int limit) {
  PgQuery q = db_.prepare(
      "SELECT id, at_ms, staff_id, clinic_id, action, target, detail FROM audit_log "
      "WHERE org_id = $1 AND ($2::bigint IS NULL OR clinic_id = $2) AND id < $3 ORDER BY id DESC LIMIT $4");
  q.bind(1, org_id).bind(2, clinic_id).bind(3, before_id).bind(4, int64_t{limit});
  std::vector<AuditRow> out;
  while (q.step()) {
    AuditRow r;
    r.id = q.i64(0);
    r.at_ms = q.i64(1);
    r.staff_id = q.opt_i64(2);
    r.clinic_id = q.opt_i64(3);
    r.action = q.text(4);
    r.target = q.text(5);
    r.detail = q.text(6);
    out.push_back(std::move(r));
  }
  return out;
}

int64_t PgPlatformRepos::append_audit(const AuditRow& r) {
  PgQuery q = db_.prepare(
      "INSERT INTO audit_log(at_ms, org_id, staff_id, clinic_id, action, target, detail) "
      "VALUES($1, (SELECT org_id FROM staff WHERE id = $2), $2, $3, $4, $5, $6) RETURNING id");
  q.bind(1, r.at_ms)
      .bind(2, r.staff_id)
      .bind(3, r.clinic_id)
      .bind(4, r.action)
      .bind(5, r.target)
      .bind(6, r.detail.empty() ? std::string("{}") : r.detail);
  return returned_id(q);
}

std::optional<RuleVersion> PgPlatformRepos::active_rule(int64_t clinic_id, const std::string& kind) {
  PgQuery q =
      db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE clinic_id = $1 AND kind = $2 AND active = 1");
  q.bind(1, clinic_id).bind(2, kind);
  if (!q.step()) return std::nullopt;
  return read_rule(q);
}

std::optional<RuleVersion> PgPlatformRepos::rule_version_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_rule(q);
}

std::vector<RuleVersion> PgPlatformRepos::rule_versions(int64_t clinic_id, const std::string& kind) {
  PgQuery q =
      db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE clinic_id = $1 AND kind = $2 ORDER BY version");
  q.bind(1, clinic_id).bind(2, kind);
  std::vector<RuleVersion> out;
  while (q.step()) out.push_back(read_rule(q));
  return out;
}

RuleVersion PgPlatformRepos::add_rule_version(int64_t clinic_id, const std::string& kind, const std::string& document,
                                              std::optional<int64_t> staff_id, int64_t now_ms) {
  PgQuery q = db_.prepare(
      "INSERT INTO rule_versions(clinic_id, kind, version, document, active, created_at_ms, created_by, org_id) "
      "VALUES($1, $2, (SELECT COALESCE(MAX(version), 0) + 1 FROM rule_versions WHERE clinic_id = $1 AND kind = $2), "
      "$3, 0, $4, $5, " ORG_OF_CLINIC("$1") ") RETURNING " RULE_COLUMNS);
  q.bind(1, clinic_id).bind(2, kind).bind(3, document).bind(4, now_ms).bind(5, staff_id);
  if (!q.step()) throw PgError("", "postgres: INSERT … RETURNING returned no row");
  return read_rule(q);
}

void PgPlatformRepos::activate_rule_version(int64_t clinic_id, const std::string& kind, int64_t version) {
  PgQuery check = db_.prepare("SELECT 1 FROM rule_versions WHERE clinic_id = $1 AND kind = $2 AND version = $3");
  check.bind(1, clinic_id).bind(2, kind).bind(3, version);
  if (!check.step()) throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "$.version");
  db_.prepare("UPDATE rule_versions SET active = 0 WHERE clinic_id = $1 AND kind = $2 AND active = 1")
      .bind(1, clinic_id)
      .bind(2, kind)
      .run();
  db_.prepare("UPDATE rule_versions SET active = 1 WHERE clinic_id = $1 AND kind = $2 AND version = $3")
      .bind(1, clinic_id)
      .bind(2, kind)
      .bind(3, version)
      .run();
}

std::vector<LedgerEntry> PgPlatformRepos::ledger_entries(int64_t member_id, int64_t after_id, int limit) {
  PgQuery q = db_.prepare("SELECT " LEDGER_COLUMNS
                          " FROM ledger_entries WHERE member_id = $1 AND id > $2 ORDER BY id LIMIT $3");
  q.bind(1, member_id).bind(2, after_id).bind(3, int64_t{limit});
  std::vector<LedgerEntry> out;
  while (q.step()) out.push_back(read_ledger_entry(q));
  return out;
}

std::optional<LedgerEntry> PgPlatformRepos::ledger_entry_by_event(int64_t member_id, const std::string& event_id) {
  PgQuery q = db_.prepare("SELECT " LEDGER_COLUMNS " FROM ledger_entries WHERE member_id = $1 AND event_id = $2");
  q.bind(1, member_id).bind(2, event_id);
  if (!q.step()) return std::nullopt;
  return read_ledger_entry(q);
}

LedgerTotals PgPlatformRepos::ledger_totals(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = $1");
  q.bind(1, member_id);
  q.step();
  return LedgerTotals{q.i64(0), q.i64(1)};
}

LedgerAppend PgPlatformRepos::append_ledger(const LedgerEntry& e) {
  // Read first, as on SQLite: a concurrent append of the same event makes one of the two
  // SERIALIZABLE transactions fail (40001) and run again, finding the first entry.
  if (auto existing = ledger_entry_by_event(e.member_id, e.event_id)) return LedgerAppend{*existing, false};
  PgQuery q = db_.prepare(
      "INSERT INTO ledger_entries(member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry, org_id) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, " ORG_OF_MEMBER("$1") ") RETURNING id");
  q.bind(1, e.member_id)
      .bind(2, e.clinic_id)
      .bind(3, e.event_id)
      .bind(4, e.kind)
      .bind(5, e.points)
      .bind(6, e.at_ms)
      .bind(7, e.rule_version_id)
      .bind(8, e.entry);
  LedgerAppend out{e, true};
  out.entry.id = returned_id(q);
  return out;
}

std::optional<IdempotencyRecord> PgPlatformRepos::idempotency_record(const std::string& scope, const std::string& key) {
  PgQuery q = db_.prepare(
      "SELECT request_hash, status, response, created_at_ms FROM idempotency_keys WHERE scope = $1 AND key = $2");
  q.bind(1, scope).bind(2, key);
  if (!q.step()) return std::nullopt;
  return IdempotencyRecord{scope, key, q.text(0), static_cast<int>(q.i64(1)), q.text(2), q.i64(3)};
}

void PgPlatformRepos::save_idempotency_record(const IdempotencyRecord& r) {
  db_.prepare(
         "INSERT INTO idempotency_keys(scope, key, request_hash, status, response, created_at_ms) "
         "VALUES($1, $2, $3, $4, $5, $6)")
      .bind(1, r.scope)
      .bind(2, r.key)
      .bind(3, r.request_hash)
      .bind(4, int64_t{r.status})
      .bind(5, r.response)
      .bind(6, r.created_at_ms)
      .run();
}

}  // namespace clinic::server
