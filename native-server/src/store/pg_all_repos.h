// The PostgreSQL store's repositories (issue 18): every interface of store/repositories.h on
// one connection inside one PgPool transaction. The platform repositories are forwarded to
// PgPlatformRepos (it implements the same interfaces; Repos inherits them non-virtually).
#pragma once

#include "engagement/pg_engagement_repo.h"
#include "privacy/vault.h"
#include "store/pg.h"
#include "store/pg_account_repo.h"
#include "store/pg_activity_repos.h"
#include "store/pg_family_repos.h"
#include "store/pg_repos.h"
#include "store/repositories.h"

namespace clinic::server {

class PgAllRepos final : public Repos {
 public:
  PgAllRepos(PgConn& db, const Vault& vault)
      : platform_(db, vault), activity_(db), family_(db, vault), account_(db), engagement_(db) {}
  ReferralRepo& referrals() override { return activity_; }
  CouponRepo& coupons() override { return activity_; }
  VisitRepo& visits() override { return activity_; }
  TriageRepo& triage() override { return activity_; }
  BookingRepo& bookings() override { return activity_; }
  ReportRepo& reports() override { return activity_; }
  FamilyRepo& families() override { return family_; }
  AccountRepo& accounts() override { return account_; }
  EngagementRepo& engagement() override { return engagement_; }

  std::optional<Member> member_by_id(int64_t id) override { return platform_.member_by_id(id); }
  std::optional<Member> member_by_openid(const std::string& openid) override {
    return platform_.member_by_openid(openid);
  }
  std::vector<Member> members_by_phone(int64_t org_id, const std::string& phone) override {
    return platform_.members_by_phone(org_id, phone);
  }
  MemberLogin upsert_member_login(int64_t org_id, const std::string& openid, const std::optional<std::string>& unionid,
                                  const std::string& session_key, int64_t now_ms) override {
    return platform_.upsert_member_login(org_id, openid, unionid, session_key, now_ms);
  }
  void set_member_pii(int64_t member_id, const MemberPii& pii) override { platform_.set_member_pii(member_id, pii); }
  void erase_member(int64_t member_id, int64_t now_ms) override { platform_.erase_member(member_id, now_ms); }
  std::optional<SessionRow> session_by_token_hash(const std::string& token_hash) override {
    return platform_.session_by_token_hash(token_hash);
  }
  void create_session(const std::string& token_hash, const SessionRow& row) override {
    platform_.create_session(token_hash, row);
  }
  bool revoke_session(const std::string& token_hash, int64_t now_ms) override {
    return platform_.revoke_session(token_hash, now_ms);
  }
  int revoke_sessions_of(const std::string& kind, int64_t subject_id, int64_t now_ms) override {
    return platform_.revoke_sessions_of(kind, subject_id, now_ms);
  }
  std::optional<Staff> staff_by_username(const std::string& username) override {
    return platform_.staff_by_username(username);
  }
  std::optional<Staff> staff_by_id(int64_t id) override { return platform_.staff_by_id(id); }
  std::vector<Staff> staff_in_org(int64_t org_id) override { return platform_.staff_in_org(org_id); }
  int64_t create_staff(const Staff& staff, int64_t now_ms) override { return platform_.create_staff(staff, now_ms); }
  void set_staff_password(int64_t staff_id, const std::string& password_hash) override {
    platform_.set_staff_password(staff_id, password_hash);
  }
  std::optional<int64_t> first_org_id() override { return platform_.first_org_id(); }
  std::optional<Clinic> clinic_by_id(int64_t id) override { return platform_.clinic_by_id(id); }
  std::vector<Clinic> clinics_in_org(int64_t org_id) override { return platform_.clinics_in_org(org_id); }
  std::vector<Department> departments(int64_t clinic_id) override { return platform_.departments(clinic_id); }
  std::vector<Doctor> doctors(int64_t clinic_id) override { return platform_.doctors(clinic_id); }
  std::vector<Slot> slots(int64_t clinic_id, int64_t from_ms, int64_t to_ms) override {
    return platform_.slots(clinic_id, from_ms, to_ms);
  }
  int64_t create_org(const std::string& name, int64_t now_ms) override { return platform_.create_org(name, now_ms); }
  int64_t create_clinic(int64_t org_id, const std::string& name, int utc_offset_min, int64_t now_ms) override {
    return platform_.create_clinic(org_id, name, utc_offset_min, now_ms);
  }
  int64_t create_department(const Department& d) override { return platform_.create_department(d); }
  int64_t create_doctor(const Doctor& d) override { return platform_.create_doctor(d); }
  int64_t create_slot(const Slot& s) override { return platform_.create_slot(s); }
  std::vector<Consent> current_consents(int64_t member_id) override { return platform_.current_consents(member_id); }
  void record_consent(int64_t member_id, const Consent& consent) override {
    platform_.record_consent(member_id, consent);
  }
  std::vector<AuditRow> audit_rows(int64_t org_id, std::optional<int64_t> clinic_id, int64_t before_id,
                                   int limit) override {
    return platform_.audit_rows(org_id, clinic_id, before_id, limit);
  }
  int64_t append_audit(const AuditRow& row) override { return platform_.append_audit(row); }
  std::optional<RuleVersion> active_rule(int64_t clinic_id, const std::string& kind) override {
    return platform_.active_rule(clinic_id, kind);
  }
  std::optional<RuleVersion> rule_version_by_id(int64_t id) override { return platform_.rule_version_by_id(id); }
  std::vector<RuleVersion> rule_versions(int64_t clinic_id, const std::string& kind) override {
    return platform_.rule_versions(clinic_id, kind);
  }
  RuleVersion add_rule_version(int64_t clinic_id, const std::string& kind, const std::string& document,
                               std::optional<int64_t> staff_id, int64_t now_ms) override {
    return platform_.add_rule_version(clinic_id, kind, document, staff_id, now_ms);
  }
  void activate_rule_version(int64_t clinic_id, const std::string& kind, int64_t version) override {
    platform_.activate_rule_version(clinic_id, kind, version);
  }
  std::vector<LedgerEntry> ledger_entries(int64_t member_id, int64_t after_id, int limit) override {
    return platform_.ledger_entries(member_id, after_id, limit);
  }
  std::optional<LedgerEntry> ledger_entry_by_event(int64_t member_id, const std::string& event_id) override {
    return platform_.ledger_entry_by_event(member_id, event_id);
  }
  LedgerTotals ledger_totals(int64_t member_id) override { return platform_.ledger_totals(member_id); }
  LedgerAppend append_ledger(const LedgerEntry& entry) override { return platform_.append_ledger(entry); }
  std::optional<IdempotencyRecord> idempotency_record(const std::string& scope, const std::string& key) override {
    return platform_.idempotency_record(scope, key);
  }
  void save_idempotency_record(const IdempotencyRecord& record) override { platform_.save_idempotency_record(record); }

 private:
  PgPlatformRepos platform_;
  PgActivityRepos activity_;
  PgFamilyRepos family_;
  PgAccountRepo account_;
  PgEngagementRepo engagement_;
};

}  // namespace clinic::server
