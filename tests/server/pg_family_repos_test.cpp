// FamilyRepo (store/family_repos.h) on PostgreSQL (store/pg_family_repos.h) against a real
// cluster (ctest server_pg_tests): patients sealed at rest and erased, bookings per patient,
// clinic contact, member-code secrets tied to their session.
#include <doctest/doctest.h>

#include <tuple>

#include "errors.h"
#include "pg_support.h"

using namespace clinic::server;
using testing::PgFixture;
using testing::PgTestRepos;

namespace {

constexpr int64_t kNow = 1'700'000'000'000;

Patient child(int64_t org, int64_t member) {
  Patient p;
  p.org_id = org;
  p.member_id = member;
  p.name = "张小宝";
  p.sex = "female";
  p.birth_date = "2022-05-01";
  p.relation = "child";
  p.id_number = "110105202205010025";
  p.phone = "13912345678";
  p.guardian_consent_at_ms = kNow;
  p.created_at_ms = p.updated_at_ms = kNow;
  return p;
}

std::string api_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code + e.field;
  }
  return "";
}

}  // namespace

TEST_SUITE("pg family repos") {
  TEST_CASE("patients are sealed at rest, linked to bookings, and erased with their self-test answers") {
    PgFixture f;
    REQUIRE_PG(f);
    auto [member, pid, booking, triage, slot_id] = f.write([&](PgTestRepos& r) {
      int64_t dept = r.create_department(Department{0, f.clinic, "gp", "全科", "GP"});
      int64_t doctor = r.create_doctor(Doctor{0, f.clinic, dept, "d", ""});
      int64_t slot = r.create_slot(Slot{0, f.clinic, doctor, kNow + 86'400'000, kNow + 88'200'000, 2, 0});
      int64_t m = r.upsert_member_login(f.org, "openid-1", std::nullopt, "sk", kNow).member.id;
      int64_t p = r.insert_patient(child(f.org, m));
      int64_t b = r.book_slot_for_patient(slot, m, p, kNow);
      TriageRow t;
      t.member_id = m;
      t.at_ms = kNow;
      t.complaint = "fever_child";
      t.level = "self_care";
      t.outcome = R"({"level":"self_care"})";
      t.answers = R"({"temp":38.2})";
      int64_t tid = r.insert_triage(t);
      r.set_triage_patient(tid, p);
      return std::tuple{m, p, b, tid, slot};
    });
    f.read([&, pid = pid, booking = booking](PgTestRepos& r) {
      auto p = r.patient_by_id(pid);
      REQUIRE(p.has_value());
      CHECK(p->name == "张小宝");
      CHECK(p->id_number == "110105202205010025");
      CHECK(p->phone == "13912345678");
      CHECK(p->guardian_consent_at_ms == kNow);
      CHECK(r.booking_patient(booking) == pid);
      CHECK(r.selftests_of(pid, 10).size() == 1);
      CHECK(r.patient_has_open_bookings(pid, kNow));
      CHECK(r.members_by_patient_phone(f.org, "139 1234 5678").size() == 1);
      return 0;
    });
    int64_t plaintext = f.pool->read([](PgConn& c) {
      PgQuery q = c.prepare(
          "SELECT COUNT(*) FROM patients WHERE position(convert_to('张小宝', 'UTF8') in name_enc) > 0 OR "
          "position(convert_to('110105202205010025', 'UTF8') in id_number_enc) > 0 OR "
          "position(convert_to('13912345678', 'UTF8') in phone_enc) > 0");
      q.step();
      return q.i64(0);
    });
    CHECK(plaintext == 0);
    // The same patient cannot take the slot twice; a second ID number of the member is refused as a duplicate.
    CHECK(api_code([&, member = member, pid = pid, slot_id = slot_id] {
            f.write([&](PgTestRepos& r) { return r.book_slot_for_patient(slot_id, member, pid, kNow); });
          }) == "conflict$.slot_id");
    CHECK(api_code([&, member = member] {
            f.write([&](PgTestRepos& r) { return r.insert_patient(child(f.org, member)); });
          }) == "conflict$.id_number");
    // One "self" per member; the job that catches the conflict goes on (savepoint).
    std::string self_conflict = f.write([&, member = member](PgTestRepos& r) {
      Patient self = child(f.org, member);
      self.relation = "self";
      self.id_number.reset();
      self.phone.reset();
      r.insert_patient(self);
      std::string code = api_code([&] { r.insert_patient(self); });
      r.set_clinic_contact(f.clinic, ClinicContact{"北京路 1 号", "010-1234", 39'900'000, 116'400'000});
      return code;
    });
    CHECK(self_conflict == "conflict$.relation");
    CHECK(f.read([&](PgTestRepos& r) { return r.clinic_contact(f.clinic); })->latitude_e6 == 39'900'000);
    CHECK(f.read([&, member = member](PgTestRepos& r) { return r.patients_of(member); }).size() == 2);

    f.write([&, pid = pid](PgTestRepos& r) {
      Patient p = *r.patient_by_id(pid);
      p.phone.reset();
      p.name = "张大宝";
      r.update_patient(p);
      return 0;
    });
    CHECK(f.read([&, pid = pid](PgTestRepos& r) { return r.patient_by_id(pid); })->name == "张大宝");
    CHECK(f.read([&](PgTestRepos& r) { return r.members_by_patient_phone(f.org, "13912345678"); }).empty());

    f.write([&, pid = pid](PgTestRepos& r) {
      r.erase_patient(pid);
      return 0;
    });
    f.read([&, pid = pid, booking = booking](PgTestRepos& r) {
      CHECK_FALSE(r.patient_by_id(pid).has_value());
      CHECK_FALSE(r.booking_patient(booking).has_value());
      CHECK(r.booking_by_id(booking).has_value());
      return 0;
    });
    auto [answers_null, patient_null, level] = f.pool->read([triage = triage](PgConn& c) {
      PgQuery q = c.prepare("SELECT answers IS NULL, patient_id IS NULL, level FROM triage_results WHERE id = $1");
      q.bind(1, triage);
      q.step();
      return std::tuple{q.text(0), q.text(1), q.text(2)};
    });
    CHECK(answers_null == "t");
    CHECK(patient_null == "t");
    CHECK(level == "self_care");
    CHECK(f.write([&, member = member](PgTestRepos& r) { return r.erase_patients_of(member); }) == 1);
  }

  TEST_CASE("member-code secrets: one per session, live only while the session is") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("o");
    f.write([&](PgTestRepos& r) {
      r.create_session("s1", SessionRow{"member", m, "", 0, kNow + 1000, std::nullopt});
      r.create_session("s2", SessionRow{"member", m, "", 0, kNow + 1000, std::nullopt});
      r.insert_member_code_secret(m, "s1", std::string("\0secret-1", 9), kNow, kNow + 500);
      r.insert_member_code_secret(m, "s1", "secret-1b", kNow, kNow + 500);  // replaces s1's
      r.insert_member_code_secret(m, "s2", "secret-2", kNow, kNow + 500);
      return 0;
    });
    auto live = f.read([&](PgTestRepos& r) { return r.live_member_code_secrets(m, kNow); });
    REQUIRE(live.size() == 2);
    CHECK(live[0].secret == "secret-2");
    CHECK(live[1].secret == "secret-1b");
    f.write([&](PgTestRepos& r) { return r.revoke_session("s2", kNow); });
    CHECK(f.read([&](PgTestRepos& r) { return r.live_member_code_secrets(m, kNow); }).size() == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.live_member_code_secrets(m, kNow + 600); }).empty());
    CHECK(f.write([&](PgTestRepos& r) { return r.delete_member_code_secrets(m); }) == 2);
  }
}
