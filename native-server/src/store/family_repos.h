// Repositories for families (issue 15): the patients (就诊人) of a member, which patient an
// appointment / visit / self-test belongs to, clinic contact details, and the member-code
// secrets the phone derives its offline code from. Same rules as repositories.h: domain
// terms in, no SQL out, write methods only inside Store::write(); names, ID numbers,
// phones and secrets go in as plaintext and are sealed by the SQLite implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clinic::server {

struct Patient {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t member_id = 0;
  std::string name;                             // decrypted
  std::string sex;                              // male, female
  std::string birth_date;                       // YYYY-MM-DD
  std::string relation;                         // patient_rules.h kRelations
  std::optional<std::string> id_number, phone;  // decrypted; nullopt when not given
  // PIPL art. 31: set while the patient is under 14 — the member (guardian) consented for them.
  std::optional<int64_t> guardian_consent_at_ms;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// A stored self-test of a patient (answers only when stored with consent).
struct SelfTestRow {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string complaint, level;
  std::string outcome;  // the server's outcome JSON
  std::optional<std::string> answers;
};

struct ClinicContact {
  std::string address;
  std::string phone;
  int64_t latitude_e6 = 0, longitude_e6 = 0;  // microdegrees (GCJ-02, as wx.openLocation wants)
};

struct MemberCodeSecret {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string secret;  // 32 raw bytes, decrypted
  int64_t created_at_ms = 0, expires_at_ms = 0;
};

class FamilyRepo {
 public:
  virtual ~FamilyRepo() = default;
  // Patients (not erased), oldest first.
  virtual std::vector<Patient> patients_of(int64_t member_id) = 0;
  virtual std::optional<Patient> patient_by_id(int64_t id) = 0;
  // Members with a patient whose phone is `phone` (keyed-hash lookup, organization-scoped): the
  // desk finds a family by a grandparent's or a child's phone too.
  virtual std::vector<int64_t> members_by_patient_phone(int64_t org_id, const std::string& phone) = 0;
  // write; conflict when the ID number is already one of this member's patients.
  virtual int64_t insert_patient(const Patient& p) = 0;
  virtual void update_patient(const Patient& p) = 0;  // write (every field of p)
  // write: erases the patient's row and the answers of their self-tests; appointments, visits
  // and self-test levels keep no link to them.
  virtual void erase_patient(int64_t id) = 0;
  virtual int erase_patients_of(int64_t member_id) = 0;  // write (account deletion)
  // write: book_slot for one patient — a parent may book one slot for two children (the
  // duplicate check is per patient, not per member); capacity as in book_slot.
  virtual int64_t book_slot_for_patient(int64_t slot_id, int64_t member_id, int64_t patient_id, int64_t now_ms) = 0;
  // Links to the patient (written right after the row is created, in the same job).
  virtual void set_booking_patient(int64_t booking_id, int64_t patient_id) = 0;  // write
  virtual void set_visit_patient(int64_t visit_id, int64_t patient_id) = 0;      // write
  virtual void set_triage_patient(int64_t triage_id, int64_t patient_id) = 0;    // write
  virtual std::optional<int64_t> booking_patient(int64_t booking_id) = 0;
  virtual std::optional<int64_t> visit_patient(int64_t visit_id) = 0;
  virtual bool patient_has_open_bookings(int64_t patient_id, int64_t now_ms) = 0;
  virtual std::vector<SelfTestRow> selftests_of(int64_t patient_id, int limit) = 0;
  // Clinics
  virtual std::optional<ClinicContact> clinic_contact(int64_t clinic_id) = 0;
  virtual void set_clinic_contact(int64_t clinic_id, const ClinicContact& c) = 0;  // write
  // Member-code secrets: one per session (token hash; a new one replaces the session's previous
  // secret, so asking again never piles up rows); valid while that session is.
  virtual int64_t insert_member_code_secret(int64_t member_id, const std::string& session_token_hash,
                                            const std::string& secret, int64_t now_ms, int64_t expires_at_ms) = 0;
  // Unexpired secrets whose session is neither revoked nor expired, newest first.
  virtual std::vector<MemberCodeSecret> live_member_code_secrets(int64_t member_id, int64_t now_ms) = 0;
  virtual int delete_member_code_secrets(int64_t member_id) = 0;  // write (account deletion)
};

}  // namespace clinic::server
