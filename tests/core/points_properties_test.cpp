// Property tests of the points and referral engines: seeded random event sequences
// (10,000 runs each) against the demo rule document. Seeds are fixed so a failure
// reproduces; the failing run's seed is printed.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "clinic/points/coupons.h"
#include "clinic/points/earning.h"
#include "clinic/points/ledger.h"
#include "clinic/points/pricing.h"
#include "clinic/referral/referral.h"
#include "points/codec.h"

using namespace clinic;
using namespace clinic::points;

namespace {

constexpr int kRuns = 10000;
constexpr int64_t kDay = civil::kMsPerDay;
constexpr int64_t kStart = 1767196800000;  // 2026-01-01 00:00 +08:00

struct Rng {  // splitmix64: tiny, seeded, identical everywhere
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
  bool chance(int pct) { return below(100) < pct; }
};

Rules load_demo() {
  std::ifstream in(std::string(CLINIC_VECTORS_DIR) + "/../../core/rules/demo-clinic-rules.json");
  std::stringstream ss;
  ss << in.rdbuf();
  boost::json::value doc = boost::json::parse(ss.str());
  ReadContext ctx;
  JsonReader r(&doc, "$", ctx);
  auto rules = codec::read_rules(r);
  REQUIRE(rules.ok());
  return *rules;
}

const Rules& demo() {
  static const Rules kRules = load_demo();
  return kRules;
}

int64_t sum_points(const std::vector<Entry>& l) {
  int64_t s = 0;
  for (const Entry& e : l) s += e.points;
  return s;
}

std::vector<CartItem> random_cart(Rng& rng) {
  static const char* kSkus[] = {"SVC-CONSULT", "SVC-BP", "SVC-CHECKUP", "OTC-VITC", "RX-AMOXICILLIN", "RX-METFORMIN"};
  std::vector<CartItem> items;
  for (int64_t n = 1 + rng.below(4); n > 0; --n) {
    CartItem it;
    int k = static_cast<int>(rng.below(6));
    it.sku = kSkus[k];
    it.rx = k >= 4;
    it.amount_fen = 1 + rng.below(rng.chance(30) ? 200 : 60000);
    it.qty = 1 + rng.below(3);
    items.push_back(it);
  }
  return items;
}

struct Member {
  std::vector<Entry> ledger;
  std::vector<std::string> visits, redemptions;
  int64_t clock = kStart;
  int next_id = 0;
  std::string id(const char* prefix) { return std::string(prefix) + std::to_string(next_id++); }
  void append(const std::vector<Entry>& es) { ledger.insert(ledger.end(), es.begin(), es.end()); }
};

Balance check_conservation(const std::vector<Entry>& ledger, int64_t now) {
  Balance b = replay(ledger, now);
  CHECK(sum_points(ledger) == b.available + b.pending + b.expired);
  CHECK(b.debt >= 0);
  CHECK(b.pending >= 0);
  CHECK(b.expired >= 0);
  return b;
}

}  // namespace

TEST_CASE("property: ledger sequences (balance == replay, idempotency, refunds, caps, rx)") {
  const Rules& rules = demo();
  int64_t ops_run = 0, runs_with_debt = 0, runs_with_expiry = 0;
  for (int run = 0; run < kRuns; ++run) {
    Rng rng{static_cast<uint64_t>(run) * 7919 + 1};
    CAPTURE(run);
    Member m;
    std::vector<std::pair<size_t, int64_t>> checkpoints;  // (ledger size, time)
    bool ever_debt = false;
    for (int step = 0, steps = 6 + static_cast<int>(rng.below(14)); step < steps; ++step) {
      // Time moves by seconds, around local midnight, or by weeks/months.
      int64_t jump = rng.chance(50)   ? rng.below(3 * kDay)
                     : rng.chance(50) ? rng.below(60 * kDay)
                                      : rng.below(400 * kDay);
      m.clock += jump;
      int64_t t = m.clock;
      int kind = static_cast<int>(rng.below(11));
      ++ops_run;
      if (kind == 10) {
        // The reported bug: a visit's points are spent, then the visit is refunded.
        Event ev;
        ev.id = m.id("bigvisit");
        ev.type = EventType::visit_completed;
        ev.at_ms = t;
        ev.items = {CartItem{"SVC-CHECKUP", "", 30000 + rng.below(200000), 1, false}};
        auto r = earn(rules, m.ledger, ev);
        REQUIRE(r.ok());
        m.append(r->entries);
        int64_t later = t + (rules.visit_pending_days + 1) * kDay + rng.below(kDay);
        auto spent = redeem(rules, m.ledger, "pct_15", m.id("r"), later);
        if (spent.ok()) m.append(spent->entries);
        Balance before = replay(m.ledger, later);
        auto rev = reverse_event(rules, m.ledger, m.id("refund"), ev.id, later);
        REQUIRE(rev.ok());
        m.append(*rev);
        Balance after = replay(m.ledger, later);
        // Exactly the visit's points are taken back: from what is left, the rest as debt.
        CHECK(before.available - after.available == r->points);
        m.clock = later;
      } else if (kind <= 4) {
        Event ev;
        ev.id = m.id("e");
        ev.at_ms = t;
        static const EventType kTypes[] = {EventType::register_member, EventType::daily_checkin,
                                           EventType::self_test_completed, EventType::visit_completed,
                                           EventType::review};
        ev.type = kTypes[kind];
        if (ev.type == EventType::visit_completed) ev.items = random_cart(rng);
        Balance before = replay(m.ledger, t);
        auto r = earn(rules, m.ledger, ev);
        REQUIRE(r.ok());
        for (const Entry& e : r->entries) {
          CHECK(e.rule_version == rules.version);
          CHECK(e.event_id == ev.id);
        }
        if (ev.type == EventType::visit_completed) {
          // rx never earns: points come from the non-rx amount only (max multiplier 1.25x).
          int64_t non_rx = 0;
          for (const CartItem& it : ev.items) non_rx += it.rx ? 0 : it.amount_fen * it.qty;
          CHECK(r->points <= (non_rx / 100) * 12500 / 10000);
          CHECK(r->eligible_fen == non_rx);
        }
        std::vector<Entry> with = m.ledger;
        with.insert(with.end(), r->entries.begin(), r->entries.end());
        // Applying the same event again creates nothing.
        auto again = earn(rules, with, ev);
        REQUIRE(again.ok());
        CHECK((again->duplicate || (r->entries.empty() && again->already_checked_in)));
        CHECK(again->entries.empty());
        // A double tap (another id, same local day) never double-credits a check-in.
        if (ev.type == EventType::daily_checkin) {
          Event tap = ev;
          tap.id = m.id("tap");
          tap.at_ms = t + rng.below(1000);
          if (civil::local_day(tap.at_ms, 480) == civil::local_day(t, 480)) {
            auto tapped = earn(rules, with, tap);
            REQUIRE(tapped.ok());
            CHECK(tapped->entries.empty());
          }
        }
        if (ev.type == EventType::visit_completed && rng.chance(40)) {
          // Visit then refund at the same instant == before.
          auto rev = reverse_event(rules, with, m.id("refund"), ev.id, t);
          REQUIRE(rev.ok());
          std::vector<Entry> refunded = with;
          refunded.insert(refunded.end(), rev->begin(), rev->end());
          Balance after = replay(refunded, t);
          CHECK(after.available == before.available);
          CHECK(after.pending == before.pending);
          CHECK(after.debt == before.debt);
          CHECK(after.expired == before.expired);
          m.ledger = refunded;
          continue;
        }
        m.ledger = with;
        if (ev.type == EventType::visit_completed) m.visits.push_back(ev.id);
      } else if (kind <= 6) {
        const CatalogueItem& item = rules.catalogue[rng.below(static_cast<int64_t>(rules.catalogue.size()))];
        Balance before = replay(m.ledger, t);
        std::string rid = m.id("r");
        auto r = redeem(rules, m.ledger, item.id, rid, t);
        if (!r.ok()) {
          CHECK((r.error().code == ErrorCode::insufficient_points || r.error().code == ErrorCode::forbidden));
          continue;
        }
        CHECK(before.available >= item.price_points);
        m.append(r->entries);
        CHECK(replay(m.ledger, t).available == before.available - item.price_points);
        if (rng.chance(50)) {
          // Redeem -> refund never creates points.
          int64_t later = t + (rng.chance(50) ? 0 : rng.below(500 * kDay));
          auto rev = reverse_event(rules, m.ledger, m.id("rr"), rid, later);
          REQUIRE(rev.ok());
          Balance no_cycle = replay(std::vector<Entry>(m.ledger.begin(), m.ledger.end() - 1), later);
          m.append(*rev);
          Balance cycled = replay(m.ledger, later);
          CHECK(cycled.available <= no_cycle.available);
          if (later == t) CHECK(cycled.available == before.available);
          m.clock = later;
        } else {
          m.redemptions.push_back(rid);
        }
      } else if (kind == 7 && !m.visits.empty()) {
        // Refund a past visit, possibly after its points were spent: debt, never lost.
        size_t k = static_cast<size_t>(rng.below(static_cast<int64_t>(m.visits.size())));
        std::string target = m.visits[k];
        m.visits.erase(m.visits.begin() + static_cast<long>(k));
        auto rev = reverse_event(rules, m.ledger, m.id("refund"), target, t);
        REQUIRE(rev.ok());
        m.append(*rev);
        auto twice = reverse_event(rules, m.ledger, m.id("refund"), target, t);
        CHECK_FALSE(twice.ok());
      } else if (!m.redemptions.empty()) {
        std::string target = m.redemptions.back();
        m.redemptions.pop_back();
        Balance before = replay(m.ledger, t);
        auto rev = reverse_event(rules, m.ledger, m.id("rr"), target, t);
        REQUIRE(rev.ok());
        m.append(*rev);
        Balance after = replay(m.ledger, t);
        int64_t restored = 0;
        for (const Entry& e : *rev) restored += e.points;
        CHECK(after.available + after.expired - before.available - before.expired == restored);
      }
      ever_debt = check_conservation(m.ledger, m.clock).debt > 0 || ever_debt;
      checkpoints.emplace_back(m.ledger.size(), m.clock);
    }
    Balance final_balance = replay(m.ledger, m.clock);
    runs_with_debt += ever_debt ? 1 : 0;
    runs_with_expiry += final_balance.expired > 0 ? 1 : 0;
    // Stored balance == replay: the balance at each checkpoint, replayed from the full
    // final ledger, equals the one computed when only that prefix existed.
    for (const auto& [size, when] : checkpoints) {
      std::vector<Entry> prefix(m.ledger.begin(), m.ledger.begin() + static_cast<long>(size));
      Balance a = replay(prefix, when), b = replay(m.ledger, when);
      CHECK(a.available == b.available);
      CHECK(a.pending == b.pending);
      CHECK(a.expired == b.expired);
    }
    // Caps: per local day and month, per event type, never exceeded.
    std::map<std::pair<std::string, int64_t>, int64_t> per_day, per_month;
    for (const Entry& e : m.ledger) {
      if (e.kind != EntryKind::earn || is_reversed(m.ledger, e.id)) continue;
      per_day[{e.event_type, civil::local_day(e.at_ms, 480)}] += e.points;
      per_month[{e.event_type, civil::month_index(civil::local_date(e.at_ms, 480))}] += e.points;
    }
    for (const EarnRule& rule : rules.earning) {
      std::string type(event_type_name(rule.event));
      for (const auto& [k, v] : per_day) {
        if (k.first == type && rule.per_day_cap > 0) CHECK(v <= rule.per_day_cap);
      }
      for (const auto& [k, v] : per_month) {
        if (k.first == type && rule.per_month_cap > 0) CHECK(v <= rule.per_month_cap);
      }
    }
  }
  MESSAGE("ledger property runs: " << kRuns << ", operations: " << ops_run << ", reaching debt: " << runs_with_debt
                                   << ", with expired points: " << runs_with_expiry);
  // The generator must reach the hard states, not just the happy path.
  CHECK(runs_with_debt > 1000);
  CHECK(runs_with_expiry > 1000);
}

TEST_CASE("property: pricing conserves money to the fen and never touches rx lines") {
  const Rules& rules = demo();
  for (int run = 0; run < kRuns; ++run) {
    Rng rng{static_cast<uint64_t>(run) * 104729 + 3};
    CAPTURE(run);
    std::vector<CartItem> items = random_cart(rng);
    std::vector<IssuedCoupon> coupons;
    if (rng.chance(60)) {
      const CatalogueItem& item = rules.catalogue[rng.below(static_cast<int64_t>(rules.catalogue.size()))];
      coupons.push_back(issue(rules, item, "red" + std::to_string(run), kStart));
    }
    std::string invitee = rng.chance(40) ? rules.campaigns[rng.below(2)].id : "";
    auto v = price_visit(rules, items, coupons, invitee, kStart + rng.below(40 * kDay));
    REQUIRE(v.ok());
    int64_t total = 0, discount = 0, payable = 0, eligible = 0;
    for (const PricedLine& l : v->lines) {
      total += l.total_fen;
      discount += l.discount_fen;
      payable += l.payable_fen;
      CHECK(l.payable_fen >= 0);
      CHECK(l.discount_fen >= 0);
      CHECK(l.total_fen == l.discount_fen + l.payable_fen);
      if (l.item.rx) CHECK(l.discount_fen == 0);
      if (!l.item.rx) eligible += l.payable_fen;
    }
    int64_t applied = 0;
    for (const AppliedDiscount& d : v->discounts) applied += d.amount_fen;
    CHECK(total == v->total_fen);
    CHECK(discount == v->discount_fen);
    CHECK(discount == applied);
    CHECK(payable == v->payable_fen);
    CHECK(total == discount + payable);
    CHECK(eligible == v->eligible_paid_fen);
  }
}

TEST_CASE("property: referral rewards: one level, first visit, staff excluded, caps and budget hold") {
  const Rules& rules = demo();
  int64_t rewards = 0;
  for (int run = 0; run < kRuns; ++run) {
    Rng rng{static_cast<uint64_t>(run) * 15485863 + 5};
    CAPTURE(run);
    const Campaign& c = rules.campaigns[rng.below(2)];
    int64_t budget_used = rng.chance(20) ? c.budget - rng.below(3000) : rng.below(c.budget / 2);
    std::map<std::string, std::vector<Entry>> ledgers;
    std::set<std::string> rewarded_invitees;
    int64_t t = kStart;
    for (int step = 0, steps = 3 + static_cast<int>(rng.below(10)); step < steps; ++step) {
      t += rng.below(10 * kDay);
      std::string inviter = "m" + std::to_string(rng.below(3));
      std::string invitee = "f" + std::to_string(rng.below(8));
      // The invitee's own inviter (a second level) exists in the data but is never paid.
      std::string upline = "u" + std::to_string(rng.below(2));
      referral::SettleRequest req;
      req.binding = referral::Binding{invitee, inviter, c.id, rules.version, t - kDay, t - kDay, true, false};
      req.inviter = referral::Member{inviter, rng.chance(10)};
      req.inviter_ledger = ledgers[inviter];
      req.visit_event_id = "v" + std::to_string(step);
      req.visit_at_ms = t;
      req.paid_confirmed = !rng.chance(10);
      req.first_paid_visit = !rewarded_invitees.count(invitee);
      req.items = random_cart(rng);
      req.campaign_used = budget_used;
      int64_t month_before = referral::inviter_month_used(rules, ledgers[inviter], c.id, t);
      auto s = referral::settle(rules, req);
      if (!req.paid_confirmed) {
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::forbidden);
        continue;
      }
      if (!s.ok()) {
        CHECK(s.error().code == ErrorCode::limit_reached);
        continue;
      }
      CHECK(s->inviter_entries.size() <= 2);  // the campaign reward + the referral_success points
      for (const Entry& e : s->inviter_entries) {
        CHECK(e.invitee_id == invitee);  // paid to the direct inviter's ledger, about this invitee only
        CHECK(e.event_id == req.visit_event_id);
        if (e.event_type == "referral_reward") CHECK(e.points + e.credit_fen == s->amount);
        if (e.event_type == "referral_success") CHECK(e.points == s->bonus_points);
      }
      if (req.inviter.staff) CHECK_FALSE(s->rewarded);
      if (!req.first_paid_visit) CHECK_FALSE(s->rewarded);
      if (s->eligible_paid_fen == 0) CHECK_FALSE(s->rewarded);
      if (s->rewarded) {
        ++rewards;
        CHECK(s->amount > 0);
        if (c.reward_kind == RewardKind::percent_of_first_paid) {
          CHECK(s->amount <= s->eligible_paid_fen * c.reward_percent_bp / 10000);
          CHECK(s->amount <= c.reward_cap_fen);
        }
        rewarded_invitees.insert(invitee);
        ledgers[inviter].insert(ledgers[inviter].end(), s->inviter_entries.begin(), s->inviter_entries.end());
        budget_used += s->amount;
      }
      CHECK(budget_used <= c.budget);
      CHECK(referral::inviter_month_used(rules, ledgers[inviter], c.id, t) <= c.monthly_cap_per_inviter);
      CHECK(referral::inviter_month_used(rules, ledgers[inviter], c.id, t) >= month_before);
      CHECK(ledgers[upline].empty());
    }
  }
  MESSAGE("referral property runs: " << kRuns << ", rewards paid: " << rewards);
}
