// The families storage (store/sqlite_family_repos.cpp): a database from before migration 4 (families)
// upgrades with its bookings intact (no patient); patients are sealed at rest; erasing a
// patient unlinks their appointments and visits and erases their self-test answers.
#include <doctest/doctest.h>

#include "errors.h"
#include "store/migrations.h"
#include "store/store.h"
#include "test_support.h"

using namespace clinic::server;

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

}  // namespace

TEST_CASE("a schema-2 database upgrades to families with its bookings kept and no patient on them") {
  std::string dir = testing::temp_dir();
  std::string path = dir + "/old.db";
  {
    Db db(path, Db::Mode::read_write);
    testing::schema_at_version(db, 2);
    db.exec(
        "INSERT INTO organizations VALUES(1, 'o', 1); INSERT INTO clinics(id, org_id, name, created_at_ms) "
        "VALUES(1, 1, 'c', 1); INSERT INTO departments VALUES(1, 1, 'gp', '全科', 'GP'); INSERT INTO doctors "
        "VALUES(1, 1, 1, 'd', ''); INSERT INTO slots VALUES(1, 1, 1, 10, 20, 2, 1); INSERT INTO members(id, org_id, "
        "openid, created_at_ms) VALUES(1, 1, 'o1', 1); INSERT INTO bookings VALUES(1, 1, 1, 1, 'booked', 5);");
  }
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{path, "FULL", 1, 16}, vault, kNow);
  CHECK(store.schema_version() == static_cast<int>(migrations().size()));
  store.read([](Repos& r) {
    auto b = r.bookings().booking_by_id(1);
    REQUIRE(b.has_value());
    CHECK(b->status == "booked");
    CHECK_FALSE(r.families().booking_patient(1).has_value());
    CHECK(r.families().patients_of(1).empty());
    auto contact = r.families().clinic_contact(1);
    REQUIRE(contact.has_value());
    CHECK(contact->address.empty());
  });
}

TEST_CASE("patients are sealed at rest, linked to bookings, and erased with their self-test answers") {
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{dir + "/t.db", "FULL", 1, 16}, vault, kNow);
  auto [member, pid, booking, triage, slot_id] = store.write([](Repos& r) {
    int64_t org = r.create_org("o", kNow);
    int64_t clinic = r.create_clinic(org, "c", 480, kNow);
    int64_t dept = r.create_department(Department{0, clinic, "gp", "全科", "GP"});
    int64_t doctor = r.create_doctor(Doctor{0, clinic, dept, "d", ""});
    int64_t slot = r.create_slot(Slot{0, clinic, doctor, kNow + 86'400'000, kNow + 88'200'000, 2, 0});
    int64_t m = r.upsert_member_login(org, "openid-1", std::nullopt, "sk", kNow).member.id;
    int64_t p = r.families().insert_patient(child(org, m));
    int64_t b = r.families().book_slot_for_patient(slot, m, p, kNow);
    TriageRow t;
    t.member_id = m;
    t.at_ms = kNow;
    t.complaint = "fever_child";
    t.level = "self_care";
    t.outcome = R"({"level":"self_care"})";
    t.answers = R"({"temp":38.2})";
    int64_t tid = r.triage().insert_triage(t);
    r.families().set_triage_patient(tid, p);
    return std::tuple{m, p, b, tid, slot};
  });
  store.read([&](Repos& r) {
    auto p = r.families().patient_by_id(pid);
    REQUIRE(p.has_value());
    CHECK(p->name == "张小宝");
    CHECK(p->id_number == "110105202205010025");
    CHECK(p->phone == "13912345678");
    CHECK(r.families().booking_patient(booking) == pid);
    CHECK(r.families().selftests_of(pid, 10).size() == 1);
    CHECK(r.families().patient_has_open_bookings(pid, kNow));
  });
  {
    Db raw(dir + "/t.db", Db::Mode::read_only);
    Stmt s = raw.prepare(
        "SELECT COUNT(*) FROM patients WHERE instr(name_enc, CAST('张小宝' AS BLOB)) > 0 OR instr(id_number_enc, "
        "CAST('110105202205010025' AS BLOB)) > 0 OR instr(phone_enc, CAST('13912345678' AS BLOB)) > 0");
    REQUIRE(s.step());
    CHECK(s.i64(0) == 0);
  }
  // The same patient cannot take the slot twice; a second ID number of the member is refused as a duplicate.
  CHECK_THROWS_AS(store.write([&](Repos& r) { return r.families().book_slot_for_patient(slot_id, member, pid, kNow); }),
                  ApiError);
  CHECK_THROWS_AS(store.write([&](Repos& r) { return r.families().insert_patient(child(1, member)); }), ApiError);

  store.write([&](Repos& r) { r.families().erase_patient(pid); });
  store.read([&](Repos& r) {
    CHECK_FALSE(r.families().patient_by_id(pid).has_value());
    CHECK_FALSE(r.families().booking_patient(booking).has_value());
    CHECK(r.bookings().booking_by_id(booking).has_value());  // the appointment stays (the slot's count is the clinic's)
  });
  Db raw(dir + "/t.db", Db::Mode::read_only);
  Stmt s = raw.prepare("SELECT answers IS NULL, patient_id IS NULL, level FROM triage_results WHERE id = ?");
  s.bind(1, triage);
  REQUIRE(s.step());
  CHECK(s.i64(0) == 1);
  CHECK(s.i64(1) == 1);
  CHECK(s.text(2) == "self_care");
}
