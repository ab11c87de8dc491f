// Ledger replay edge cases the property tests reach only by chance.
#include <doctest/doctest.h>

#include "clinic/civil_time.h"
#include "clinic/points/ledger.h"
#include "clinic/points/tiers.h"

using namespace clinic;
using namespace clinic::points;

namespace {

constexpr int64_t kDay = civil::kMsPerDay;
constexpr int64_t kT0 = 1769875200000;  // 2026-02-01 00:00 +08:00 (UTC Jan 31 16:00)

Entry earn(const std::string& id, int64_t points, int64_t at, int64_t expires = 0, int64_t available = 0) {
  Entry e;
  e.id = id + "#1";
  e.event_id = id;
  e.kind = EntryKind::earn;
  e.event_type = "review";
  e.points = points;
  e.at_ms = at;
  e.expires_at_ms = expires;
  e.available_at_ms = available;
  return e;
}

Entry spend(const std::string& id, int64_t points, int64_t at) {
  Entry e = earn(id, -points, at);
  e.kind = EntryKind::spend;
  e.event_type = "coupon";
  return e;
}

Entry reverse(const std::string& id, const Entry& target, int64_t at) {
  Entry e;
  e.id = id + "#1";
  e.event_id = id;
  e.kind = EntryKind::reverse;
  e.event_type = target.event_type;
  e.points = -target.points;
  e.at_ms = at;
  e.reverses = target.id;
  return e;
}

int64_t sum(const std::vector<Entry>& l) {
  int64_t s = 0;
  for (const Entry& e : l) s += e.points;
  return s;
}

}  // namespace

TEST_CASE("a spend refunded after its credit expired gives back nothing spendable") {
  Entry a = earn("a", 100, kT0, kT0 + 10 * kDay);
  Entry s = spend("s", 60, kT0 + kDay);
  std::vector<Entry> l{a, s, reverse("r", s, kT0 + 20 * kDay)};
  Balance b = replay(l, kT0 + 20 * kDay);
  CHECK(b.available == 0);
  CHECK(b.expired == 100);
  CHECK(sum(l) == b.available + b.pending + b.expired);
}

TEST_CASE("a spend refunded before expiry goes back to the same credit, with its expiry") {
  Entry a = earn("a", 100, kT0, kT0 + 10 * kDay);
  Entry b2 = earn("b", 100, kT0, kT0 + 100 * kDay);
  Entry s = spend("s", 60, kT0 + kDay);
  std::vector<Entry> l{a, b2, s, reverse("r", s, kT0 + 2 * kDay)};
  CHECK(replay(l, kT0 + 2 * kDay).available == 200);
  Balance later = replay(l, kT0 + 10 * kDay);
  CHECK(later.available == 100);
  CHECK(later.expired == 100);
}

TEST_CASE("debt waits for pending credit to become available") {
  Entry a = earn("a", 100, kT0);
  Entry s = spend("s", 100, kT0 + kDay);
  Entry v = earn("v", 80, kT0, 0, kT0 + 7 * kDay);  // pending visit points
  // A credit that was spent, then reversed, leaves a debt.
  std::vector<Entry> l{a, s, reverse("r", a, kT0 + 2 * kDay), v};
  Balance before = replay(l, kT0 + 3 * kDay);
  CHECK(before.debt == 100);
  CHECK(before.available == -100);
  CHECK(before.pending == 80);
  Balance after = replay(l, kT0 + 7 * kDay);
  CHECK(after.debt == 20);
  CHECK(after.available == -20);
  CHECK(after.pending == 0);
  CHECK(sum(l) == after.available + after.pending + after.expired);
}

TEST_CASE("reversing a partly expired credit owes only what was spent") {
  Entry a = earn("a", 100, kT0, kT0 + 10 * kDay);
  Entry s = spend("s", 30, kT0 + kDay);
  std::vector<Entry> l{a, s, reverse("r", a, kT0 + 20 * kDay)};
  Balance b = replay(l, kT0 + 20 * kDay);
  CHECK(b.debt == 30);
  CHECK(b.available == -30);
  CHECK(b.expired == 0);  // the expired 70 were undone with the credit
  CHECK(sum(l) == b.available + b.pending + b.expired);
}

TEST_CASE("entries dated after now are not in the balance yet") {
  std::vector<Entry> l{earn("a", 100, kT0), earn("b", 50, kT0 + kDay)};
  CHECK(replay(l, kT0).available == 100);
  CHECK(replay(l, kT0 + kDay).available == 150);
}

TEST_CASE("expiry follows the local calendar: UTC 15:59 vs 16:00 at +08:00") {
  Rules rules;
  rules.expiry.kind = ExpiryKind::end_of_month_after;
  rules.expiry.months = 12;
  // Local 2026-01-31 23:59:59.999 -> expires at the end of 2027-01; local 2026-02-01 -> end of 2027-02.
  CHECK(expiry_for(rules, kT0 - 1) == 1801411200000);  // 2027-02-01 00:00 +08:00
  CHECK(expiry_for(rules, kT0) == 1803830400000);      // 2027-03-01 00:00 +08:00
  rules.utc_offset_min = 0;
  CHECK(expiry_for(rules, kT0 - 1) == 1801440000000);  // 2027-02-01 00:00 UTC: Jan 31 in UTC as well
  rules.expiry.kind = ExpiryKind::days;
  rules.expiry.days = 1;
  CHECK(expiry_for(rules, kT0) == kT0 + 2 * kDay - 16 * 3600000);  // UTC day of Jan 31, +1 day, at UTC midnight
}

TEST_CASE("tiers: upgrade at once, downgrade only at an evaluation") {
  Rules rules;
  rules.tiers.window_days = 30;
  rules.tiers.evaluation_months = 1;
  rules.tiers.levels = {Tier{"standard", "普通", "Standard", 0, 10000, {}},
                        Tier{"silver", "银", "Silver", 100, 11000, {}}};
  std::vector<Entry> l{earn("a", 60, kT0 + 2 * kDay), earn("b", 60, kT0 + 3 * kDay)};
  CHECK(tier_at(rules, l, kT0 + 2 * kDay).index == 0);
  CHECK(tier_at(rules, l, kT0 + 3 * kDay).index == 1);               // crossed 100: at once
  CHECK(tier_at(rules, l, kT0 + 27 * kDay).index == 1);              // 2026-02-28: still silver
  CHECK(tier_at(rules, l, kT0 + 28 * kDay - 1).index == 1);          // last ms of February
  CHECK(tier_at(rules, l, kT0 + 28 * kDay).index == 1);              // March 1 evaluation: window still has 120
  CHECK(tier_at(rules, l, kT0 + 28 * kDay + 31 * kDay).index == 0);  // April 1 evaluation: window empty
  // A refund lowers the window but not the tier until the next evaluation.
  l.push_back(reverse("r", l[1], kT0 + 4 * kDay));
  CHECK(tier_at(rules, l, kT0 + 5 * kDay).index == 1);
  CHECK(tier_at(rules, l, kT0 + 28 * kDay).index == 0);
}
