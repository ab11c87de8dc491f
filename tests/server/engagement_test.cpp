// Issue 19's pure parts: template documents (validation with JSON paths, rendering,
// quiet hours), the reminder times (local_time_text) and the retention table.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "clinic/civil_time.h"
#include "engagement/reminders.h"
#include "engagement/retention.h"
#include "engagement/templates.h"
#include "errors.h"
#include "store/store.h"
#include "test_support.h"

using namespace clinic::server;

namespace {

std::string path_of_error(const std::string& doc) {
  try {
    parse_template_config(doc);
  } catch (const ApiError& e) {
    CHECK(e.code == "invalid_rules");
    return e.field;
  }
  return "(accepted)";
}

const char* kOne =
    R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"T-1","page":"pages/review/review?visit_id={visit_id}","fields":{"thing1":"clinic_name","date2":"visit_date"}}]})";

// A follow-up message for `member` caused by visit `visit`, due at `due_at_ms`.
OutboxRow due_followup(int64_t org, int64_t clinic, int64_t member, int visit, int64_t due_at_ms) {
  OutboxRow row;
  row.org_id = org;
  row.clinic_id = clinic;
  row.member_id = member;
  row.kind = "visit_followup";
  row.cause = "visit:" + std::to_string(visit);
  row.dedupe_key = row.cause + ":followup";
  row.due_at_ms = due_at_ms;
  row.created_at_ms = 1;
  return row;
}

}  // namespace

TEST_CASE("the demo template document is valid and maps every kind once") {
  TemplateConfig c = parse_template_config(demo_template_document());
  CHECK(c.templates.size() == message_kinds().size());
  for (const MessageKind& k : message_kinds()) CHECK_MESSAGE(c.for_kind(k.kind), k.kind);
  CHECK(c.quiet_from_min == 21 * 60 + 30);
  CHECK(c.quiet_to_min == 8 * 60);
}

TEST_CASE("template errors name their JSON path") {
  CHECK(path_of_error(kOne) == "(accepted)");
  CHECK(path_of_error("[]") == "$");
  CHECK(path_of_error(R"({"version":2,"templates":[]})") == "$.version");
  CHECK(path_of_error(R"({"version":1,"templates":[],"extra":1})") == "$.extra");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"nope","template_id":"a","page":"pages/x","fields":{"thing1":"note"}}]})") ==
      "$.templates[0].kind");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a b","page":"pages/x","fields":{"thing1":"note"}}]})") ==
      "$.templates[0].template_id");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a","page":"/x","fields":{"thing1":"note"}}]})") ==
      "$.templates[0].page");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a","page":"pages/x?c={coupon_code}","fields":{"thing1":"note"}}]})") ==
      "$.templates[0].page");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a","page":"pages/x","fields":{"Thing1":"note"}}]})") ==
      "$.templates[0].fields.Thing1");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a","page":"pages/x","fields":{"thing1":"points"}}]})") ==
      "$.templates[0].fields.thing1");
  CHECK(
      path_of_error(
          R"({"version":1,"templates":[{"kind":"visit_followup","template_id":"a","page":"pages/x","fields":{"thing1":"note"}},{"kind":"visit_followup","template_id":"b","page":"pages/x","fields":{"thing1":"note"}}]})") ==
      "$.templates[1].kind");
  CHECK(path_of_error(R"({"version":1,"quiet_hours":{"from":"21:30","to":"8:00"},"templates":[]})") ==
        "$.quiet_hours.to");
}

TEST_CASE("rendering: fields cut to WeChat's limits by character, pages filled") {
  TemplateConfig c = parse_template_config(kOne);
  const MessageTemplate& t = *c.for_kind("visit_followup");
  boost::json::object values{{"clinic_name", "城东诊所城东诊所城东诊所城东诊所城东诊所城东诊所"},
                             {"visit_date", "2026-12-02"},
                             {"visit_id", 42}};
  boost::json::object data = render_fields(t, values);
  CHECK(std::string(data["thing1"].as_object()["value"].as_string()) == "城东诊所城东诊所城东诊所城东诊所城东诊所");
  CHECK(std::string(data["date2"].as_object()["value"].as_string()) == "2026-12-02");
  CHECK(render_page(t, values) == "pages/review/review?visit_id=42");
}

TEST_CASE("quiet hours across midnight and within a day") {
  TemplateConfig c;  // 21:30–08:00
  CHECK(in_quiet_hours(c, 22 * 60));
  CHECK(in_quiet_hours(c, 7 * 60 + 59));
  CHECK_FALSE(in_quiet_hours(c, 8 * 60));
  CHECK_FALSE(in_quiet_hours(c, 20 * 60));
  c.quiet_from_min = 12 * 60;
  c.quiet_to_min = 14 * 60;
  CHECK(in_quiet_hours(c, 13 * 60));
  CHECK_FALSE(in_quiet_hours(c, 15 * 60));
}

TEST_CASE("reminder times are clinic-local") {
  int64_t noon_utc =
      clinic::civil::local_day_start_ms(clinic::civil::days_from_civil({2026, 12, 2}), 0) + 12 * 3'600'000LL;
  CHECK(local_time_text(noon_utc, 480) == "2026-12-02 20:00");
  CHECK(local_time_text(noon_utc, -300) == "2026-12-02 07:00");
}

TEST_CASE("retention: cohorts by joining month, active shares per later month, reminders followed") {
  auto at = [](int y, int m, int d) {
    return clinic::civil::local_day_start_ms(clinic::civil::days_from_civil({y, m, d}), 480) + 3'600'000;
  };
  RetentionInput in;
  in.now_ms = at(2026, 12, 15);
  in.months = 2;
  in.joins = {{1, at(2026, 11, 3)}, {2, at(2026, 11, 20)}, {3, at(2026, 12, 1)}, {4, at(2026, 10, 1)}};
  in.activity = {
      {1, at(2026, 11, 4)}, {1, at(2026, 12, 2)}, {1, at(2026, 12, 3)}, {2, at(2026, 12, 9)}, {4, at(2026, 12, 9)}};
  in.reminders = {{"visit_followup", 3, 1}};
  boost::json::object t = retention_table(in);
  auto& cohorts = t["cohorts"].as_array();
  REQUIRE(cohorts.size() == 2);
  auto& nov = cohorts[0].as_object();
  CHECK(nov["month"] == "2026-11");
  CHECK(nov["members"] == 2);
  CHECK(nov["active"].as_array()[0].as_object()["members"] == 1);  // member 1 in November
  CHECK(nov["active"].as_array()[1].as_object()["members"] == 2);  // 1 and 2 in December, each once
  CHECK(nov["active"].as_array()[1].as_object()["share_bp"] == 10000);
  auto& dec = cohorts[1].as_object();
  CHECK(dec["members"] == 1);
  CHECK(dec["active"].as_array()[0].as_object()["share_bp"] == 0);
  CHECK(t["reminders"].as_array()[0].as_object()["share_bp"] == 3333);
  CHECK(retention_from_ms(in.now_ms, 480, 1) == at(2026, 11, 1) - 3'600'000);
}

TEST_CASE("member activity: the organisation's check-ins since the date, by clinic and time") {
  // Read by ledger_clinic_at since migration 14 (no per-member time index on the ledger).
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{dir + "/a.db", "FULL", 2, 512}, vault, 1'700'000'000'000);
  auto [org, member] = store.write([&](Repos& r) {
    int64_t org = r.create_org("o", 1), other_org = r.create_org("p", 1);
    int64_t clinic = r.create_clinic(org, "c", 480, 1), other_clinic = r.create_clinic(other_org, "d", 480, 1);
    int64_t m = r.upsert_member_login(org, "openid-a", std::nullopt, "sk", 1).member.id;
    int64_t n = r.upsert_member_login(other_org, "openid-b", std::nullopt, "sk", 1).member.id;
    auto entry = [&](int64_t who, int64_t where, const std::string& event, int64_t at) {
      LedgerEntry e = testing::ledger_entry(who, where, event, 1);
      e.at_ms = at;
      r.append_ledger(e);
    };
    entry(m, clinic, "checkin:d1", 1000);        // before the date
    entry(m, clinic, "checkin:d2", 2000);        // counted
    entry(m, clinic, "visit:v1", 2100);          // not a check-in
    entry(n, other_clinic, "checkin:d2", 2200);  // another organisation
    return std::pair{org, m};
  });
  auto got = store.read([&, org = org](Repos& r) { return r.engagement().member_activity(org, 1500); });
  REQUIRE(got.size() == 1);
  CHECK(got[0] == std::pair<int64_t, int64_t>{member, 2000});
  CHECK(store.read([&, org = org](Repos& r) { return r.engagement().member_activity(org, 0); }).size() == 2);
}

TEST_CASE("outbox: a claim takes a row once; a lost lease comes back; one accept is one message") {
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{dir + "/e.db", "FULL", 2, 512}, vault, 1'700'000'000'000);
  int64_t member = store.write([&](Repos& r) {
    int64_t org = r.create_org("o", 1);
    int64_t clinic = r.create_clinic(org, "c", 480, 1);
    int64_t m = r.upsert_member_login(org, "openid-1", std::nullopt, "sk", 1).member.id;
    OutboxRow row = due_followup(org, clinic, m, 1, 1000);
    CHECK(r.engagement().enqueue(row));
    CHECK_FALSE(r.engagement().enqueue(row));  // the same cause and slot once
    r.engagement().record_subscription(m, "T", "accept", 1);
    return m;
  });
  // Not yet due; then two "instances" claim at once: one gets the row.
  CHECK(store.write([](Repos& r) { return r.engagement().claim_due(999, "a", 60'000, 10); }).empty());
  auto a = store.write([](Repos& r) { return r.engagement().claim_due(1000, "a", 60'000, 10); });
  auto b = store.write([](Repos& r) { return r.engagement().claim_due(1000, "b", 60'000, 10); });
  REQUIRE(a.size() == 1);
  CHECK(b.empty());
  // "a" dies; after its lease "b" takes the row, and a late answer from "a" changes nothing.
  auto b2 = store.write([](Repos& r) { return r.engagement().claim_due(61'001, "b", 60'000, 10); });
  REQUIRE(b2.size() == 1);
  OutboxRow done = a[0];
  done.status = "sent";
  CHECK_FALSE(store.write([&](Repos& r) { return r.engagement().finish(done, "a", 61'002); }));
  // The accept is reserved once, kept by its row on a retry, and not there for another row.
  CHECK(store.write([&](Repos& r) { return r.engagement().reserve_subscription(member, "T", b2[0].id, 61'003); }));
  CHECK(store.write([&](Repos& r) { return r.engagement().reserve_subscription(member, "T", b2[0].id, 61'004); }));
  CHECK_FALSE(store.write([&](Repos& r) { return r.engagement().reserve_subscription(member, "T", 999, 61'005); }));
  CHECK(store.write([&](Repos& r) { return r.engagement().finish(done, "b", 61'006); }));
  CHECK(store.read([](Repos& r) { return r.engagement().outbox_of_clinic(1, false, 10); })[0].status == "sent");
  CHECK(store.write([](Repos& r) { return r.engagement().claim_due(999'999, "c", 60'000, 10); }).empty());
}

TEST_CASE("outbox claims: earliest due first up to the limit, across due rows and lapsed claims") {
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{dir + "/e.db", "FULL", 2, 512}, vault, 1'700'000'000'000);
  store.write([&](Repos& r) {
    int64_t org = r.create_org("o", 1);
    int64_t clinic = r.create_clinic(org, "c", 480, 1);
    int64_t m = r.upsert_member_login(org, "openid-1", std::nullopt, "sk", 1).member.id;
    // due at 100, 200, …, 2,000 (a backlog), enqueued out of order
    for (int i : {20, 3, 1, 7, 2, 15, 4, 9, 5, 6, 8, 10, 11, 12, 13, 14, 16, 17, 18, 19}) {
      REQUIRE(r.engagement().enqueue(due_followup(org, clinic, m, i, i * 100)));
    }
  });
  auto due_of = [](const std::vector<OutboxRow>& rows) {
    std::vector<int64_t> out;
    for (const OutboxRow& o : rows) out.push_back(o.due_at_ms);
    std::sort(out.begin(), out.end());
    return out;
  };
  // "a" claims the three earliest and dies; its lease lapses at 10,500.
  auto a = store.write([](Repos& r) { return r.engagement().claim_due(500, "a", 10'000, 3); });
  CHECK(due_of(a) == std::vector<int64_t>{100, 200, 300});
  auto b = store.write([](Repos& r) { return r.engagement().claim_due(5'000, "b", 60'000, 4); });
  CHECK(due_of(b) == std::vector<int64_t>{400, 500, 600, 700});
  // After the lapse, the lapsed claims (due earliest) come before the rest of the backlog.
  auto c = store.write([](Repos& r) { return r.engagement().claim_due(10'501, "c", 60'000, 5); });
  CHECK(due_of(c) == std::vector<int64_t>{100, 200, 300, 800, 900});
  auto d = store.write([](Repos& r) { return r.engagement().claim_due(10'502, "d", 60'000, 100); });
  CHECK(d.size() == 11);  // 1,000 … 2,000
  CHECK(due_of(d).front() == 1000);
}
