// The SQLite implementation of every repository, bound to one connection.
#pragma once

#include "engagement/sqlite_engagement_repo.h"
#include "privacy/vault.h"
#include "store/repositories.h"
#include "store/sqlite.h"
#include "store/sqlite_account_repo.h"
#include "store/sqlite_activity_repos.h"
#include "store/sqlite_family_repos.h"

namespace clinic::server {

class SqliteRepos final : public Repos {
 public:
  SqliteRepos(Db& db, const Vault& vault)
      : db_(db), vault_(vault), activity_(db), family_(db, vault), account_(db), engagement_(db) {}
  ReferralRepo& referrals() override { return activity_; }
  CouponRepo& coupons() override { return activity_; }
  VisitRepo& visits() override { return activity_; }
  TriageRepo& triage() override { return activity_; }
  BookingRepo& bookings() override { return activity_; }
  ReportRepo& reports() override { return activity_; }
  FamilyRepo& families() override { return family_; }
  AccountRepo& accounts() override { return account_; }
  EngagementRepo& engagement() override { return engagement_; }

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
  Member read_member(const Stmt& s);
  std::optional<std::string> open_field(const Stmt& s, int col, const char* field);

  Db& db_;
  const Vault& vault_;
  SqliteActivityRepos activity_;
  SqliteFamilyRepos family_;
  SqliteAccountRepo account_;
  SqliteEngagementRepo engagement_;
};

}  // namespace clinic::server
