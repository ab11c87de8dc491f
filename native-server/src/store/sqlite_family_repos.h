// SQLite implementation of FamilyRepo (store/family_repos.h), bound to one connection.
#pragma once

#include "privacy/vault.h"
#include "store/family_repos.h"
#include "store/sqlite.h"

namespace clinic::server {

class SqliteFamilyRepos : public FamilyRepo {
 public:
  SqliteFamilyRepos(Db& db, const Vault& vault) : db_(db), vault_(vault) {}

  std::vector<Patient> patients_of(int64_t member_id) override;
  std::optional<Patient> patient_by_id(int64_t id) override;
  std::vector<int64_t> members_by_patient_phone(int64_t org_id, const std::string& phone) override;
  int64_t insert_patient(const Patient& p) override;
  void update_patient(const Patient& p) override;
  void erase_patient(int64_t id) override;
  int erase_patients_of(int64_t member_id) override;
  int64_t book_slot_for_patient(int64_t slot_id, int64_t member_id, int64_t patient_id, int64_t now_ms) override;
  void set_booking_patient(int64_t booking_id, int64_t patient_id) override;
  void set_visit_patient(int64_t visit_id, int64_t patient_id) override;
  void set_triage_patient(int64_t triage_id, int64_t patient_id) override;
  std::optional<int64_t> booking_patient(int64_t booking_id) override;
  std::optional<int64_t> visit_patient(int64_t visit_id) override;
  bool patient_has_open_bookings(int64_t patient_id, int64_t now_ms) override;
  std::vector<SelfTestRow> selftests_of(int64_t patient_id, int limit) override;
  std::optional<ClinicContact> clinic_contact(int64_t clinic_id) override;
  void set_clinic_contact(int64_t clinic_id, const ClinicContact& c) override;
  int64_t insert_member_code_secret(int64_t member_id, const std::string& session_token_hash, const std::string& secret,
                                    int64_t now_ms, int64_t expires_at_ms) override;
  std::vector<MemberCodeSecret> live_member_code_secrets(int64_t member_id, int64_t now_ms) override;
  int delete_member_code_secrets(int64_t member_id) override;

 private:
  Patient read_patient(const Stmt& s);
  std::optional<std::string> open(const Stmt& s, int col, const char* field);
  void write_patient(Stmt& s, const Patient& p);

  Db& db_;
  const Vault& vault_;
};

}  // namespace clinic::server
