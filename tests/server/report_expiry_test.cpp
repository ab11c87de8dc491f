// The daily report's expired points (domain/account_service.h expired_between): read from the
// member's account when the member has no entry since the day began, else from a replay of the
// ledger; both answers must equal the core's reference replay (points::expired_at_instants).
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "clinic/points/account_host.h"
#include "domain/account_service.h"
#include "domain/ledger_service.h"
#include "store/store.h"
#include "test_support.h"

using namespace clinic::server;
using boost::json::object;

namespace {

constexpr int64_t kJan1 = 1'767'225'600'000;  // 2026-01-01T00:00Z
constexpr int64_t kHour = 3'600'000;

std::string demo_rules() {
  std::ifstream in(std::string(CLINIC_SOURCE_DIR) + "/core/rules/demo-clinic-rules.json");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("report expiry: the account answers as the ledger replay does, on every day") {
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{dir + "/t.db", "FULL", 2, 512}, vault, kJan1);
  int64_t clinic = 0, member = 0;
  store.write([&](Repos& r) {
    int64_t org = r.create_org("o", 1);
    clinic = r.create_clinic(org, "c", 480, 1);
    RuleVersion v = r.add_rule_version(clinic, kPointsRulesKind, demo_rules(), std::nullopt, 1);
    r.activate_rule_version(clinic, kPointsRulesKind, v.version);
    member = r.upsert_member_login(org, "openid-1", std::nullopt, "sk", 1).member.id;
  });
  // Five months of check-ins and self tests, a redemption (it spends the oldest lots).
  int64_t last = 0;
  store.write([&](Repos& r) {
    auto event = [&](const std::string& id, const std::string& type, int64_t at) {
      apply_member_op(r, "points.apply", member, clinic,
                      object{{"event", object{{"id", id}, {"type", type}, {"at_ms", at}}}}, "en");
    };
    event("register", "register", kJan1 + 2 * kHour);
    event("profile_completed", "profile_completed", kJan1 + 3 * kHour);
    for (int day = 0; day < 150; ++day) {
      int64_t at = kJan1 + day * kDayMs + 4 * kHour;
      apply_member_op(r, "checkin.apply", member, clinic,
                      object{{"event", object{{"id", "checkin:" + std::to_string(day)}, {"at_ms", at}}}}, "en");
      if (day % 5 == 0) event("selftest:" + std::to_string(day), "self_test_completed", at + kHour);
      if (day == 120) {
        apply_member_op(
            r, "coupon.redeem", member, clinic,
            object{
                {"catalogue_id", "cash_10"}, {"redemption_id", "rd-" + std::to_string(day)}, {"at_ms", at + 2 * kHour}},
            "en");
      }
      last = at;
    }
  });
  store.read([&](Repos& r) {
    RuleVersion rules = active_points_rules(r, clinic);
    std::vector<std::string> texts;
    for (const LedgerEntry& e : r.ledger_entries(member, 0, 10'000)) texts.push_back(e.entry);
    REQUIRE(texts.size() > 100);
    int64_t clock = account_clock(load_history(r, member, rules, {}));
    CHECK(clock >= last);
    CHECK(clock < kJan1 + 150 * kDayMs);
    int64_t total = 0, from_account = 0;
    // Days from the first month to two years on: before the last entry (a replay), after it
    // (the account), and across the month ends where the credits expire.
    for (int64_t from = kJan1 - 16 * kHour; from < kJan1 + 730 * kDayMs; from += kDayMs) {
      auto ref = clinic::points::expired_at_instants(rules.document, texts, {from, from + kDayMs});
      REQUIRE(ref.ok());
      int64_t want = (*ref)[1] - (*ref)[0];
      CHECK(expired_between(r, member, rules, from, from + kDayMs) == want);
      total += want;
      if (from >= clock) from_account += want;
    }
    CHECK(total > 0);
    CHECK(from_account > 0);  // the account path saw expiries too
  });
}
