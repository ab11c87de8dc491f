#include "store/sqlite_repos.h"

#include "errors.h"
#include "store/ledger_rows.h"
#include "store/org_of.h"

namespace clinic::server {
namespace {

constexpr const char* kMemberColumns =
    "id, org_id, openid_hash, name_enc, phone_enc, id_number_enc, created_at_ms, deleted_at_ms, openid_enc";

Staff read_staff(const Stmt& s) {
  Staff st;
  st.id = s.i64(0);
  st.org_id = s.i64(1);
  if (!s.is_null(2)) st.clinic_id = s.i64(2);
  st.username = s.text(3);
  st.display_name = s.text(4);
  st.role = s.text(5);
  st.password_hash = s.text(6);
  st.disabled = s.i64(7) != 0;
  return st;
}
#define STAFF_COLUMNS "id, org_id, clinic_id, username, display_name, role, password_hash, disabled"

RuleVersion read_rule(const Stmt& s) {
  RuleVersion r;
  r.id = s.i64(0);
  r.clinic_id = s.i64(1);
  r.kind = s.text(2);
  r.version = s.i64(3);
  r.document = s.text(4);
  r.active = s.i64(5) != 0;
  r.created_at_ms = s.i64(6);
  if (!s.is_null(7)) r.created_by = s.i64(7);
  return r;
}
#define RULE_COLUMNS "id, clinic_id, kind, version, document, active, created_at_ms, created_by"

#define LEDGER_COLUMNS "id, member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry"

}  // namespace

std::optional<std::string> SqliteRepos::open_field(const Stmt& s, int col, const char* field) {
  if (s.is_null(col)) return std::nullopt;
  auto plain = vault_.open_sealed(field, s.blob(col));
  if (!plain)
    throw ApiError("internal", Text("内部错误：加密字段无法解开（密钥文件不符？）",
                                    std::string("a sealed ") + field + " could not be opened (wrong key file?)"));
  return plain;
}

Member SqliteRepos::read_member(const Stmt& s) {
  Member m;
  m.id = s.i64(0);
  m.org_id = s.i64(1);
  m.openid_hash = s.opt_text(2);
  m.name = open_field(s, 3, "name");
  m.phone = open_field(s, 4, "phone");
  m.id_number = open_field(s, 5, "id_number");
  m.created_at_ms = s.i64(6);
  if (!s.is_null(7)) m.deleted_at_ms = s.i64(7);
  m.openid = open_field(s, 8, "openid");
  return m;
}

std::optional<Member> SqliteRepos::member_by_id(int64_t id) {
  static const std::string sql = std::string("SELECT ") + kMemberColumns + " FROM members WHERE id = ?";
  Stmt s = db_.prepare(sql.c_str());
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_member(s);
}

std::optional<Member> SqliteRepos::member_by_openid(const std::string& openid) {
  static const std::string sql = std::string("SELECT ") + kMemberColumns + " FROM members WHERE openid_hash = ?";
  Stmt s = db_.prepare(sql.c_str());
  s.bind(1, vault_.lookup_hash("openid", openid));
  if (!s.step()) return std::nullopt;
  return read_member(s);
}

std::vector<Member> SqliteRepos::members_by_phone(int64_t org_id, const std::string& phone) {
  static const std::string sql =
      std::string("SELECT ") + kMemberColumns +
      " FROM members WHERE org_id = ? AND phone_hash = ? AND deleted_at_ms IS NULL ORDER BY id";
  Stmt s = db_.prepare(sql.c_str());
  s.bind(1, org_id).bind(2, vault_.lookup_hash("phone", normalize_phone(phone)));
  std::vector<Member> out;
  while (s.step()) out.push_back(read_member(s));
  return out;
}

MemberLogin SqliteRepos::upsert_member_login(int64_t org_id, const std::string& openid,
                                             const std::optional<std::string>& unionid, const std::string& session_key,
                                             int64_t now_ms) {
  std::string sealed_key = vault_.seal("session_key", session_key);
  MemberLogin out;
  // The openid is looked up by its keyed hash and kept sealed only for what must name the member
  // to WeChat (subscribe messages, content checks); erasure clears both.
  std::string sealed_openid = vault_.seal("openid", openid);
  if (auto existing = member_by_openid(openid)) {
    db_.prepare(
           "UPDATE members SET session_key_enc = ?, unionid = COALESCE(?, unionid), openid_enc = COALESCE(openid_enc, "
           "?) WHERE id = ?")
        .bind_blob(1, sealed_key)
        .bind_opt(2, unionid)
        .bind_blob(3, sealed_openid)
        .bind(4, existing->id)
        .run();
    out.member = *existing;
    out.member.openid = openid;
    return out;
  }
  std::string openid_hash = vault_.lookup_hash("openid", openid);
  db_.prepare(
         "INSERT INTO members(org_id, openid_hash, openid_enc, unionid, session_key_enc, created_at_ms) VALUES(?, ?, "
         "?, ?, ?, ?)")
      .bind(1, org_id)
      .bind(2, openid_hash)
      .bind_blob(3, sealed_openid)
      .bind_opt(4, unionid)
      .bind_blob(5, sealed_key)
      .bind(6, now_ms)
      .run();
  out.member.id = db_.last_insert_id();
  out.member.org_id = org_id;
  out.member.openid_hash = openid_hash;
  out.member.openid = openid;
  out.member.created_at_ms = now_ms;
  out.created = true;
  return out;
}

void SqliteRepos::set_member_pii(int64_t member_id, const MemberPii& pii) {
  if (pii.name) {
    db_.prepare("UPDATE members SET name_enc = ? WHERE id = ?")
        .bind_blob(1, vault_.seal("name", *pii.name))
        .bind(2, member_id)
        .run();
  }
  if (pii.phone) {
    std::string normalized = normalize_phone(*pii.phone);
    db_.prepare("UPDATE members SET phone_enc = ?, phone_hash = ? WHERE id = ?")
        .bind_blob(1, vault_.seal("phone", normalized))
        .bind(2, vault_.lookup_hash("phone", normalized))
        .bind(3, member_id)
        .run();
  }
  if (pii.id_number) {
    db_.prepare("UPDATE members SET id_number_enc = ?, id_number_hash = ? WHERE id = ?")
        .bind_blob(1, vault_.seal("id_number", *pii.id_number))
        .bind(2, vault_.lookup_hash("id_number", *pii.id_number))
        .bind(3, member_id)
        .run();
  }
}

void SqliteRepos::erase_member(int64_t member_id, int64_t now_ms) {
  db_.prepare(
         "UPDATE members SET openid = NULL, openid_hash = NULL, openid_enc = NULL, unionid = NULL, session_key_enc = "
         "NULL, name_enc = "
         "NULL, phone_enc = NULL, "
         "phone_hash = NULL, id_number_enc = NULL, id_number_hash = NULL, deleted_at_ms = COALESCE(deleted_at_ms, ?) "
         "WHERE id = ?")
      .bind(1, now_ms)
      .bind(2, member_id)
      .run();
  db_.prepare("DELETE FROM sessions WHERE kind = 'member' AND subject_id = ?").bind(1, member_id).run();
  // Self-test answers and the reasons quoting them are health data: gone with the account (the
  // anonymous level stays, as the ledger entry that named the self-test does).
  db_.prepare("UPDATE triage_results SET answers = NULL, reason = NULL WHERE member_id = ?").bind(1, member_id).run();
}

std::optional<SessionRow> SqliteRepos::session_by_token_hash(const std::string& token_hash) {
  Stmt s = db_.prepare(
      "SELECT kind, subject_id, csrf_token, created_at_ms, expires_at_ms, revoked_at_ms FROM sessions WHERE token_hash "
      "= ?");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  SessionRow r;
  r.kind = s.text(0);
  r.subject_id = s.i64(1);
  r.csrf_token = s.text(2);
  r.created_at_ms = s.i64(3);
  r.expires_at_ms = s.i64(4);
  if (!s.is_null(5)) r.revoked_at_ms = s.i64(5);
  return r;
}

void SqliteRepos::create_session(const std::string& token_hash, const SessionRow& r) {
  db_.prepare(
         "INSERT INTO sessions(token_hash, kind, subject_id, csrf_token, created_at_ms, expires_at_ms) "
         "VALUES(?,?,?,?,?,?)")
      .bind(1, token_hash)
      .bind(2, r.kind)
      .bind(3, r.subject_id)
      .bind(4, r.csrf_token)
      .bind(5, r.created_at_ms)
      .bind(6, r.expires_at_ms)
      .run();
}

bool SqliteRepos::revoke_session(const std::string& token_hash, int64_t now_ms) {
  db_.prepare("UPDATE sessions SET revoked_at_ms = ? WHERE token_hash = ? AND revoked_at_ms IS NULL")
      .bind(1, now_ms)
      .bind(2, token_hash)
      .run();
  return db_.changes() > 0;
}

int SqliteRepos::revoke_sessions_of(const std::string& kind, int64_t subject_id, int64_t now_ms) {
  db_.prepare("UPDATE sessions SET revoked_at_ms = ? WHERE kind = ? AND subject_id = ? AND revoked_at_ms IS NULL")
      .bind(1, now_ms)
      .bind(2, kind)
      .bind(3, subject_id)
      .run();
  return db_.changes();
}

std::optional<Staff> SqliteRepos::staff_by_username(const std::string& username) {
  Stmt s = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE username = ?");
  s.bind(1, username);
  if (!s.step()) return std::nullopt;
  return read_staff(s);
}

std::optional<Staff> SqliteRepos::staff_by_id(int64_t id) {
  Stmt s = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_staff(s);
}

std::vector<Staff> SqliteRepos::staff_in_org(int64_t org_id) {
  Stmt s = db_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE org_id = ? ORDER BY id");
  s.bind(1, org_id);
  std::vector<Staff> out;
  while (s.step()) out.push_back(read_staff(s));
  return out;
}

int64_t SqliteRepos::create_staff(const Staff& st, int64_t now_ms) {
  try {
    Stmt s = db_.prepare(
        "INSERT INTO staff(org_id, clinic_id, username, display_name, role, password_hash, disabled, created_at_ms) "
        "VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, st.org_id);
    if (st.clinic_id)
      s.bind(2, *st.clinic_id);
    else
      s.bind_null(2);
    s.bind(3, st.username)
        .bind(4, st.display_name)
        .bind(5, st.role)
        .bind(6, st.password_hash)
        .bind(7, int64_t{st.disabled ? 1 : 0})
        .bind(8, now_ms)
        .run();
  } catch (const SqliteError& e) {
    if (e.constraint()) throw ApiError("conflict", {"用户名已存在", "username already exists"}, "$.username");
    throw;
  }
  return db_.last_insert_id();
}

void SqliteRepos::set_staff_password(int64_t staff_id, const std::string& password_hash) {
  db_.prepare("UPDATE staff SET password_hash = ? WHERE id = ?").bind(1, password_hash).bind(2, staff_id).run();
}

std::optional<int64_t> SqliteRepos::first_org_id() {
  Stmt s = db_.prepare("SELECT id FROM organizations ORDER BY id LIMIT 1");
  if (!s.step()) return std::nullopt;
  return s.i64(0);
}

std::optional<Clinic> SqliteRepos::clinic_by_id(int64_t id) {
  Stmt s = db_.prepare("SELECT id, org_id, name, utc_offset_min FROM clinics WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return Clinic{s.i64(0), s.i64(1), s.text(2), static_cast<int>(s.i64(3))};
}

std::vector<Clinic> SqliteRepos::clinics_in_org(int64_t org_id) {
  Stmt s = db_.prepare("SELECT id, org_id, name, utc_offset_min FROM clinics WHERE org_id = ? ORDER BY id");
  s.bind(1, org_id);
  std::vector<Clinic> out;
  while (s.step()) out.push_back(Clinic{s.i64(0), s.i64(1), s.text(2), static_cast<int>(s.i64(3))});
  return out;
}

std::vector<Department> SqliteRepos::departments(int64_t clinic_id) {
  Stmt s = db_.prepare("SELECT id, clinic_id, code, name_zh, name_en FROM departments WHERE clinic_id = ? ORDER BY id");
  s.bind(1, clinic_id);
  std::vector<Department> out;
  while (s.step()) out.push_back(Department{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4)});
  return out;
}

std::vector<Doctor> SqliteRepos::doctors(int64_t clinic_id) {
  Stmt s = db_.prepare("SELECT id, clinic_id, department_id, name, title FROM doctors WHERE clinic_id = ? ORDER BY id");
  s.bind(1, clinic_id);
  std::vector<Doctor> out;
  while (s.step()) out.push_back(Doctor{s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4)});
  return out;
}

std::vector<Slot> SqliteRepos::slots(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  Stmt s = db_.prepare(
      "SELECT id, clinic_id, doctor_id, starts_at_ms, ends_at_ms, capacity, booked FROM slots "
      "WHERE clinic_id = ? AND starts_at_ms >= ? AND starts_at_ms < ? ORDER BY starts_at_ms, doctor_id");
  s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
  std::vector<Slot> out;
  while (s.step()) {
    out.push_back(
        Slot{s.i64(0), s.i64(1), s.i64(2), s.i64(3), s.i64(4), static_cast<int>(s.i64(5)), static_cast<int>(s.i64(6))});
  }
  return out;
}

int64_t SqliteRepos::create_org(const std::string& name, int64_t now_ms) {
  db_.prepare("INSERT INTO organizations(name, created_at_ms) VALUES(?, ?)").bind(1, name).bind(2, now_ms).run();
  return db_.last_insert_id();
}

int64_t SqliteRepos::create_clinic(int64_t org_id, const std::string& name, int utc_offset_min, int64_t now_ms) {
  db_.prepare("INSERT INTO clinics(org_id, name, utc_offset_min, created_at_ms) VALUES(?, ?, ?, ?)")
      .bind(1, org_id)
      .bind(2, name)
      .bind(3, int64_t{utc_offset_min})
      .bind(4, now_ms)
      .run();
  return db_.last_insert_id();
}

int64_t SqliteRepos::create_department(const Department& d) {
  db_.prepare("INSERT INTO departments(clinic_id, code, name_zh, name_en, org_id) VALUES(?, ?, ?, ?, " ORG_OF_CLINIC(
                  "?1") ")")
      .bind(1, d.clinic_id)
      .bind(2, d.code)
      .bind(3, d.name_zh)
      .bind(4, d.name_en)
      .run();
  return db_.last_insert_id();
}

int64_t SqliteRepos::create_doctor(const Doctor& d) {
  db_.prepare("INSERT INTO doctors(clinic_id, department_id, name, title, org_id) VALUES(?, ?, ?, ?, " ORG_OF_CLINIC(
                  "?1") ")")
      .bind(1, d.clinic_id)
      .bind(2, d.department_id)
      .bind(3, d.name)
      .bind(4, d.title)
      .run();
  return db_.last_insert_id();
}

int64_t SqliteRepos::create_slot(const Slot& sl) {
  db_.prepare(
         "INSERT INTO slots(clinic_id, doctor_id, starts_at_ms, ends_at_ms, capacity, booked, org_id) "
         "VALUES(?,?,?,?,?,?, " ORG_OF_CLINIC("?1") ")")
      .bind(1, sl.clinic_id)
      .bind(2, sl.doctor_id)
      .bind(3, sl.starts_at_ms)
      .bind(4, sl.ends_at_ms)
      .bind(5, int64_t{sl.capacity})
      .bind(6, int64_t{sl.booked})
      .run();
  return db_.last_insert_id();
}

std::vector<Consent> SqliteRepos::current_consents(int64_t member_id) {
  Stmt s = db_.prepare(
      "SELECT kind, granted, policy_version, at_ms FROM consents c WHERE member_id = ? AND id = "
      "(SELECT MAX(id) FROM consents WHERE member_id = c.member_id AND kind = c.kind) ORDER BY kind");
  s.bind(1, member_id);
  std::vector<Consent> out;
  while (s.step()) out.push_back(Consent{s.text(0), s.i64(1) != 0, s.text(2), s.i64(3)});
  return out;
}

void SqliteRepos::record_consent(int64_t member_id, const Consent& c) {
  if (c.kind != "health_data" && c.kind != "marketing") {
    throw ApiError("invalid_field",
                   {"同意类型须为 health_data 或 marketing", "consent kind must be health_data or marketing"},
                   "$.kind");
  }
  db_.prepare(
         "INSERT INTO consents(member_id, kind, granted, policy_version, at_ms, org_id) VALUES(?, ?, ?, ?, "
         "?, " ORG_OF_MEMBER("?1") ")")
      .bind(1, member_id)
      .bind(2, c.kind)
      .bind(3, int64_t{c.granted ? 1 : 0})
      .bind(4, c.policy_version)
      .bind(5, c.at_ms)
      .run();
}

std::vector<AuditRow> SqliteRepos::audit_rows(int64_t org_id, std::optional<int64_t> clinic_id, int64_t before_id,
                                              int limit) {
  Stmt s = db_.prepare(
      "SELECT id, at_ms, staff_id, clinic_id, action, target, detail FROM audit_log "
      "WHERE org_id = ? AND (? IS NULL OR clinic_id = ?) AND id < ? ORDER BY id DESC LIMIT ?");
  s.bind(1, org_id);
  if (clinic_id)
    s.bind(2, *clinic_id).bind(3, *clinic_id);
  else
    s.bind_null(2).bind_null(3);
  s.bind(4, before_id).bind(5, int64_t{limit});
  std::vector<AuditRow> out;
  while (s.step()) {
    AuditRow r;
    r.id = s.i64(0);
    r.at_ms = s.i64(1);
    if (!s.is_null(2)) r.staff_id = s.i64(2);
    if (!s.is_null(3)) r.clinic_id = s.i64(3);
    r.action = s.text(4);
    r.target = s.text(5);
    r.detail = s.text(6);
    out.push_back(std::move(r));
  }
  return out;
}

int64_t SqliteRepos::append_audit(const AuditRow& r) {
  Stmt s = db_.prepare(
      "INSERT INTO audit_log(at_ms, org_id, staff_id, clinic_id, action, target, detail) "
      "VALUES(?, (SELECT org_id FROM staff WHERE id = ?), ?, ?, ?, ?, ?)");
  s.bind(1, r.at_ms);
  if (r.staff_id)
    s.bind(2, *r.staff_id).bind(3, *r.staff_id);
  else
    s.bind_null(2).bind_null(3);
  if (r.clinic_id)
    s.bind(4, *r.clinic_id);
  else
    s.bind_null(4);
  s.bind(5, r.action).bind(6, r.target).bind(7, r.detail.empty() ? std::string("{}") : r.detail).run();
  return db_.last_insert_id();
}

std::optional<RuleVersion> SqliteRepos::active_rule(int64_t clinic_id, const std::string& kind) {
  Stmt s = db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE clinic_id = ? AND kind = ? AND active = 1");
  s.bind(1, clinic_id).bind(2, kind);
  if (!s.step()) return std::nullopt;
  return read_rule(s);
}

std::optional<RuleVersion> SqliteRepos::rule_version_by_id(int64_t id) {
  Stmt s = db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_rule(s);
}

std::vector<RuleVersion> SqliteRepos::rule_versions(int64_t clinic_id, const std::string& kind) {
  Stmt s = db_.prepare("SELECT " RULE_COLUMNS " FROM rule_versions WHERE clinic_id = ? AND kind = ? ORDER BY version");
  s.bind(1, clinic_id).bind(2, kind);
  std::vector<RuleVersion> out;
  while (s.step()) out.push_back(read_rule(s));
  return out;
}

RuleVersion SqliteRepos::add_rule_version(int64_t clinic_id, const std::string& kind, const std::string& document,
                                          std::optional<int64_t> staff_id, int64_t now_ms) {
  Stmt s = db_.prepare(
      "INSERT INTO rule_versions(clinic_id, kind, version, document, active, created_at_ms, created_by, org_id) "
      "VALUES(?, ?, (SELECT COALESCE(MAX(version), 0) + 1 FROM rule_versions WHERE clinic_id = ? AND kind = ?), ?, 0, "
      "?, ?, " ORG_OF_CLINIC("?1") ")");
  s.bind(1, clinic_id).bind(2, kind).bind(3, clinic_id).bind(4, kind).bind(5, document).bind(6, now_ms);
  if (staff_id)
    s.bind(7, *staff_id);
  else
    s.bind_null(7);
  s.run();
  return *rule_version_by_id(db_.last_insert_id());
}

void SqliteRepos::activate_rule_version(int64_t clinic_id, const std::string& kind, int64_t version) {
  Stmt check = db_.prepare("SELECT 1 FROM rule_versions WHERE clinic_id = ? AND kind = ? AND version = ?");
  check.bind(1, clinic_id).bind(2, kind).bind(3, version);
  if (!check.step()) throw ApiError("not_found", {"没有这个规则版本", "no such rule version"}, "$.version");
  db_.prepare("UPDATE rule_versions SET active = 0 WHERE clinic_id = ? AND kind = ? AND active = 1")
      .bind(1, clinic_id)
      .bind(2, kind)
      .run();
  db_.prepare("UPDATE rule_versions SET active = 1 WHERE clinic_id = ? AND kind = ? AND version = ?")
      .bind(1, clinic_id)
      .bind(2, kind)
      .bind(3, version)
      .run();
}

std::vector<LedgerEntry> SqliteRepos::ledger_entries(int64_t member_id, int64_t after_id, int limit) {
  Stmt s =
      db_.prepare("SELECT " LEDGER_COLUMNS " FROM ledger_entries WHERE member_id = ? AND id > ? ORDER BY id LIMIT ?");
  s.bind(1, member_id).bind(2, after_id).bind(3, int64_t{limit});
  std::vector<LedgerEntry> out;
  while (s.step()) out.push_back(read_ledger_entry(s));
  return out;
}

std::optional<LedgerEntry> SqliteRepos::ledger_entry_by_event(int64_t member_id, const std::string& event_id) {
  Stmt s = db_.prepare("SELECT " LEDGER_COLUMNS " FROM ledger_entries WHERE member_id = ? AND event_id = ?");
  s.bind(1, member_id).bind(2, event_id);
  if (!s.step()) return std::nullopt;
  return read_ledger_entry(s);
}

LedgerTotals SqliteRepos::ledger_totals(int64_t member_id) {
  Stmt s = db_.prepare("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ?");
  s.bind(1, member_id);
  s.step();
  return LedgerTotals{s.i64(0), s.i64(1)};
}

LedgerAppend SqliteRepos::append_ledger(const LedgerEntry& e) {
  if (auto existing = ledger_entry_by_event(e.member_id, e.event_id)) return LedgerAppend{*existing, false};
  Stmt s = db_.prepare(
      "INSERT INTO ledger_entries(member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry, org_id) "
      "VALUES(?,?,?,?,?,?,?,?, " ORG_OF_MEMBER("?1") ")");
  s.bind(1, e.member_id).bind(2, e.clinic_id).bind(3, e.event_id).bind(4, e.kind).bind(5, e.points).bind(6, e.at_ms);
  if (e.rule_version_id)
    s.bind(7, *e.rule_version_id);
  else
    s.bind_null(7);
  s.bind(8, e.entry).run();
  LedgerAppend out{e, true};
  out.entry.id = db_.last_insert_id();
  return out;
}

std::optional<IdempotencyRecord> SqliteRepos::idempotency_record(const std::string& scope, const std::string& key) {
  Stmt s = db_.prepare(
      "SELECT request_hash, status, response, created_at_ms FROM idempotency_keys WHERE scope = ? AND key = ?");
  s.bind(1, scope).bind(2, key);
  if (!s.step()) return std::nullopt;
  return IdempotencyRecord{scope, key, s.text(0), static_cast<int>(s.i64(1)), s.text(2), s.i64(3)};
}

void SqliteRepos::save_idempotency_record(const IdempotencyRecord& r) {
  db_.prepare(
         "INSERT INTO idempotency_keys(scope, key, request_hash, status, response, created_at_ms) VALUES(?,?,?,?,?,?)")
      .bind(1, r.scope)
      .bind(2, r.key)
      .bind(3, r.request_hash)
      .bind(4, int64_t{r.status})
      .bind(5, r.response)
      .bind(6, r.created_at_ms)
      .run();
}

}  // namespace clinic::server
