// The activity repositories (store/activity_repos.h) on PostgreSQL (store/pg_activity_repos.h) against a real
// cluster (ctest server_pg_tests): invites and bindings, coupons, visits, triage, bookings,
// the daily report, including what only concurrent writers can do.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "errors.h"
#include "pg_support.h"

using namespace clinic::server;
using testing::PgFixture;
using testing::PgTestRepos;

namespace {

std::string conflict_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code;
  }
  return "";
}

VisitRow visit(int64_t clinic, int64_t member, std::string ref, int64_t at_ms, int64_t fen) {
  VisitRow v;
  v.clinic_id = clinic;
  v.member_id = member;
  v.visit_ref = ref;
  v.event_id = "visit:" + ref;
  v.status = "confirmed";
  v.cart = "[]";
  v.priced = "{}";
  v.payable_fen = fen;
  v.points = fen / 100;
  v.at_ms = at_ms;
  return v;
}

LedgerEntry ledger(int64_t member, int64_t clinic, std::string event, std::string kind, int64_t points,
                   std::string json, int64_t at_ms) {
  LedgerEntry e;
  e.member_id = member;
  e.clinic_id = clinic;
  e.event_id = std::move(event);
  e.kind = std::move(kind);
  e.points = points;
  e.at_ms = at_ms;
  e.entry = std::move(json);
  return e;
}

}  // namespace

TEST_SUITE("pg domain repos") {
  TEST_CASE("invites and bindings: one inviter per invitee; the job goes on after the conflict") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t a = f.member("a"), b = f.member("b");
    f.write([&](PgTestRepos& r) {
      r.save_invite_code("CODEA", a, 1);
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.invite_code_of(a); }) == "CODEA");
    CHECK(f.read([&](PgTestRepos& r) { return r.member_by_invite_code("CODEA"); }) == a);
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.member_by_invite_code("NONE"); }));
    f.write([&](PgTestRepos& r) {
      r.insert_binding({b, a, "camp", "{}", 5});
      return 0;
    });
    // A conflict inside a job that catches it and carries on (the transaction is not aborted).
    std::string code = f.write([&](PgTestRepos& r) {
      std::string c;
      try {
        r.insert_binding({b, a, "camp", "{}", 6});
      } catch (const ApiError& e) {
        c = e.code;
      }
      r.save_invite_code("CODEB", b, 7);
      return c;
    });
    CHECK(code == "conflict");
    CHECK(f.read([&](PgTestRepos& r) { return r.invite_code_of(b); }) == "CODEB");
    CHECK(f.read([&](PgTestRepos& r) { return r.binding_of(b); })->bound_at_ms == 5);
    CHECK(f.read([&](PgTestRepos& r) { return r.bindings_by_inviter(a); }).size() == 1);
    // Campaign budget used: credit_fen of its entries plus rebate/reverse points.
    f.write([&](PgTestRepos& r) {
      r.append_ledger(ledger(a, f.clinic, "reb:1", "rebate", 0, R"({"campaign_id":"camp","credit_fen":500})", 10));
      r.append_ledger(ledger(a, f.clinic, "reb:2", "rebate", 30, R"({"campaign_id":"camp"})", 11));
      r.append_ledger(ledger(a, f.clinic, "reb:3", "reverse", -10, R"({"campaign_id":"camp"})", 12));
      r.append_ledger(ledger(a, f.clinic, "other", "earn", 99, R"({"campaign_id":"x"})", 13));
      return 0;
    });
    CHECK(f.read([](PgTestRepos& r) { return r.campaign_used("camp"); }) == 520);
  }

  TEST_CASE("coupons: issue, list, use") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("m");
    f.write([&](PgTestRepos& r) {
      r.insert_coupon({"C2", m, f.clinic, "cat", "{}", "issued", std::nullopt, 20, std::nullopt});
      r.insert_coupon({"C1", m, f.clinic, "cat", "{}", "issued", std::nullopt, 10, std::nullopt});
      return 0;
    });
    auto list = f.read([&](PgTestRepos& r) { return r.coupons_of(m); });
    REQUIRE(list.size() == 2);
    CHECK(list[0].code == "C1");
    f.write([&](PgTestRepos& r) {
      r.set_coupon_status("C1", "used", 42, 30);
      return 0;
    });
    CouponRow c = *f.read([](PgTestRepos& r) { return r.coupon_by_code("C1"); });
    CHECK(c.status == "used");
    CHECK(c.visit_id == 42);
    CHECK(c.used_at_ms == 30);
    CHECK_FALSE(f.read([](PgTestRepos& r) { return r.coupon_by_code("C2"); })->visit_id);
  }

  TEST_CASE("visits: one per clinic and order number, even from two desks at once; refunds; triage") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("m");
    int64_t id = f.write([&](PgTestRepos& r) { return r.insert_visit(visit(f.clinic, m, "R1", 100, 5000)); });
    CHECK(conflict_code([&] {
            f.write([&](PgTestRepos& r) { return r.insert_visit(visit(f.clinic, m, "R1", 101, 1)); });
          }) == "conflict");
    std::atomic<int> ok{0}, conflicts{0};
    std::vector<std::thread> desks;
    for (int i = 0; i < 6; ++i) {
      desks.emplace_back([&] {
        if (conflict_code([&] {
              f.write([&](PgTestRepos& r) { return r.insert_visit(visit(f.clinic, m, "R2", 102, 3000)); });
            }) == "conflict")
          ++conflicts;
        else
          ++ok;
      });
    }
    for (auto& t : desks) t.join();
    CHECK(ok == 1);
    CHECK(conflicts == 5);
    VisitRow v = *f.read([&](PgTestRepos& r) { return r.visit_by_ref(f.clinic, "R1"); });
    CHECK(v.id == id);
    CHECK(v.payable_fen == 5000);
    CHECK_FALSE(v.inviter_id);
    CHECK(f.read([&](PgTestRepos& r) { return r.has_confirmed_paid_visit(m); }));
    f.write([&](PgTestRepos& r) {
      r.mark_visit_refunded(id, 200);
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.visit_by_id(id); })->refunded_at_ms == 200);
    CHECK(f.read([&](PgTestRepos& r) { return r.has_confirmed_paid_visit(m); }));  // the other one
    int64_t other = f.read([&](PgTestRepos& r) { return r.visit_by_ref(f.clinic, "R2"); })->id;
    f.write([&](PgTestRepos& r) {
      r.mark_visit_refunded(other, 201);
      return 0;
    });
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.has_confirmed_paid_visit(m); }));
    CHECK(f.read([&](PgTestRepos& r) { return r.visits_of(m); }).size() == 2);

    TriageRow t;
    t.member_id = m;
    t.at_ms = 5;
    t.complaint = "fever";
    t.level = "self_care";
    t.revision = 3;
    t.outcome = "{}";
    t.matched = false;
    t.phone_outcome = "{\"x\":1}";
    f.write([&](PgTestRepos& r) { return r.insert_triage(t); });
    t.matched = true;
    f.write([&](PgTestRepos& r) { return r.insert_triage(t); });
    CHECK(f.read([&](PgTestRepos& r) { return r.triage_count(m, false); }) == 2);
    CHECK(f.read([&](PgTestRepos& r) { return r.triage_count(m, true); }) == 1);
  }

  TEST_CASE("bookings: capacity holds with 10 members racing for 3 places; cancel frees one") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t slot = f.write([&](PgTestRepos& r) {
      int64_t dep = r.create_department({0, f.clinic, "gp", "全科", "GP"});
      int64_t doc = r.create_doctor({0, f.clinic, dep, "王", ""});
      return r.create_slot({0, f.clinic, doc, 1000, 2000, 3, 0});
    });
    std::vector<int64_t> members;
    for (int i = 0; i < 10; ++i) members.push_back(f.member("m" + std::to_string(i)));
    std::atomic<int> booked{0}, full{0};
    std::vector<std::thread> threads;
    for (int64_t m : members) {
      threads.emplace_back([&, m] {
        if (conflict_code([&] { f.write([&](PgTestRepos& r) { return r.book_slot(slot, m, 5); }); }) == "conflict")
          ++full;
        else
          ++booked;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(booked == 3);
    CHECK(full == 7);
    auto in_clinic = f.read([&](PgTestRepos& r) { return r.bookings_in_clinic(f.clinic, 0, 5000); });
    REQUIRE(in_clinic.size() == 3);
    CHECK(in_clinic[0].starts_at_ms == 1000);
    CHECK(f.read([&](PgTestRepos& r) { return r.slots(f.clinic, 0, 5000); })[0].booked == 3);
    int64_t booking = in_clinic[0].id;
    int64_t who = in_clinic[0].member_id;
    CHECK(conflict_code([&] { f.write([&](PgTestRepos& r) { return r.book_slot(slot, who, 6); }); }) == "conflict");
    f.write([&](PgTestRepos& r) {
      r.set_booking_status(booking, "cancelled");
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.slots(f.clinic, 0, 5000); })[0].booked == 2);
    CHECK(f.read([&](PgTestRepos& r) { return r.booking_by_id(booking); })->status == "cancelled");
    CHECK(f.read([&](PgTestRepos& r) { return r.bookings_of(who); }).size() == 1);
    CHECK(conflict_code([&] { f.write([&](PgTestRepos& r) { return r.book_slot(999, who, 6); }); }) == "not_found");
  }

  TEST_CASE("daily report and active members") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t a = f.member("a"), b = f.member("b");
    f.write([&](PgTestRepos& r) {
      VisitRow v = visit(f.clinic, a, "R1", 100, 5000);
      v.inviter_id = b;
      v.rebate = 300;
      r.insert_visit(v);
      int64_t refunded = r.insert_visit(visit(f.clinic, a, "R2", 110, 2000));
      r.mark_visit_refunded(refunded, 120);
      r.insert_visit(visit(f.clinic, a, "R3", 9999, 7000));  // outside the day
      r.append_ledger(ledger(a, f.clinic, "e1", "earn", 50, R"({"event_type":"visit"})", 100));
      r.append_ledger(ledger(a, f.clinic, "c1", "earn", 5, R"({"event_type":"daily_checkin"})", 101));
      r.append_ledger(ledger(b, f.clinic, "c2", "earn", 5, R"({"event_type":"daily_checkin"})", 102));
      r.append_ledger(ledger(a, f.clinic, "s1", "spend", -20, "{}", 103));
      r.append_ledger(ledger(a, f.clinic, "r1", "reverse", -7, "{}", 104));
      r.append_ledger(ledger(b, f.clinic, "rb", "rebate", 10, R"({"credit_fen":300})", 105));
      r.insert_coupon({"C1", a, f.clinic, "cat", "{}", "used", 1, 100, 150});
      r.insert_coupon({"C2", a, f.clinic, "cat", "{}", "issued", std::nullopt, 160, std::nullopt});
      return 0;
    });
    DailyReport d = f.read([&](PgTestRepos& r) { return r.daily_report(f.clinic, 0, 1000); });
    CHECK(d.visits == 2);
    CHECK(d.refunds == 1);
    CHECK(d.payable_fen == 5000);
    CHECK(d.referral_conversions == 1);
    CHECK(d.points_issued == 70);
    CHECK(d.points_redeemed == 20);
    CHECK(d.points_expired_or_reversed == 7);
    CHECK(d.rebate_fen == 300);
    CHECK(d.rebate_points == 10);
    CHECK(d.checkins == 2);
    CHECK(d.coupons_redeemed == 2);
    CHECK(d.coupons_used == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.active_members(f.clinic, 104); }) == std::vector<int64_t>{a, b});
    CHECK(f.read([&](PgTestRepos& r) { return r.active_members(f.clinic, 105); }) == std::vector<int64_t>{b});
  }
}
