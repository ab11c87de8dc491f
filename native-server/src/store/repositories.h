// Repository interfaces: everything the HTTP layer may ask of storage, in domain terms.
// No SQL leaves native-server/src/store/. A Repos object is bound to one connection for
// the duration of one Store::read() or Store::write() call and is used on that thread
// only. Write methods are valid only inside Store::write() (they run on the one write
// connection, inside the batch's transaction, under a per-job savepoint).
// Personal data goes in and comes out as plaintext; the SQLite implementation seals it
// with the Vault (store/sqlite_repos.cpp), so no caller can forget to encrypt.
// Failures throw ApiError (domain) or SqliteError (storage).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engagement/engagement_repo.h"
#include "store/account_repo.h"
#include "store/activity_repos.h"
#include "store/family_repos.h"

namespace clinic::server {

struct Member {
  int64_t id = 0;
  int64_t org_id = 0;
  std::optional<std::string> openid_hash;             // keyed hash of the WeChat openid; null once deleted
  std::optional<std::string> openid;                  // decrypted (sealed at rest): subscribe messages, content checks
  std::optional<std::string> name, phone, id_number;  // decrypted
  int64_t created_at_ms = 0;
  std::optional<int64_t> deleted_at_ms;
};

struct MemberLogin {
  Member member;
  bool created = false;
};

struct MemberPii {  // fields left nullopt are not changed
  std::optional<std::string> name, phone, id_number;
};

class MemberRepo {
 public:
  virtual ~MemberRepo() = default;
  virtual std::optional<Member> member_by_id(int64_t id) = 0;
  // By the openid's keyed hash (the openid itself is never stored).
  virtual std::optional<Member> member_by_openid(const std::string& openid) = 0;
  virtual std::vector<Member> members_by_phone(int64_t org_id, const std::string& phone) = 0;  // keyed-hash lookup
  // write: creates the member on first login; stores the (sealed) WeChat session_key.
  virtual MemberLogin upsert_member_login(int64_t org_id, const std::string& openid,
                                          const std::optional<std::string>& unionid, const std::string& session_key,
                                          int64_t now_ms) = 0;
  virtual void set_member_pii(int64_t member_id, const MemberPii& pii) = 0;
  // write: erases openid, PII and sessions; keeps the id so ledger totals stay (anonymised).
  virtual void erase_member(int64_t member_id, int64_t now_ms) = 0;
};

struct SessionRow {
  std::string kind;  // "member" or "staff"
  int64_t subject_id = 0;
  std::string csrf_token;  // staff only
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> revoked_at_ms;
};

class SessionRepo {
 public:
  virtual ~SessionRepo() = default;
  virtual std::optional<SessionRow> session_by_token_hash(const std::string& token_hash) = 0;
  virtual void create_session(const std::string& token_hash, const SessionRow& row) = 0;            // write
  virtual bool revoke_session(const std::string& token_hash, int64_t now_ms) = 0;                   // write
  virtual int revoke_sessions_of(const std::string& kind, int64_t subject_id, int64_t now_ms) = 0;  // write
};

struct Staff {
  int64_t id = 0;
  int64_t org_id = 0;
  std::optional<int64_t> clinic_id;  // null: organization-wide (admins)
  std::string username;
  std::string display_name;
  std::string role;           // desk, manager, admin
  std::string password_hash;  // argon2id string (crypto_pwhash_str)
  bool disabled = false;
};

class StaffRepo {
 public:
  virtual ~StaffRepo() = default;
  virtual std::optional<Staff> staff_by_username(const std::string& username) = 0;
  virtual std::optional<Staff> staff_by_id(int64_t id) = 0;
  virtual std::vector<Staff> staff_in_org(int64_t org_id) = 0;
  virtual int64_t create_staff(const Staff& staff, int64_t now_ms) = 0;  // write; conflict on duplicate username
  virtual void set_staff_password(int64_t staff_id, const std::string& password_hash) = 0;  // write
};

struct Clinic {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name;
  int utc_offset_min = 480;
};
struct Department {
  int64_t id = 0;
  int64_t clinic_id = 0;
  std::string code, name_zh, name_en;
};
struct Doctor {
  int64_t id = 0;
  int64_t clinic_id = 0;
  int64_t department_id = 0;
  std::string name, title;
};
struct Slot {
  int64_t id = 0;
  int64_t clinic_id = 0;
  int64_t doctor_id = 0;
  int64_t starts_at_ms = 0, ends_at_ms = 0;
  int capacity = 0, booked = 0;
};

class OrgRepo {
 public:
  virtual ~OrgRepo() = default;
  virtual std::optional<int64_t> first_org_id() = 0;
  virtual std::optional<Clinic> clinic_by_id(int64_t id) = 0;
  virtual std::vector<Clinic> clinics_in_org(int64_t org_id) = 0;
  virtual std::vector<Department> departments(int64_t clinic_id) = 0;
  virtual std::vector<Doctor> doctors(int64_t clinic_id) = 0;
  virtual std::vector<Slot> slots(int64_t clinic_id, int64_t from_ms, int64_t to_ms) = 0;
  // writes
  virtual int64_t create_org(const std::string& name, int64_t now_ms) = 0;
  virtual int64_t create_clinic(int64_t org_id, const std::string& name, int utc_offset_min, int64_t now_ms) = 0;
  virtual int64_t create_department(const Department& d) = 0;
  virtual int64_t create_doctor(const Doctor& d) = 0;
  virtual int64_t create_slot(const Slot& s) = 0;
};

struct Consent {
  std::string kind;  // "health_data" or "marketing"
  bool granted = false;
  std::string policy_version;
  int64_t at_ms = 0;
};

class ConsentRepo {
 public:
  virtual ~ConsentRepo() = default;
  // Latest decision per kind (history is kept: every change appends a row).
  virtual std::vector<Consent> current_consents(int64_t member_id) = 0;
  virtual void record_consent(int64_t member_id, const Consent& consent) = 0;  // write
};

struct AuditRow {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::optional<int64_t> staff_id;
  std::optional<int64_t> clinic_id;
  std::string action;  // e.g. "staff.create"
  std::string target;  // e.g. "staff:12"
  std::string detail;  // JSON text, no PII
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  virtual std::vector<AuditRow> audit_rows(int64_t org_id, std::optional<int64_t> clinic_id, int64_t before_id,
                                           int limit) = 0;
  virtual int64_t append_audit(const AuditRow& row) = 0;  // write
};

struct RuleVersion {
  int64_t id = 0;
  int64_t clinic_id = 0;
  std::string kind;  // e.g. "points", "referral", "triage"
  int64_t version = 0;
  std::string document;  // JSON text, validated by the core before it is stored
  bool active = false;
  int64_t created_at_ms = 0;
  std::optional<int64_t> created_by;
};

class RuleRepo {
 public:
  virtual ~RuleRepo() = default;
  virtual std::optional<RuleVersion> active_rule(int64_t clinic_id, const std::string& kind) = 0;
  virtual std::optional<RuleVersion> rule_version_by_id(int64_t id) = 0;
  virtual std::vector<RuleVersion> rule_versions(int64_t clinic_id, const std::string& kind) = 0;
  // write: next version number for (clinic, kind), inactive.
  virtual RuleVersion add_rule_version(int64_t clinic_id, const std::string& kind, const std::string& document,
                                       std::optional<int64_t> staff_id, int64_t now_ms) = 0;
  virtual void activate_rule_version(int64_t clinic_id, const std::string& kind, int64_t version) = 0;  // write
};

struct LedgerEntry {
  int64_t id = 0;
  int64_t member_id = 0;
  int64_t clinic_id = 0;
  std::string event_id;  // idempotency: UNIQUE per member
  std::string kind;      // e.g. "earn", "spend", "expire", "reverse"
  int64_t points = 0;    // signed
  int64_t at_ms = 0;
  std::optional<int64_t> rule_version_id;
  std::string entry;  // the core's entry JSON, verbatim
};

struct LedgerAppend {
  LedgerEntry entry;  // the stored entry (the existing one when the event id was seen)
  bool inserted = false;
};

struct LedgerTotals {
  int64_t entries = 0;
  int64_t points = 0;  // sum of points
};

class LedgerRepo {
 public:
  virtual ~LedgerRepo() = default;
  // Oldest first; entries with id > after_id.
  virtual std::vector<LedgerEntry> ledger_entries(int64_t member_id, int64_t after_id, int limit) = 0;
  virtual std::optional<LedgerEntry> ledger_entry_by_event(int64_t member_id, const std::string& event_id) = 0;
  virtual LedgerTotals ledger_totals(int64_t member_id) = 0;
  // write: append-only (UPDATE/DELETE are refused by triggers); same (member, event_id) → the first entry.
  virtual LedgerAppend append_ledger(const LedgerEntry& entry) = 0;
};

struct IdempotencyRecord {
  std::string scope;  // e.g. "member:12" or "staff:3"
  std::string key;
  std::string request_hash;
  int status = 0;
  std::string response;
  int64_t created_at_ms = 0;
};

class IdempotencyRepo {
 public:
  virtual ~IdempotencyRepo() = default;
  virtual std::optional<IdempotencyRecord> idempotency_record(const std::string& scope, const std::string& key) = 0;
  virtual void save_idempotency_record(const IdempotencyRecord& record) = 0;  // write
};

// Every repository, bound to one connection. The platform interfaces above are bases; the
// rest are reached by subject (each implemented by a member object of SqliteRepos / PgAllRepos).
class Repos : public MemberRepo,
              public SessionRepo,
              public StaffRepo,
              public OrgRepo,
              public ConsentRepo,
              public AuditRepo,
              public RuleRepo,
              public LedgerRepo,
              public IdempotencyRepo {
 public:
  ~Repos() override = default;
  virtual ReferralRepo& referrals() = 0;     // store/activity_repos.h: invites, referral bindings
  virtual CouponRepo& coupons() = 0;         // issued coupons
  virtual VisitRepo& visits() = 0;           // confirmed / refunded visits
  virtual TriageRepo& triage() = 0;          // triage results
  virtual BookingRepo& bookings() = 0;       // appointments
  virtual ReportRepo& reports() = 0;         // the manager's report aggregates
  virtual FamilyRepo& families() = 0;        // store/family_repos.h (issue 15)
  virtual AccountRepo& accounts() = 0;       // store/account_repo.h (issue 16)
  virtual EngagementRepo& engagement() = 0;  // engagement/engagement_repo.h (issue 19)
};

}  // namespace clinic::server
