// The PostgreSQL implementation (issue 18) of the platform repositories of
// store/repositories.h: members, sessions, staff, organisation/clinics/catalogue, consents,
// audit, rule versions, the ledger and idempotency records. Same SQL semantics as
// store/sqlite_repos.cpp (personal data sealed with the Vault; lookups by keyed hash), on a
// PgConn inside one PgPool transaction. The full Repos over PostgreSQL composes this with
// the domain, family, engagement and account repositories once those exist on PostgreSQL.
#pragma once

#include "privacy/vault.h"
#include "store/pg.h"
#include "store/repositories.h"

namespace clinic::server {

class PgPlatformRepos : public MemberRepo,
                        public SessionRepo,
                        public StaffRepo,
                        public OrgRepo,
                        public ConsentRepo,
                        public AuditRepo,
                        public RuleRepo,
                        public LedgerRepo,
                        public IdempotencyRepo {
 public:
  PgPlatformRepos(PgConn& db, const Vault& vault) : db_(db), vault_(vault) {}

  std::optional<Member> member_by_id(int64_t id) override;
  std::optional<Member> member_by_openid(const std::string& openid) override;
  std::vector<Member> members_by_phone(int64_t org_id, const std::string& phone) override;
  MemberLogin upsert_member_login(int64_t org_id, const std::string& openid, const std::optional<std::string>& unionid,
                                  const std::string& session_key, int64_t now_ms) override;
  void set_member_pii(int64_t member_id, const MemberPii& pii) override;
  void erase_member(int64_t member_id, int64_t now_ms) override;

  std::optional<SessionRow> session_by_token_hash(const std::string& token_hash) override;
  void create_session(const std::string& token_hash, const SessionRow& row) override;
  bool revoke_session(const std::string& token_hash, int64_t now_ms) override;
  int revoke_sessions_of(const std::string& kind, int64_t subject_id, int64_t now_ms) override;

  std::optional<Staff> staff_by_username(const std::string& username) override;
  std::optional<Staff> staff_by_id(int64_t id) override;
  std::vector<Staff> staff_in_org(int64_t org_id) override;
  int64_t create_staff(const Staff& staff, int64_t now_ms) override;
  void set_staff_password(int64_t staff_id, const std::string& password_hash) override;

  std::optional<int64_t> first_org_id() override;
  std::optional<Clinic> clinic_by_id(int64_t id) override;
  std::vector<Clinic> clinics_in_org(int64_t org_id) override;
  std::vector<Department> departments(int64_t clinic_id) override;
  std::vector<Doctor> doctors(int64_t clinic_id) override;
  std::vector<Slot> slots(int64_t clinic_id, int64_t from_ms, int64_t to_ms) override;
  int64_t create_org(const std::string& name, int64_t now_ms) override;
  int64_t create_clinic(int64_t org_id, const std::string& name, int utc_offset_min, int64_t now_ms) override;
  int64_t create_department(const Department& d) override;
  int64_t create_doctor(const Doctor& d) override;
  int64_t create_slot(const Slot& s) override;

  std::vector<Consent> current_consents(int64_t member_id) override;
  void record_consent(int64_t member_id, const Consent& consent) override;

  std::vector<AuditRow> audit_rows(int64_t org_id, std::optional<int64_t> clinic_id, int64_t before_id,
                                   int limit) override;
  int64_t append_audit(const AuditRow& row) override;

  std::optional<RuleVersion> active_rule(int64_t clinic_id, const std::string& kind) override;
  std::optional<RuleVersion> rule_version_by_id(int64_t id) override;
  std::vector<RuleVersion> rule_versions(int64_t clinic_id, const std::string& kind) override;
  RuleVersion add_rule_version(int64_t clinic_id, const std::string& kind, const std::string& document,
                               std::optional<int64_t> staff_id, int64_t now_ms) override;
  void activate_rule_version(int64_t clinic_id, const std::string& kind, int64_t version) override;

  std::vector<LedgerEntry> ledger_entries(int64_t member_id, int64_t after_id, int limit) override;
  std::optional<LedgerEntry> ledger_entry_by_event(int64_t member_id, const std::string& event_id) override;
  LedgerTotals ledger_totals(int64_t member_id) override;
  LedgerAppend append_ledger(const LedgerEntry& entry) override;

  std::optional<IdempotencyRecord> idempotency_record(const std::string& scope, const std::string& key) override;
  void save_idempotency_record(const IdempotencyRecord& record) override;

 private:
  Member read_member(const PgQuery& q);
  std::optional<std::string> open_field(const PgQuery& q, int col, const char* field);

  PgConn& db_;
  const Vault& vault_;
};

// The one mapping of a ledger_entries row (columns: id, member_id, clinic_id, event_id,
// kind, points, at_ms, rule_version_id, entry) for every PostgreSQL repository.

}  // namespace clinic::server
