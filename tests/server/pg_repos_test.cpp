// The platform repositories (store/repositories.h) on PostgreSQL (store/pg_repos.h), against a
// real cluster (ctest server_pg_tests): the same answers as the SQLite implementation gives,
// including the concurrent cases the single SQLite writer never sees.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "errors.h"
#include "pg_support.h"
#include "test_support.h"

using namespace clinic::server;
using testing::PgFixture;
using testing::PgTestRepos;

#define REQUIRE_PG(f)                                            \
  if (!(f).db.available()) {                                     \
    MESSAGE("CLINIC_TEST_PG not set: PostgreSQL tests skipped"); \
    return;                                                      \
  }

namespace {}  // namespace

TEST_SUITE("pg repos") {
  TEST_CASE("members: first login creates, later logins find; PII sealed, looked up by keyed hash; erasure") {
    PgFixture f;
    REQUIRE_PG(f);
    MemberLogin first = f.write([&](PgTestRepos& r) { return r.upsert_member_login(f.org, "oid-1", "u1", "sk1", 5); });
    CHECK(first.created);
    MemberLogin again =
        f.write([&](PgTestRepos& r) { return r.upsert_member_login(f.org, "oid-1", std::nullopt, "sk2", 6); });
    CHECK_FALSE(again.created);
    CHECK(again.member.id == first.member.id);
    f.write([&](PgTestRepos& r) {
      r.set_member_pii(first.member.id, MemberPii{std::string("张三"), std::string("+86 138-1234-5678"), std::nullopt});
      return 0;
    });
    Member m = *f.read([&](PgTestRepos& r) { return r.member_by_id(first.member.id); });
    CHECK(m.name == "张三");
    CHECK(m.phone == "13812345678");
    CHECK(m.openid == "oid-1");
    CHECK(m.created_at_ms == 5);
    // At rest: sealed bytes and hashes only.
    std::string raw = f.pool->read([](PgConn& c) {
      PgQuery q = c.prepare("SELECT encode(name_enc, 'hex') || phone_hash || openid_hash FROM members");
      q.step();
      return q.text(0);
    });
    CHECK(raw.find("13812345678") == std::string::npos);
    CHECK(f.read([&](PgTestRepos& r) { return r.members_by_phone(f.org, "13812345678"); }).size() == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.member_by_openid("oid-1"); })->id == first.member.id);
    f.write([&](PgTestRepos& r) {
      r.create_session("tok", SessionRow{"member", first.member.id, "", 1, 99, std::nullopt});
      r.erase_member(first.member.id, 50);
      return 0;
    });
    Member erased = *f.read([&](PgTestRepos& r) { return r.member_by_id(first.member.id); });
    CHECK(erased.deleted_at_ms == 50);
    CHECK_FALSE(erased.name);
    CHECK_FALSE(erased.openid_hash);
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.member_by_openid("oid-1"); }));
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.session_by_token_hash("tok"); }));
    CHECK(f.read([&](PgTestRepos& r) { return r.members_by_phone(f.org, "13812345678"); }).empty());
  }

  TEST_CASE("members: 8 simultaneous first logins of one openid make one member") {
    PgFixture f;
    REQUIRE_PG(f);
    std::vector<std::thread> threads;
    std::vector<int64_t> ids(8);
    for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { ids[i] = f.member("same-openid"); });
    for (auto& t : threads) t.join();
    for (int64_t id : ids) CHECK(id == ids[0]);
    CHECK(f.pool->read([](PgConn& c) {
      PgQuery q = c.prepare("SELECT COUNT(*) FROM members");
      q.step();
      return q.i64(0);
    }) == 1);
  }

  TEST_CASE("sessions: create, look up, revoke one, revoke all of a subject") {
    PgFixture f;
    REQUIRE_PG(f);
    f.write([&](PgTestRepos& r) {
      r.create_session("a", SessionRow{"staff", 7, "csrf", 1, 100, std::nullopt});
      r.create_session("b", SessionRow{"staff", 7, "csrf2", 1, 100, std::nullopt});
      r.create_session("c", SessionRow{"member", 7, "", 1, 100, std::nullopt});
      return 0;
    });
    SessionRow a = *f.read([](PgTestRepos& r) { return r.session_by_token_hash("a"); });
    CHECK(a.kind == "staff");
    CHECK(a.csrf_token == "csrf");
    CHECK_FALSE(a.revoked_at_ms);
    CHECK(f.write([](PgTestRepos& r) { return r.revoke_session("a", 5); }));
    CHECK_FALSE(f.write([](PgTestRepos& r) { return r.revoke_session("a", 6); }));
    CHECK(f.read([](PgTestRepos& r) { return r.session_by_token_hash("a"); })->revoked_at_ms == 5);
    CHECK(f.write([](PgTestRepos& r) { return r.revoke_sessions_of("staff", 7, 9); }) == 1);
    CHECK_FALSE(f.read([](PgTestRepos& r) { return r.session_by_token_hash("c"); })->revoked_at_ms);
  }

  TEST_CASE("staff: create, duplicate username is a conflict, password change, listing") {
    PgFixture f;
    REQUIRE_PG(f);
    Staff s;
    s.org_id = f.org;
    s.clinic_id = f.clinic;
    s.username = "desk1";
    s.display_name = "Desk";
    s.role = "desk";
    s.password_hash = "h1";
    int64_t id = f.write([&](PgTestRepos& r) { return r.create_staff(s, 1); });
    std::string code;
    try {
      f.write([&](PgTestRepos& r) { return r.create_staff(s, 2); });
    } catch (const ApiError& e) {
      code = e.code;
    }
    CHECK(code == "conflict");
    f.write([&](PgTestRepos& r) {
      r.set_staff_password(id, "h2");
      return 0;
    });
    Staff got = *f.read([](PgTestRepos& r) { return r.staff_by_username("desk1"); });
    CHECK(got.id == id);
    CHECK(got.clinic_id == f.clinic);
    CHECK(got.password_hash == "h2");
    CHECK_FALSE(got.disabled);
    Staff admin = s;
    admin.username = "admin";
    admin.role = "admin";
    admin.clinic_id.reset();
    f.write([&](PgTestRepos& r) { return r.create_staff(admin, 3); });
    auto all = f.read([&](PgTestRepos& r) { return r.staff_in_org(f.org); });
    REQUIRE(all.size() == 2);
    CHECK_FALSE(all[1].clinic_id);
    CHECK(f.read([&](PgTestRepos& r) { return r.staff_by_id(id); })->username == "desk1");
  }

  TEST_CASE("organisation: clinics, departments, doctors, slots; consents; audit") {
    PgFixture f;
    REQUIRE_PG(f);
    CHECK(f.read([](PgTestRepos& r) { return r.first_org_id(); }) == f.org);
    int64_t dep = f.write([&](PgTestRepos& r) { return r.create_department({0, f.clinic, "gp", "全科", "GP"}); });
    int64_t doc = f.write([&](PgTestRepos& r) { return r.create_doctor({0, f.clinic, dep, "王医生", "主任"}); });
    f.write([&](PgTestRepos& r) {
      r.create_slot({0, f.clinic, doc, 2000, 3000, 4, 0});
      r.create_slot({0, f.clinic, doc, 1000, 2000, 4, 1});
      return 0;
    });
    auto slots = f.read([&](PgTestRepos& r) { return r.slots(f.clinic, 0, 2500); });
    REQUIRE(slots.size() == 2);
    CHECK(slots[0].starts_at_ms == 1000);
    CHECK(slots[0].booked == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.departments(f.clinic); })[0].name_zh == "全科");
    CHECK(f.read([&](PgTestRepos& r) { return r.doctors(f.clinic); })[0].department_id == dep);
    CHECK(f.read([&](PgTestRepos& r) { return r.clinics_in_org(f.org); }).size() == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.clinic_by_id(f.clinic); })->utc_offset_min == 480);

    int64_t m = f.member("o");
    f.write([&](PgTestRepos& r) {
      r.record_consent(m, {"health_data", true, "v1", 1});
      r.record_consent(m, {"health_data", false, "v2", 2});
      r.record_consent(m, {"marketing", true, "v2", 3});
      return 0;
    });
    auto consents = f.read([&](PgTestRepos& r) { return r.current_consents(m); });
    REQUIRE(consents.size() == 2);
    CHECK(consents[0].kind == "health_data");
    CHECK_FALSE(consents[0].granted);
    CHECK(consents[0].policy_version == "v2");
    CHECK_THROWS_AS(f.write([&](PgTestRepos& r) {
      r.record_consent(m, {"other", true, "v", 1});
      return 0;
    }),
                    ApiError);

    Staff s;
    s.org_id = f.org;
    s.username = "mgr";
    s.display_name = "M";
    s.role = "manager";
    s.password_hash = "h";
    int64_t staff = f.write([&](PgTestRepos& r) { return r.create_staff(s, 1); });
    f.write([&](PgTestRepos& r) {
      for (int i = 0; i < 3; ++i) r.append_audit({0, 10 + i, staff, f.clinic, "staff.create", "staff:1", ""});
      r.append_audit({0, 20, staff, std::nullopt, "org.x", "", R"({"a":1})"});
      return 0;
    });
    auto rows = f.read([&](PgTestRepos& r) { return r.audit_rows(f.org, std::nullopt, INT64_MAX, 10); });
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].action == "org.x");
    CHECK(rows[1].detail == "{}");
    CHECK(f.read([&](PgTestRepos& r) { return r.audit_rows(f.org, f.clinic, INT64_MAX, 10); }).size() == 3);
    CHECK(f.read([&](PgTestRepos& r) { return r.audit_rows(f.org, f.clinic, rows[1].id, 10); }).size() == 2);
  }

  TEST_CASE("rules: versions numbered per clinic and kind, one active") {
    PgFixture f;
    REQUIRE_PG(f);
    RuleVersion v1 = f.write([&](PgTestRepos& r) { return r.add_rule_version(f.clinic, "points", "{}", 3, 1); });
    RuleVersion v2 =
        f.write([&](PgTestRepos& r) { return r.add_rule_version(f.clinic, "points", "{\"b\":1}", std::nullopt, 2); });
    CHECK(v1.version == 1);
    CHECK(v2.version == 2);
    CHECK(v1.created_by == 3);
    CHECK_FALSE(v2.created_by);
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.active_rule(f.clinic, "points"); }));
    f.write([&](PgTestRepos& r) {
      r.activate_rule_version(f.clinic, "points", 1);
      r.activate_rule_version(f.clinic, "points", 2);
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.active_rule(f.clinic, "points"); })->version == 2);
    CHECK(f.read([&](PgTestRepos& r) { return r.rule_versions(f.clinic, "points"); }).size() == 2);
    CHECK(f.read([&](PgTestRepos& r) { return r.rule_version_by_id(v1.id); })->active == false);
    CHECK_THROWS_AS(f.write([&](PgTestRepos& r) {
      r.activate_rule_version(f.clinic, "points", 9);
      return 0;
    }),
                    ApiError);
  }

  TEST_CASE("ledger: append-only, idempotent per member and event, even from 8 threads at once") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("o");
    LedgerAppend a =
        f.write([&](PgTestRepos& r) { return r.append_ledger(testing::ledger_entry(m, f.clinic, "visit:1", 10)); });
    CHECK(a.inserted);
    LedgerAppend b =
        f.write([&](PgTestRepos& r) { return r.append_ledger(testing::ledger_entry(m, f.clinic, "visit:1", 99)); });
    CHECK_FALSE(b.inserted);
    CHECK(b.entry.id == a.entry.id);
    CHECK(b.entry.points == 10);
    std::atomic<int> inserted{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        if (f.write([&](PgTestRepos& r) {
               return r.append_ledger(testing::ledger_entry(m, f.clinic, "checkin:d1", 5));
             }).inserted)
          ++inserted;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(inserted == 1);
    LedgerTotals t = f.read([&](PgTestRepos& r) { return r.ledger_totals(m); });
    CHECK(t.entries == 2);
    CHECK(t.points == 15);
    auto all = f.read([&](PgTestRepos& r) { return r.ledger_entries(m, 0, 10); });
    REQUIRE(all.size() == 2);
    CHECK(all[0].event_id == "visit:1");
    CHECK(all[0].entry == R"({"points":10})");
    CHECK_FALSE(all[0].rule_version_id);
    CHECK(f.read([&](PgTestRepos& r) { return r.ledger_entries(m, all[0].id, 10); }).size() == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.ledger_entry_by_event(m, "checkin:d1"); })->points == 5);
  }

  TEST_CASE("idempotency records: saved once per scope and key") {
    PgFixture f;
    REQUIRE_PG(f);
    f.write([](PgTestRepos& r) {
      r.save_idempotency_record({"member:1", "k", "h", 201, R"({"ok":true})", 5});
      return 0;
    });
    auto rec = f.read([](PgTestRepos& r) { return r.idempotency_record("member:1", "k"); });
    REQUIRE(rec);
    CHECK(rec->status == 201);
    CHECK(rec->response == R"({"ok":true})");
    CHECK_FALSE(f.read([](PgTestRepos& r) { return r.idempotency_record("member:2", "k"); }));
    CHECK_THROWS_AS(f.write([](PgTestRepos& r) {
      r.save_idempotency_record({"member:1", "k", "h2", 200, "{}", 6});
      return 0;
    }),
                    PgError);
  }
}
