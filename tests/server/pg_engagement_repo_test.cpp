// EngagementRepo (engagement/engagement_repo.h) on PostgreSQL (engagement/pg_engagement_repo.h)
// against a real cluster (ctest server_pg_tests): templates, subscriptions, the outbox claimed
// by several instances at once, reviews, retention queries, cached QR images.
#include <doctest/doctest.h>

#include <mutex>
#include <set>
#include <thread>

#include "pg_support.h"

using namespace clinic::server;
using testing::PgFixture;
using testing::PgTestRepos;

namespace {

OutboxRow outbox_row(int64_t org, int64_t clinic, int64_t member, std::string kind, std::string cause, std::string key,
                     int64_t due) {
  OutboxRow row;
  row.org_id = org;
  row.clinic_id = clinic;
  row.member_id = member;
  row.kind = std::move(kind);
  row.cause = std::move(cause);
  row.dedupe_key = std::move(key);
  row.due_at_ms = due;
  row.created_at_ms = 1;
  return row;
}

}  // namespace

TEST_SUITE("pg engagement repo") {
  TEST_CASE("outbox: a claim takes a row once; a lost lease comes back; one accept is one message") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t member = f.write([&](PgTestRepos& r) {
      int64_t m = r.upsert_member_login(f.org, "openid-1", std::nullopt, "sk", 1).member.id;
      OutboxRow row = outbox_row(f.org, f.clinic, m, "visit_followup", "visit:1", "visit:1:followup", 1000);
      CHECK(r.engagement().enqueue(row));
      CHECK_FALSE(r.engagement().enqueue(row));
      r.engagement().record_subscription(m, "T", "accept", 1);
      return m;
    });
    CHECK(f.write([](PgTestRepos& r) { return r.engagement().claim_due(999, "a", 60'000, 10); }).empty());
    auto a = f.write([](PgTestRepos& r) { return r.engagement().claim_due(1000, "a", 60'000, 10); });
    auto b = f.write([](PgTestRepos& r) { return r.engagement().claim_due(1000, "b", 60'000, 10); });
    REQUIRE(a.size() == 1);
    CHECK(a[0].claim_token == "a");
    CHECK(a[0].template_id.empty());
    CHECK_FALSE(a[0].expires_at_ms);
    CHECK(b.empty());
    auto b2 = f.write([](PgTestRepos& r) { return r.engagement().claim_due(61'001, "b", 60'000, 10); });
    REQUIRE(b2.size() == 1);
    OutboxRow done = a[0];
    done.status = "sent";
    done.template_id = "T";
    CHECK_FALSE(f.write([&](PgTestRepos& r) { return r.engagement().finish(done, "a", 61'002); }));
    CHECK(f.write([&](PgTestRepos& r) { return r.engagement().reserve_subscription(member, "T", b2[0].id, 61'003); }));
    CHECK(f.write([&](PgTestRepos& r) { return r.engagement().reserve_subscription(member, "T", b2[0].id, 61'004); }));
    CHECK_FALSE(f.write([&](PgTestRepos& r) { return r.engagement().reserve_subscription(member, "T", 999, 61'005); }));
    CHECK(f.write([&](PgTestRepos& r) { return r.engagement().finish(done, "b", 61'006); }));
    auto rows = f.read([&](PgTestRepos& r) { return r.engagement().outbox_of_clinic(f.clinic, false, 10); });
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].status == "sent");
    CHECK(rows[0].template_id == "T");
    CHECK(f.write([](PgTestRepos& r) { return r.engagement().claim_due(999'999, "c", 60'000, 10); }).empty());
  }

  TEST_CASE("outbox: four instances claiming 40 rows at once take each row exactly once") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("m");
    f.write([&](PgTestRepos& r) {
      for (int i = 0; i < 40; ++i) {
        std::string n = std::to_string(i);
        r.engagement().enqueue(outbox_row(f.org, f.clinic, m, "visit_followup", "visit:" + n, "k" + n, 10 + i));
      }
      return 0;
    });
    std::mutex mu;
    std::multiset<int64_t> claimed;
    std::vector<std::thread> instances;
    for (int t = 0; t < 4; ++t) {
      instances.emplace_back([&, t] {
        // A fresh token per claim (as the scheduler's ticks use): claim_due answers the rows of its token.
        for (int n = 0;; ++n) {
          auto got = f.write([&](PgTestRepos& r) {
            return r.engagement().claim_due(1000, "inst" + std::to_string(t) + "-" + std::to_string(n), 60'000, 3);
          });
          if (got.empty()) return;
          std::lock_guard<std::mutex> lock(mu);
          for (const OutboxRow& o : got) claimed.insert(o.id);
        }
      });
    }
    for (auto& t : instances) t.join();
    CHECK(claimed.size() == 40);
    CHECK(std::set<int64_t>(claimed.begin(), claimed.end()).size() == 40);
  }

  TEST_CASE("templates, subscriptions (a ban voids accepts), cancel by cause, erasure") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m = f.member("m");
    f.write([&](PgTestRepos& r) {
      r.engagement().save_template_document(f.org, "{\"a\":1}", 1);
      r.engagement().save_template_document(f.org, "{\"a\":2}", 2);
      auto& e = r.engagement();
      e.record_subscription(m, "T1", "accept", 1);
      e.record_subscription(m, "T1", "accept", 2);
      e.record_subscription(m, "T2", "accept", 3);
      e.record_subscription(m, "T2", "ban", 4);
      e.enqueue(outbox_row(f.org, f.clinic, m, "appointment_reminder", "booking:1", "b1:day", 100));
      e.enqueue(outbox_row(f.org, f.clinic, m, "appointment_reminder", "booking:1", "b1:hour", 200));
      e.save_invite_qr(m, "scene", std::string("\x89PNG\0\x01", 6), 1);
      e.save_invite_qr(m, "scene2", "other", 2);  // kept: the first one stays
      e.save_clinic_poster(f.clinic, "s", std::string("\0\xff", 2), 1);
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().template_document(f.org); }) == "{\"a\":2}");
    CHECK(f.read([](PgTestRepos& r) { return r.engagement().template_documents(); }).size() == 1);
    auto subs = f.read([&](PgTestRepos& r) { return r.engagement().subscriptions_of(m); });
    REQUIRE(subs.size() == 2);
    CHECK(subs[0].template_id == "T1");
    CHECK(subs[0].unused_accepts == 2);
    CHECK(subs[0].last_result == "accept");
    CHECK(subs[1].unused_accepts == 0);
    CHECK(subs[1].last_result == "ban");
    CHECK(subs[1].last_at_ms == 4);
    CHECK(f.write([](PgTestRepos& r) { return r.engagement().cancel_by_cause("booking:1", "cancelled", 5); }) == 2);
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().outbox_of_member(m); })[0].status == "cancelled");
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().invite_qr(m); }) == std::string("\x89PNG\0\x01", 6));
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().clinic_poster(f.clinic); }) == std::string("\0\xff", 2));
    f.write([&](PgTestRepos& r) {
      r.engagement().erase_member(m);
      return 0;
    });
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().outbox_of_member(m); }).empty());
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().subscriptions_of(m); }).empty());
    CHECK_FALSE(f.read([&](PgTestRepos& r) { return r.engagement().invite_qr(m); }));
  }

  TEST_CASE("reviews, review groups, the doctor of a visit, retention and follow-ups") {
    PgFixture f;
    REQUIRE_PG(f);
    int64_t m =
        f.write([&](PgTestRepos& r) { return r.upsert_member_login(f.org, "m", std::nullopt, "sk", 500).member.id; });
    auto [dep, doc, visit_id] = f.write([&](PgTestRepos& r) {
      int64_t dep = r.create_department({0, f.clinic, "gp", "全科", "GP"});
      int64_t doc = r.create_doctor({0, f.clinic, dep, "王", ""});
      int64_t slot = r.create_slot({0, f.clinic, doc, 1000, 2000, 3, 0});
      int64_t booking = r.book_slot(slot, m, 900);
      r.set_booking_status(booking, "checked_in");
      VisitRow v;
      v.clinic_id = f.clinic;
      v.member_id = m;
      v.visit_ref = "R1";
      v.event_id = "visit:R1";
      v.status = "confirmed";
      v.cart = "[]";
      v.priced = "{}";
      v.at_ms = 1500;
      int64_t vid = r.insert_visit(v);
      LedgerEntry e;
      e.member_id = m;
      e.clinic_id = f.clinic;
      e.event_id = "checkin:d1";
      e.kind = "earn";
      e.points = 1;
      e.at_ms = 1600;
      e.entry = "{}";
      r.append_ledger(e);
      auto& en = r.engagement();
      OutboxRow appt =
          outbox_row(f.org, f.clinic, m, "appointment_reminder", "booking:" + std::to_string(booking), "a1", 10);
      OutboxRow follow = outbox_row(f.org, f.clinic, m, "visit_followup", "visit:" + std::to_string(vid), "f1", 10);
      OutboxRow pts = outbox_row(f.org, f.clinic, m, "points_expiring", "points:1", "p1", 10);
      for (OutboxRow* o : {&appt, &follow, &pts}) en.enqueue(*o);
      for (OutboxRow o : en.claim_due(10, "t", 1000, 10)) {
        o.status = "sent";
        en.finish(o, "t", 10);
      }
      return std::tuple{dep, doc, vid};
    });
    auto doctor = f.read([&](PgTestRepos& r) { return r.engagement().doctor_of_visit(f.clinic, m, 0, 5000); });
    REQUIRE(doctor);
    CHECK(doctor->first == doc);
    CHECK(doctor->second == dep);
    ReviewRow rv;
    rv.visit_id = visit_id;
    rv.member_id = m;
    rv.clinic_id = f.clinic;
    rv.doctor_id = doc;
    rv.department_id = dep;
    rv.stars = 4;
    rv.text = "好";
    rv.status = "held";
    rv.at_ms = 1700;
    int64_t rid = f.write([&](PgTestRepos& r) { return r.engagement().insert_review(rv); });
    f.write([&](PgTestRepos& r) {
      r.engagement().publish_review(rid, 5);
      return 0;
    });
    ReviewRow got = *f.read([&](PgTestRepos& r) { return r.engagement().review_by_id(rid); });
    CHECK(got.status == "published");
    CHECK(got.points == 5);
    CHECK(got.text == "好");
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().review_of_visit(visit_id); })->id == rid);
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().reviews_of_clinic(f.clinic, 10); }).size() == 1);
    auto by_doctor = f.read([&](PgTestRepos& r) { return r.engagement().review_groups(f.clinic, true); });
    REQUIRE(by_doctor.size() == 1);
    CHECK(by_doctor[0].count == 1);
    CHECK(by_doctor[0].stars_sum == 4);
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().review_groups(f.clinic, false); })[0].name == "全科 GP");
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().member_joins(f.org, 0); }).size() == 1);
    CHECK(f.read([&](PgTestRepos& r) { return r.engagement().member_activity(f.org, 0); }).size() == 2);
    auto since = f.read([&](PgTestRepos& r) { return r.engagement().member_activity(f.org, 1550); });
    REQUIRE(since.size() == 1);  // the check-in at 1600, not the visit at 1500
    CHECK(since[0] == std::pair<int64_t, int64_t>{m, 1600});
    auto follow = f.read([&](PgTestRepos& r) { return r.engagement().reminder_follow_ups(f.clinic); });
    REQUIRE(follow.size() == 4);
    CHECK(follow[0].kind == "appointment_reminder");
    CHECK(follow[0].sent == 1);
    CHECK(follow[0].followed == 1);  // checked in
    CHECK(follow[1].sent == 1);
    CHECK(follow[1].followed == 1);  // reviewed
    CHECK(follow[2].sent == 0);
    CHECK(follow[3].sent == 1);
    CHECK(follow[3].followed == 0);
  }
}
