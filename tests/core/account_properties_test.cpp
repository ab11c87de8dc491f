// Property test of member accounts: random histories folded one operation at a time the
// way the server does it (account + the entries related to the event, looked up by event id,
// + the lot fates kept beside the ledger). After every step the account equals the replay of
// the whole ledger, and every answer equals the reference engine's answer over the whole
// ledger (LedgerView: the original ledger walk). Rules are squeezed so that expiries cross,
// tiers move, badges and caps bite and month/year ends (+08:00) pass within a short history.
// CLINIC_ACCOUNT_RUNS=N runs more (default 250 histories of up to 70 operations).
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "clinic/civil_time.h"
#include "clinic/command.h"
#include "clinic/points/account.h"
#include "clinic/points/coupons.h"
#include "clinic/points/earning.h"
#include "clinic/points/member_view.h"
#include "clinic/points/tiers.h"
#include "clinic/referral/referral.h"
#include "points/account_internal.h"
#include "points/codec.h"

using namespace clinic;
using namespace clinic::points;

namespace {

constexpr int64_t kDay = civil::kMsPerDay;
constexpr int64_t kStart = 1767110400000;  // 2025-12-31 00:00 +08:00: a year end at once

struct Rng {  // splitmix64
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

boost::json::value demo_doc() {
  std::ifstream in(std::string(CLINIC_VECTORS_DIR) + "/../../core/rules/demo-clinic-rules.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str());
}

// The demo rules squeezed: short expiry, short tier window, low thresholds, short badges.
boost::json::value squeezed_doc(int variant) {
  boost::json::value doc = demo_doc();
  boost::json::object& o = doc.as_object();
  o["version"] = "prop-" + std::to_string(variant);
  if (variant % 3 == 0) {
    o["expiry"] = boost::json::object{{"kind", "days"}, {"days", 9 + variant % 7}};
  } else if (variant % 3 == 1) {
    o["expiry"] = boost::json::object{{"kind", "end_of_month_after"}, {"months", 0}};
  }
  o["pending"] = boost::json::object{{"visit_days", 2 + variant % 3}};
  boost::json::object& tiers = o["tiers"].as_object();
  tiers["window_days"] = 15 + variant % 20;
  tiers["evaluation_months"] = 1 + variant % 2;
  boost::json::array& levels = tiers["levels"].as_array();
  levels[1].as_object()["min_earned"] = 60;
  levels[2].as_object()["min_earned"] = 150 + 20 * (variant % 4);
  boost::json::array& badges = o["streak_badges"].as_array();
  badges[0].as_object()["days"] = 3;
  badges[1].as_object()["days"] = 5;
  for (boost::json::value& c : o["catalogue"].as_array()) {
    c.as_object()["price_points"] = 20 + c.as_object()["price_points"].as_int64() / 20;
  }
  for (boost::json::value& e : o["earning"].as_array()) {
    boost::json::object& r = e.as_object();
    if (r["event"] == "visit_completed") r["per_month_cap"] = 400;
    if (r["event"] == "referral_success") r["per_month_cap"] = 300;
  }
  return doc;
}

Rules squeezed(int variant) {
  boost::json::value doc = squeezed_doc(variant);
  ReadContext ctx;
  JsonReader r(&doc, "$", ctx);
  auto rules = codec::read_rules(r);
  REQUIRE(rules.ok());
  return *rules;
}

boost::json::object rules_json(int variant) {
  return squeezed_doc(variant).as_object();
}

// The account of a member who checked in once a day for `days` days from kStart.
Account daily_checkins(const Rules& rules, int days) {
  Account a = new_account(rules);
  Related none;
  for (int i = 0; i < days; ++i) {
    Event ev{"c" + std::to_string(i), EventType::daily_checkin, kStart + i * kDay};
    auto r = earn(rules, AccountView(rules, a, none), ev);
    REQUIRE(r.ok());
    REQUIRE(apply(a, rules, r->entries, none, nullptr).empty());
  }
  return a;
}

std::string dump(const std::vector<Entry>& entries) {
  return boost::json::serialize(codec::write_entries(entries));
}

std::string reasons(const std::vector<Reason>& rs) {
  std::string s;
  for (const Reason& r : rs) s += r.code + ":" + std::to_string(r.amount) + ",";
  return s;
}

std::string balance_text(const Balance& b) {
  return std::to_string(b.available) + "/" + std::to_string(b.pending) + "/" + std::to_string(b.expired) + "/" +
         std::to_string(b.debt) + "/" + std::to_string(b.lifetime_earned) + "/" + std::to_string(b.credit_fen);
}

// One member as the server keeps it: the ledger, the account beside it, the lot fates and
// the takes of every unreversed spend (apart from the account, by entry id).
struct Member {
  std::vector<Entry> ledger;
  Account account;
  LotFates fates;
  std::map<std::string, AccountSpend> spends;
  std::set<std::string> event_ids;

  // What the server looks up for an op: entries of these events and reverse entries naming
  // them, their fates, and the takes of their spends (put into the account) with the reverse
  // entries naming the credits those takes came from.
  Related related(std::initializer_list<std::string> events) {
    Related r;
    std::set<std::string> ids;
    for (const Entry& e : ledger) {
      for (const std::string& ev : events) {
        if (!ev.empty() && e.event_id == ev) ids.insert(e.id);
      }
    }
    account.spends.clear();
    std::set<std::string> sources;
    for (const std::string& id : ids) {
      auto it = spends.find(id);
      if (it == spends.end()) continue;
      account.spends.push_back(it->second);
      for (const AccountTake& t : it->second.takes) sources.insert(t.lot_entry_id);
    }
    for (const Entry& e : ledger) {
      bool names = e.kind == EntryKind::reverse && (ids.count(e.reverses) || sources.count(e.reverses));
      if (ids.count(e.id) || names) r.entries.push_back(e);
    }
    for (const std::string& id : ids) {
      auto it = fates.find(id);
      if (it != fates.end()) r.fates[id] = it->second;
    }
    return r;
  }

  void append(const Rules& rules, const std::vector<Entry>& entries, const Related& rel) {
    LotFates changed;  // what the op reports; the server stores it beside the ledger
    std::vector<AccountSpend> given = account.spends;
    REQUIRE(apply(account, rules, entries, rel, &changed).empty());
    for (const auto& [id, x] : changed) fates[id] += x;
    // The account answers with the spends it was given and made, less those reversed.
    for (const AccountSpend& s : given) spends.erase(s.entry_id);
    for (AccountSpend& s : account.spends) spends[s.entry_id] = std::move(s);
    account.spends.clear();
    for (const Entry& e : entries) {
      ledger.push_back(e);
      event_ids.insert(e.event_id);
    }
  }
};

std::string account_text(const Account& a) {
  return boost::json::serialize(codec::write_account(a));
}

// The account as the server keeps it between operations: written, stored, read back (its
// lots and window pairs then stay encoded until an operation needs them).
Account roundtrip(const Account& a) {
  boost::json::value v = codec::write_account(a);
  ReadContext ctx;
  JsonReader r(&v, "$", ctx);
  Account back = codec::read_account(r);
  REQUIRE(ctx.ok());
  return back;
}

// The account equals the replay of the ledger, and a codec round trip gives it back.
void check_account(const Rules& rules, const Member& m, int64_t now, uint64_t seed, int step) {
  LotFates replay_fates;
  Account replayed = replay_account(rules, m.ledger, INT64_MAX, &replay_fates);
  std::string got = account_text(m.account);
  INFO("seed " << seed << " step " << step);
  // The takes kept apart equal the replay's spends (every unreversed spend, in ledger order).
  std::vector<AccountSpend> kept;
  for (const Entry& e : m.ledger) {
    auto it = m.spends.find(e.id);
    if (it != m.spends.end()) kept.push_back(it->second);
  }
  REQUIRE(kept.size() == m.spends.size());
  Account with_kept = replayed, bare = replayed;
  with_kept.spends = kept;
  bare.spends.clear();
  REQUIRE(account_text(with_kept) == account_text(replayed));
  REQUIRE(account_text(bare) == got);
  // The fates the server kept equal the replay's for every lot closed with points expired.
  for (const auto& [id, x] : replay_fates) {
    auto it = m.fates.find(id);
    REQUIRE(it != m.fates.end());
    CHECK_MESSAGE(it->second == x, id << " kept " << it->second << " replay " << x);
  }
  boost::json::value v = codec::write_account(m.account);
  ReadContext ctx;
  JsonReader r(&v, "$", ctx);
  Account back = codec::read_account(r);
  REQUIRE(ctx.ok());
  REQUIRE(account_text(back) == got);
  // Every chunk's items pass the checks made when an op decodes them.
  thaw_all_lots(back);
  thaw_window(back.tier, INT64_MIN, INT64_MAX);
  REQUIRE(ctx.ok());
  // Balance and tier at a later instant, as the reference walk gives them.
  CHECK(balance_text(balance_of(m.account, now)) == balance_text(replay(m.ledger, now)));
  TierStatus a = tier_at(rules, m.account, now), b = tier_at(rules, m.ledger, now);
  CHECK(a.index == b.index);
  CHECK(a.earned_in_window == b.earned_in_window);
  int64_t day = civil::local_day(now, rules.utc_offset_min);
  CHECK(streak_ending(m.account, day) == streak_ending(rules, m.ledger, day));
  CHECK(streak_ending(m.account, day - 1) == streak_ending(rules, m.ledger, day - 1));
}

boost::json::object rules_json(int variant);

// The op answers through the command API, account form vs ledger form (the reference: the
// whole ledger replayed), equal but for what only the account form returns.
void check_ops(int variant, const Member& m, int64_t now, uint64_t seed, int step) {
  INFO("seed " << seed << " step " << step << " (ops)");
  boost::json::object rules = rules_json(variant);
  auto ask = [&](boost::json::object req, bool account_form) {
    req["v"] = 1;
    req["rules"] = rules;
    if (account_form) {
      req["account"] = codec::write_account(m.account);
    } else {
      req["ledger"] = codec::write_entries(m.ledger);
    }
    boost::json::value out = boost::json::parse(clinic::call(boost::json::serialize(req)));
    if (boost::json::object* ok = out.as_object().if_contains("ok") ? &out.as_object()["ok"].as_object() : nullptr) {
      ok->erase("account");
      ok->erase("lot_fates");
      if (ok->contains("checkin")) ok->at("checkin").as_object().erase("month_days");
      if (!account_form) return out;
      if (ok->contains("checkin")) ok->erase("badges");  // points.balance: the account's badges
    }
    return out;
  };
  boost::json::object bal{{"op", "points.balance"}, {"now_ms", std::max(now, m.account.clock_ms)}};
  REQUIRE(boost::json::serialize(ask(bal, true)) == boost::json::serialize(ask(bal, false)));
  // A check-in at `now` (a new event id: no related entries needed).
  boost::json::object ci{{"op", "checkin.apply"},
                         {"event", boost::json::object{{"id", "probe"}, {"at_ms", std::max(now, m.account.clock_ms)}}}};
  REQUIRE(boost::json::serialize(ask(ci, true)) == boost::json::serialize(ask(ci, false)));
}

struct Counts {
  int ops = 0, earned = 0, redeemed = 0, refunds = 0, spent_refunds = 0, expiries = 0, tier_ups = 0, badges = 0,
      rewards = 0, cap_hits = 0, expired_refunds = 0, streak_breaks = 0, month_ends = 0, year_ends = 0, tier_downs = 0,
      budget_refusals = 0, op_checks = 0;
};

void run_history(uint64_t seed, Counts& n) {
  Rng rng{seed};
  Rules rules = squeezed(static_cast<int>(seed % 24));
  Member m, inviter;
  m.account = new_account(rules);
  inviter.account = new_account(rules);
  int64_t t = kStart - 20 * kDay + rng.below(40) * kDay + rng.below(kDay);  // half of them cross the year end
  std::vector<std::string> done;                                            // event ids a refund may target
  int steps = 20 + static_cast<int>(rng.below(50));
  int variant = static_cast<int>(seed % 24);
  int last_tier = 0;
  for (int step = 0; step < steps; ++step) {
    int gap = static_cast<int>(rng.below(100));
    int64_t before_t = t;
    t += gap < 55 ? kDay - 3600000 + rng.below(7200000) : gap < 80 ? rng.below(6 * 3600000) : rng.below(9 * kDay);
    civil::Date d0 = civil::local_date(before_t, rules.utc_offset_min), d1 = civil::local_date(t, rules.utc_offset_min);
    n.month_ends += civil::month_index(d0) != civil::month_index(d1);
    n.year_ends += d0.year != d1.year;
    int64_t day = civil::local_day(t, rules.utc_offset_min);
    n.streak_breaks += m.account.streak_end >= m.account.streak_start && day > m.account.streak_end + 1;
    std::string id = "e" + std::to_string(step);
    if (rng.chance(6) && !done.empty()) id = done[static_cast<size_t>(rng.below(static_cast<int64_t>(done.size())))];
    int64_t op = rng.below(100);
    ++n.ops;
    if (rng.chance(60)) m.account = roundtrip(m.account);  // most steps start from the stored text
    if (rng.chance(60)) inviter.account = roundtrip(inviter.account);
    INFO("seed " << seed << " step " << step << " op " << op);
    if (op < 55) {  // an earning event
      Event ev;
      ev.id = id;
      ev.at_ms = t;
      int64_t k = rng.below(10);
      ev.type = k < 5   ? EventType::daily_checkin
                : k < 6 ? EventType::self_test_completed
                : k < 7 ? EventType::review
                : k < 8 ? (rng.chance(50) ? EventType::register_member : EventType::profile_completed)
                        : EventType::visit_completed;
      if (ev.type == EventType::visit_completed) {
        ev.items = {CartItem{"SVC-CONSULT", "c", 100 + rng.below(30000), 1, false},
                    CartItem{"RX-AMOXICILLIN", "rx", 100 + rng.below(3000), 1, true}};
      }
      Related rel = m.related({ev.id});
      auto ref = earn(rules, LedgerView(rules, m.ledger), ev);
      auto got = earn(rules, AccountView(rules, m.account, rel), ev);
      REQUIRE(ref.ok() == got.ok());
      if (!ref.ok()) continue;
      REQUIRE(dump(got->entries) == dump(ref->entries));
      CHECK(reasons(got->reasons) == reasons(ref->reasons));
      CHECK(got->streak_days == ref->streak_days);
      CHECK(got->duplicate == ref->duplicate);
      CHECK(got->already_checked_in == ref->already_checked_in);
      n.earned += got->points > 0;
      n.badges += static_cast<int>(got->badges.size());
      for (const Reason& r : got->reasons) n.cap_hits += r.code == "day_cap" || r.code == "month_cap";
      m.append(rules, got->entries, rel);
      if (!got->duplicate) done.push_back(ev.id);
    } else if (op < 70) {  // a redemption
      static const char* kItems[] = {"cash_10", "pct_15", "free_bp", "gold_checkup"};
      std::string item = kItems[rng.below(4)];
      Related rel = m.related({id});
      auto ref = redeem(rules, LedgerView(rules, m.ledger), item, id, t);
      auto got = redeem(rules, AccountView(rules, m.account, rel), item, id, t);
      REQUIRE(ref.ok() == got.ok());
      if (!ref.ok()) {
        CHECK(ref.error().code == got.error().code);
        CHECK(ref.error().message_en == got.error().message_en);
        continue;
      }
      REQUIRE(dump(got->entries) == dump(ref->entries));
      CHECK(got->coupon.code == ref->coupon.code);
      n.redeemed += !got->entries.empty();
      m.append(rules, got->entries, rel);
      if (!got->duplicate) done.push_back(id);
    } else if (op < 85 && !done.empty()) {  // a refund / cancellation of an earlier event
      // Old events half of the time: their credits have often expired by now.
      size_t pick = static_cast<size_t>(rng.below(static_cast<int64_t>(done.size())));
      if (rng.chance(50)) pick = pick / 4;
      std::string target = done[pick];
      std::string cancel = "x" + std::to_string(step);
      Related rel = m.related({cancel, target});
      bool dup_ref = has_event(m.ledger, cancel), dup_got = rel.has_event(cancel);
      REQUIRE(dup_ref == dup_got);
      auto ref = reverse_event(rules, m.ledger, cancel, target, t);
      auto got = reverse_event(rules, rel.entries, cancel, target, t);
      REQUIRE(ref.ok() == got.ok());
      if (!ref.ok()) {
        CHECK(ref.error().code == got.error().code);
        continue;
      }
      REQUIRE(dump(*got) == dump(*ref));
      Balance before = replay(m.ledger, t);
      n.expired_refunds += !rel.fates.empty();
      m.append(rules, *got, rel);
      ++n.refunds;
      for (const Entry& e : *got) n.spent_refunds += e.points < 0 && before.available < -e.points;
    } else {  // the member invites a friend whose first paid visit is confirmed
      referral::SettleRequest req;
      const char* camp = rng.chance(50) ? "invite-2026" : "checkup-points";
      req.binding =
          referral::Binding{"friend" + std::to_string(step), "inviter", camp, rules.version, t - kDay, t, true, false};
      req.inviter = referral::Member{"inviter", false};
      req.visit_event_id = "v" + std::to_string(step);
      req.visit_at_ms = t;
      req.paid_confirmed = true;
      req.items = {CartItem{"SVC-CONSULT", "c", 5000 + rng.below(90000), 1, false}};
      req.campaign_used = rng.below(300000);
      // A quarter of the settlements come near the end of the campaign's budget.
      for (const Campaign& c : rules.campaigns) {
        if (c.id == camp && rng.chance(25)) req.campaign_used = c.budget - rng.below(400);
      }
      referral::SettleRequest ref_req = req;
      ref_req.inviter_ledger = inviter.ledger;
      Related rel = inviter.related({req.visit_event_id});
      AccountView view(rules, inviter.account, rel);
      req.inviter_view = &view;
      auto ref = referral::settle(rules, ref_req);
      auto got = referral::settle(rules, req);
      REQUIRE(ref.ok() == got.ok());
      if (!ref.ok()) {
        CHECK(ref.error().message_en == got.error().message_en);
        n.budget_refusals += ref.error().code == ErrorCode::limit_reached;
        continue;
      }
      for (const Reason& r : got->reasons) n.budget_refusals += r.code == "budget" || r.code == "monthly_cap";
      REQUIRE(dump(got->inviter_entries) == dump(ref->inviter_entries));
      CHECK(reasons(got->reasons) == reasons(ref->reasons));
      n.rewards += got->rewarded;
      inviter.append(rules, got->inviter_entries, rel);
      // Sometimes the friend's visit is refunded: the inviter's reward is reversed.
      if (rng.chance(30)) {
        std::string cancel = "r" + std::to_string(step);
        Related rel2 = inviter.related({cancel, req.visit_event_id});
        auto r1 = reverse_event(rules, inviter.ledger, cancel, req.visit_event_id, t);
        auto r2 = reverse_event(rules, rel2.entries, cancel, req.visit_event_id, t);
        REQUIRE(r1.ok() == r2.ok());
        if (r1.ok()) {
          REQUIRE(dump(*r1) == dump(*r2));
          inviter.append(rules, *r2, rel2);
        }
      }
      check_account(rules, inviter, t + rng.below(40 * kDay), seed, step);
    }
    n.expiries += m.account.expired > 0;
    int tier = tier_at(rules, m.account, t).index;
    n.tier_ups += tier > 0;
    n.tier_downs += tier < last_tier;
    last_tier = tier;
    int64_t probe = t + (rng.chance(50) ? 0 : rng.below(60 * kDay));
    check_account(rules, m, probe, seed, step);
    if (rng.chance(15)) {
      check_ops(variant, m, probe, seed, step);
      ++n.op_checks;
    }
  }
}

}  // namespace

TEST_CASE("property: account folded op by op == replay(ledger); answers == the whole-ledger reference") {
  int runs = 250;
  if (const char* env = std::getenv("CLINIC_ACCOUNT_RUNS")) runs = std::atoi(env);
  Counts n;
  for (int i = 0; i < runs; ++i) run_history(0xACC0000ULL + static_cast<uint64_t>(i), n);
  MESSAGE("account property: " << runs << " histories, " << n.ops << " ops; earned " << n.earned << ", redeemed "
                               << n.redeemed << ", refunds " << n.refunds << " (of spent points " << n.spent_refunds
                               << "), steps with expired points " << n.expiries << ", steps above the lowest tier "
                               << n.tier_ups << ", badges " << n.badges << ", cap hits " << n.cap_hits
                               << ", referral rewards " << n.rewards << ", refunds of expired credit "
                               << n.expired_refunds << ", streak breaks " << n.streak_breaks << ", month ends "
                               << n.month_ends << ", year ends " << n.year_ends << ", tier evaluations down "
                               << n.tier_downs << ", campaign cap/budget limits " << n.budget_refusals
                               << ", op-level checks " << n.op_checks);
  // The generator must reach every path it claims to test.
  CHECK(n.redeemed > runs / 4);
  CHECK(n.refunds > runs / 2);
  CHECK(n.spent_refunds > 0);
  CHECK(n.expired_refunds > runs / 20);
  CHECK(n.expiries > runs);
  CHECK(n.tier_ups > runs);
  CHECK(n.badges > runs / 4);
  CHECK(n.cap_hits > runs / 4);
  CHECK(n.rewards > runs / 4);
  CHECK(n.streak_breaks > runs);
  CHECK(n.month_ends > runs);
  CHECK(n.year_ends > runs / 4);
  CHECK(n.tier_downs > runs / 10);
  CHECK(n.budget_refusals > runs / 10);
  CHECK(n.op_checks > runs);
}

TEST_CASE("account: a 100,000-entry ledger replays linearly and serves a check-in from the account") {
  Rules rules = squeezed(1);
  std::vector<Entry> ledger;
  int64_t t = kStart;
  Account a = new_account(rules);
  LotFates fates;
  for (int i = 0; i < 100000; ++i) {
    Event ev{"c" + std::to_string(i), EventType::daily_checkin, t};
    Related none;
    if (i % 7 == 0) a = roundtrip(a);
    auto r = earn(rules, AccountView(rules, a, none), ev);
    REQUIRE(r.ok());
    REQUIRE(apply(a, rules, r->entries, none, &fates).empty());
    ledger.insert(ledger.end(), r->entries.begin(), r->entries.end());
    t += kDay;
  }
  Account replayed = replay_account(rules, ledger);
  CHECK(account_text(replayed) == account_text(a));
  // The account stays compact: open lots only (expiry of 0 months keeps about a month).
  CHECK(lot_count(a) < 40);
  CHECK(window_count(a) < 40);
  CHECK(a.entries == static_cast<int64_t>(ledger.size()));
}

TEST_CASE("account: three years of daily check-ins, redemptions, visits and refunds from the stored account") {
  // The demo rules as shipped (12-month expiry, 365-day tier window): hundreds of open lots
  // and window pairs, so most chunks stay encoded between operations.
  Rules rules = squeezed(2);
  boost::json::value doc = demo_doc();
  {
    ReadContext ctx;
    JsonReader r(&doc, "$", ctx);
    auto real = codec::read_rules(r);
    REQUIRE(real.ok());
    rules = *real;
  }
  Rng rng{42};
  Member m;
  m.account = new_account(rules);
  int64_t t = kStart;
  int refunds = 0, redeemed = 0, max_cold = 0;
  std::vector<std::string> done;
  for (int day = 0; day < 3 * 365; ++day) {
    t = kStart + day * kDay + rng.below(12 * 3600000);
    m.account = roundtrip(m.account);
    max_cold = std::max<int>(max_cold, static_cast<int>(m.account.cold_lots.size()));
    Event ev{"c" + std::to_string(day), EventType::daily_checkin, t};
    Related none;
    auto r = earn(rules, AccountView(rules, m.account, none), ev);
    REQUIRE(r.ok());
    m.append(rules, r->entries, none);
    done.push_back(ev.id);
    if (day % 9 == 4) {  // a visit: pending points
      Event v{"v" + std::to_string(day), EventType::visit_completed, t + 1000};
      v.items = {CartItem{"SVC-CONSULT", "c", 5000 + rng.below(20000), 1, false}};
      auto rv = earn(rules, AccountView(rules, m.account, none), v);
      REQUIRE(rv.ok());
      m.append(rules, rv->entries, none);
      done.push_back(v.id);
    }
    if (day % 23 == 11) {  // a redemption, sometimes refunded later
      std::string id = "r" + std::to_string(day);
      auto rd = redeem(rules, AccountView(rules, m.account, none), "cash_10", id, t + 2000);
      if (rd.ok()) {
        m.append(rules, rd->entries, none);
        done.push_back(id);
        ++redeemed;
      }
    }
    if (day % 31 == 17) {  // a refund of some earlier event (its points often spent or expired)
      std::string target = done[static_cast<size_t>(rng.below(static_cast<int64_t>(done.size())))];
      std::string cancel = "x" + std::to_string(day);
      Related rel = m.related({cancel, target});
      auto ref = reverse_event(rules, m.ledger, cancel, target, t + 3000);
      auto got = reverse_event(rules, rel.entries, cancel, target, t + 3000);
      REQUIRE(ref.ok() == got.ok());
      if (got.ok()) {
        m.append(rules, *got, rel);
        ++refunds;
      }
    }
    if (day % 61 == 60) check_account(rules, m, t + rng.below(40 * kDay), 42, day);
  }
  check_account(rules, m, t, 42, -1);
  CHECK(redeemed > 20);
  CHECK(refunds > 20);
  CHECK(max_cold > 4);  // several lot chunks stay encoded between operations
  // Open lots only: about a year of check-ins and visits.
  CHECK(lot_count(m.account) < 500);
  CHECK(window_count(m.account) < 500);
}

TEST_CASE("account codec: malformed chunks are refused; an older schema_version is a conflict to rebuild") {
  Rules rules = squeezed(1);
  Account a = daily_checkins(rules, 40);
  boost::json::value good = codec::write_account(a);
  REQUIRE(good.at("lots").as_array().size() >= 1);
  auto refused = [](boost::json::value v) {
    ReadContext ctx;
    JsonReader r(&v, "$", ctx);
    codec::read_account(r);
    return !ctx.ok();
  };
  CHECK_FALSE(refused(good));
  // ... and millisecond fields folded other than as the encoder folds them (fewer than three
  // zeros, digits ending in a zero, no count, or not folded at all).
  for (const char* bad :
       {"", "x 1 5 0 0 0", "0 1  5 0 0 0", "0 1 5 0 0 0 ", "0 99 5 0 0 0", "0 1 5 0 -1 0", "0 1 5 0 5e2 0",
        "0 1 5 0 50e3 0", "0 1 5 0 5e 0", "0 1 5 0 e5 0", "0 1 5 0 5e3x 0", "0 1 5 0 5000 0", "0 1 5 0 0 86400000"}) {
    boost::json::value v = good;
    v.at("lots").as_array()[0] = bad;
    CHECK_MESSAGE(refused(v), bad);
  }
  {
    boost::json::value v = good;
    v.at("tier").as_object()["window"] = boost::json::array{"1 1 5 0 0"};  // min_at 0 is not in chunk 1
    CHECK(refused(v));
  }
  // Through the command API: a version-1 account is a conflict at $.account (the server
  // rebuilds it from the ledger), not a malformed request.
  boost::json::value v1 = good;
  v1.as_object()["schema_version"] = 1;
  boost::json::object req{
      {"op", "points.balance"}, {"v", 1}, {"rules", rules_json(1)}, {"account", v1}, {"now_ms", kStart + 50 * kDay}};
  boost::json::value out = boost::json::parse(clinic::call(boost::json::serialize(req)));
  REQUIRE(out.as_object().contains("error"));
  CHECK(out.at("error").at("code") == "conflict");
  CHECK(out.at("error").at("path") == "$.account");
}

TEST_CASE("account codec: entry ids with spaces, percent signs and shared prefixes survive the packed lot text") {
  Rules rules = squeezed(2);  // lots that stay open (12-month expiry)
  Account a = new_account(rules);
  Related none;
  // Neighbours sharing a prefix (written as its length + the rest), sharing only the first
  // byte of a UTF-8 character ("é" and "è": the shared part must not split it, or the text
  // would not be valid UTF-8), and ids that are prefixes of each other.
  // Last, ids whose escaped text (three bytes per "%" or " ") is longer than the writer's buffer.
  std::string long_mixed;
  for (int i = 0; i < 190; ++i) long_mixed += "% x"[i % 3];
  const std::vector<std::string> ids = {"a b",
                                        "50%",
                                        "%20",
                                        "x%25 y",
                                        "%",
                                        "  ",
                                        "plain",
                                        "会员甲",
                                        "会员乙",
                                        "é1",
                                        "è2",
                                        "plainer",
                                        "plai",
                                        "p",
                                        "p 1",
                                        "p%1",
                                        std::string(190, '%'),
                                        long_mixed};
  for (size_t i = 0; i < ids.size(); ++i) {
    Event ev{ids[i], EventType::daily_checkin, kStart + static_cast<int64_t>(i) * kDay};
    auto r = earn(rules, AccountView(rules, a, none), ev);
    REQUIRE(r.ok());
    REQUIRE(apply(a, rules, r->entries, none, nullptr).empty());
  }
  boost::json::value written = codec::write_account(a);
  CHECK(written.at("lots").as_array()[0].as_string().find(" 1:") != boost::json::string_view::npos);
  boost::json::error_code ec;  // the parser refuses text that is not UTF-8
  boost::json::value text = boost::json::parse(boost::json::serialize(written), ec);
  REQUIRE_FALSE(ec);
  ReadContext ctx;
  JsonReader r(&text, "$", ctx);
  Account back = codec::read_account(r);
  REQUIRE(ctx.ok());
  thaw_all_lots(back);
  thaw_all_lots(a);
  REQUIRE(back.lots.size() == a.lots.size());
  for (size_t i = 0; i < a.lots.size(); ++i) CHECK(back.lots[i].entry_id == a.lots[i].entry_id);
  for (const std::string& id : ids) {  // each check-in's credit (a streak bonus adds one more)
    bool found = false;
    for (const AccountLot& lot : back.lots) found = found || lot.entry_id.rfind(id + "#", 0) == 0;
    CHECK_MESSAGE(found, "[" << id << "]");
  }
}

TEST_CASE("account codec: a lot or a window pair repeating the previous one's numbers is written \"=\"") {
  Rules rules = squeezed(2);
  Account a = daily_checkins(rules, 12);  // lots with the same 5 numbers follow each other
  boost::json::value written = codec::write_account(a);
  std::string lots(written.at("lots").as_array()[0].as_string());
  CHECK(lots.find(" 0:c0#1 0 ") != std::string::npos);  // a chunk's first lot never repeats
  CHECK(lots.find("#1 =") != std::string::npos);

  // By hand: "=" takes every number of the previous lot or pair (steps included), and the
  // encoder writes the same text back.
  const std::string lot_text = "0 3 15 0 864e5 0 0:a 0 5 5 0 864e5 0:b 1 5 5 0 864e5 0:c =";
  const std::string window_text = "0 3 15 36e5 1764e5 36e5 5 864e5 5 =";
  boost::json::value v = written;
  v.at("lots").as_array() = boost::json::array{lot_text.c_str()};
  v.at("tier").as_object()["window"] = boost::json::array{window_text.c_str()};
  ReadContext ctx;
  JsonReader r(&v, "$", ctx);
  Account back = codec::read_account(r);
  REQUIRE(ctx.ok());
  thaw_all_lots(back);
  thaw_window(back.tier, 0, INT64_MAX);
  REQUIRE(back.lots.size() == 3);
  CHECK(back.lots[2].entry_id == "c");
  CHECK(back.lots[2].seq == 2);
  CHECK(back.lots[2].original == 5);
  CHECK(back.lots[2].expires_at_ms == 3 * kDay);
  REQUIRE(back.tier.window.size() == 3);
  CHECK(back.tier.window[2] == std::pair<int64_t, int64_t>{3600000 + 2 * kDay, 5});
  boost::json::value again = codec::write_account(back);
  CHECK(again.at("lots").as_array()[0].as_string() == lot_text);
  CHECK(again.at("tier").at("window").as_array()[0].as_string() == window_text);
}

TEST_CASE("account codec: a chunk's items are checked when an op decodes them; a malformed one is the op's error") {
  Rules rules = squeezed(2);
  Account a = daily_checkins(rules, 12);
  const boost::json::value good = codec::write_account(a);
  const std::string lots(good.at("lots").as_array()[0].as_string());
  const std::string window(good.at("tier").at("window").as_array().back().as_string());
  auto tokens = [](const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i <= text.size();) {
      size_t j = std::min(text.find(' ', i), text.size());
      out.push_back(text.substr(i, j - i));
      i = j + 1;
    }
    return out;
  };
  auto join = [](const std::vector<std::string>& ts) {
    std::string out;
    for (const std::string& t : ts) out += (out.empty() ? "" : " ") + t;
    return out;
  };
  // The lot chunk with its first "=" written out as the numbers it stands for (those of the
  // nearest lot before it written with numbers), and the window chunk likewise.
  std::vector<std::string> lt = tokens(lots), lots_spelled;
  INFO(lots << " | " << window);
  for (size_t i = 6, numbers = 0; i < lt.size();) {  // the summary, then an id and "=" or 5 numbers
    size_t n = lt[i + 1] == "=" ? 1 : 5;
    if (n == 1 && lots_spelled.empty()) {
      lots_spelled.assign(lt.begin(), lt.begin() + static_cast<std::ptrdiff_t>(i + 1));
      lots_spelled.insert(lots_spelled.end(), lt.begin() + static_cast<std::ptrdiff_t>(numbers),
                          lt.begin() + static_cast<std::ptrdiff_t>(numbers + 5));
      lots_spelled.insert(lots_spelled.end(), lt.begin() + static_cast<std::ptrdiff_t>(i + 2), lt.end());
    }
    if (n == 5) numbers = i + 1;
    i += 1 + n;
  }
  REQUIRE(!lots_spelled.empty());
  std::vector<std::string> wt = tokens(window);
  size_t weq = std::find(wt.begin(), wt.end(), "=") - wt.begin();
  REQUIRE(weq < wt.size());
  std::vector<std::string> window_spelled = wt;
  window_spelled[weq] = wt[weq - 2] + " " + wt[weq - 1];

  auto decode_error = [&](const char* part, const std::string& text) {
    boost::json::value v = good;
    if (std::string(part) == "lots") {
      v.at("lots").as_array()[0] = text.c_str();
    } else {
      v.at("tier").at("window").as_array().back() = text.c_str();
    }
    ReadContext ctx;
    JsonReader r(&v, "$.account", ctx);
    Account back = codec::read_account(r);
    REQUIRE_MESSAGE(ctx.ok(), text);  // the summary reads: only decoding finds it
    thaw_all_lots(back);
    thaw_window(back.tier, INT64_MIN, INT64_MAX);
    return ctx.ok() ? std::string() : ctx.error().path;
  };
  const std::string lots_path = "$.account.lots[0]";
  const std::string window_path =
      "$.account.tier.window[" + std::to_string(good.at("tier").at("window").as_array().size() - 1) + "]";
  CHECK(decode_error("lots", lots).empty());
  CHECK(decode_error("window", window).empty());
  CHECK(decode_error("lots", join(lots_spelled)) == lots_path);
  CHECK(decode_error("window", join(window_spelled)) == window_path);
  // An item too few or too many, a token left over, a summary the items do not add up to.
  std::vector<std::string> fewer = lt, extra = lt, sums = lt;
  fewer.resize(fewer.size() - 2);  // the last lot's id and "="
  extra.push_back("c99");
  extra.push_back("=");
  sums[2] = std::to_string(std::stoll(lt[2]) + 1);
  for (const auto& bad : {fewer, extra, sums}) CHECK_MESSAGE(decode_error("lots", join(bad)) == lots_path, join(bad));
  CHECK(decode_error("lots", lots + " 7") == lots_path);
  // Figures out of range: a remaining above the original, a seq outside the chunk.
  std::vector<std::string> over = lt, outside = lt;
  over[6 + 3] = std::to_string(std::stoll(lt[6 + 2]) + 1);
  over[2] = std::to_string(std::stoll(lt[2]) + 1);
  outside[6 + 1] = "40";
  CHECK(decode_error("lots", join(over)) == lots_path);
  CHECK(decode_error("lots", join(outside)) == lots_path);

  // Through the command API: the op that decodes the chunk (a check-in joins its lot to
  // chunk 0) answers the error at the chunk's path; the same account well formed checks in.
  auto checkin = [&](const boost::json::value& account) {
    boost::json::object req{{"op", "checkin.apply"},
                            {"v", 1},
                            {"rules", rules_json(2)},
                            {"account", account},
                            {"event", boost::json::object{{"id", "probe"}, {"at_ms", kStart + 12 * kDay}}}};
    return boost::json::parse(clinic::call(boost::json::serialize(req)));
  };
  CHECK(checkin(good).as_object().contains("ok"));
  boost::json::value bad = good;
  bad.at("lots").as_array()[0] = join(lots_spelled).c_str();
  boost::json::value out = checkin(bad);
  REQUIRE(out.as_object().contains("error"));
  CHECK(out.at("error").at("code") == "invalid_field");
  CHECK(out.at("error").at("path") == "$.account.lots[0]");
}

TEST_CASE("spend_sources: the credits a spend's takes name, each once, in order; malformed takes refused") {
  auto ids = spend_sources("checkin:0#1 0 5 5 18014112e5 checkin:0#1 3 1 5 0 a%20b#1 4 2 2 0 % -1 7 0 0");
  REQUIRE(ids.ok());
  CHECK(*ids == std::vector<std::string>{"checkin:0#1", "a b#1"});  // "%": taken from debt, no credit
  CHECK(spend_sources("").ok());
  for (const char* bad : {"checkin:0#1 0 5 5", "checkin:0#1 0 5 5 18014112e5 0", "x 0 five 5 0", "x%2 0 5 5 0"}) {
    INFO(bad);
    auto r = spend_sources(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_field);
  }
}
