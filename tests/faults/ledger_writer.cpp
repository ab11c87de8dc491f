// Test-only tool for the kill -9 fault suite (tests/faults/kill9.test.mjs): writes ledger
// entries through the server's Store (group commit, synchronous=FULL) from many threads
// until it is killed, and verifies a database after a crash. No HTTP routes involved.
//
//   clinic-fault-ledger write DB ROUND THREADS   # runs until killed; stdout lines:
//        "A <member> <event_id> <points>"   attempted (printed before the write is queued)
//        "K <member> <event_id> <points>"   acknowledged (printed after its COMMIT returned)
//   clinic-fault-ledger verify DB LOG            # LOG = every line the writers printed
//
// Each write is a points op through the server's account path (domain/ledger_service:
// apply_member_op: the member's account + related entries in, the entries appended and the
// next account stored in the same transaction). verify checks, after restart: PRAGMA
// integrity_check is ok; every acknowledged event is stored with the points it was
// acknowledged with; every stored entry was attempted (nothing invented); the entry count
// per member equals the stored totals. The kill -9 suite then runs `clinic-server
// verify-accounts`: every stored account equals the replay of its ledger.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <boost/json.hpp>

#include "domain/ledger_service.h"
#include "errors.h"
#include "store/store.h"

using namespace clinic::server;

namespace {

constexpr int kMembersPerThread = 4;
std::mutex out_mu;

void say(const std::string& line) {  // one write(2) per line: nothing sits in a buffer when the kill lands
  std::lock_guard<std::mutex> lock(out_mu);
  std::string l = line + "\n";
  const char* p = l.data();
  size_t left = l.size();
  while (left > 0) {
    ssize_t n = ::write(1, p, left);
    if (n <= 0) std::_Exit(3);
    p += n;
    left -= static_cast<size_t>(n);
  }
}

Store open_store(const std::string& db, const Vault& vault) {
  return Store(StoreOptions{db, "FULL", 2, 512}, vault, 1'700'000'000'000);
}

const Vault& vault() {
  static Vault v(std::string(32, 'f'));
  return v;
}

// Members (created on first run), the clinic they earn at and its active points rules.
std::pair<int64_t, std::vector<int64_t>> setup(Store& store, int members) {
  return store.write([&](Repos& r) {
    std::optional<int64_t> org = r.first_org_id();
    int64_t org_id = org ? *org : r.create_org("faults", 1);
    auto clinics = r.clinics_in_org(org_id);
    int64_t clinic = clinics.empty() ? r.create_clinic(org_id, "faults", 480, 1) : clinics.front().id;
    if (!r.active_rule(clinic, kPointsRulesKind)) {
      std::ifstream in(CLINIC_DEMO_RULES);
      std::stringstream doc;
      doc << in.rdbuf();
      RuleVersion v = r.add_rule_version(clinic, kPointsRulesKind, doc.str(), std::nullopt, 1);
      r.activate_rule_version(clinic, kPointsRulesKind, v.version);
    }
    std::vector<int64_t> ids;
    for (int i = 0; i < members; ++i) {
      ids.push_back(r.upsert_member_login(org_id, "fault-member-" + std::to_string(i), std::nullopt, "k", 1).member.id);
    }
    return std::make_pair(clinic, ids);
  });
}

int run_write(const std::string& db, int round, int threads) {
  Store store = open_store(db, vault());
  auto [clinic, members] = setup(store, threads * kMembersPerThread);
  say("READY");
  std::vector<std::thread> pool;
  // Events that always leave an entry (capped ones a zero-point marker), so an acknowledged
  // event is always stored.
  static const char* kTypes[] = {"self_test_completed", "review"};
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::mt19937_64 rng(static_cast<uint64_t>(round) * 1000 + static_cast<uint64_t>(t));
      std::vector<int64_t> mine(members.begin() + t * kMembersPerThread, members.begin() + (t + 1) * kMembersPerThread);
      // Later rounds are later in time (an account refuses events older than its newest entry).
      int64_t base = 1'767'196'800'000 + static_cast<int64_t>(round) * 60 * 86'400'000LL;
      for (int64_t i = 0;; ++i) {
        int64_t m = mine[rng() % mine.size()];
        std::string event_id = "r" + std::to_string(round) + "-t" + std::to_string(t) + "-" + std::to_string(i);
        boost::json::object event{{"id", event_id}, {"type", kTypes[rng() % 2]}, {"at_ms", base + i * 900'000}};
        say("A " + std::to_string(m) + " " + event_id + " 0");
        int64_t points = store.write([&](Repos& r) {
          boost::json::object out =
              apply_member_op(r, "points.apply", m, clinic, boost::json::object{{"event", event}}, "en");
          return out["points"].to_number<int64_t>();
        });
        say("K " + std::to_string(m) + " " + event_id + " " + std::to_string(points));
      }
    });
  }
  for (auto& th : pool) th.join();
  return 0;
}

int run_verify(const std::string& db, const std::string& log) {
  int failures = 0;
  auto fail = [&](const std::string& what) {
    if (++failures <= 20) std::fprintf(stderr, "FAIL %s\n", what.c_str());
  };
  {
    Db raw(db, Db::Mode::read_only);
    Stmt s = raw.prepare("PRAGMA integrity_check");
    std::string result = s.step() ? s.text(0) : "no answer";
    if (result != "ok") fail("integrity_check: " + result);
  }
  std::set<std::string> attempted;
  std::map<std::string, std::pair<int64_t, int64_t>> acked;  // event -> (member, points)
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string tag, event;
    int64_t member = 0, points = 0;
    if (!(ls >> tag >> member >> event >> points)) continue;
    if (tag == "A") attempted.insert(event);
    if (tag == "K") acked[event] = {member, points};
  }
  Store store = open_store(db, vault());
  int64_t entries = 0, members_checked = 0, unacked_present = 0, acked_present = 0;
  store.read([&](Repos& r) {
    for (const auto& [event, mp] : acked) {
      // An op's entries are "<event>#1", "#2" (a badge): the first carries the event's points
      // unless a badge came with it; compare the event's total.
      int64_t stored = 0;
      bool found = false;
      for (int n = 1; n <= 3; ++n) {
        if (auto e = r.ledger_entry_by_event(mp.first, event + "#" + std::to_string(n)))
          found = true, stored += e->points;
      }
      if (!found)
        fail("acknowledged event missing: " + event);
      else if (stored != mp.second)
        fail("acknowledged event changed: " + event);
      else
        ++acked_present;
    }
    auto org = r.first_org_id();
    if (!org) return;
    for (int i = 0;; ++i) {
      auto m = r.member_by_openid("fault-member-" + std::to_string(i));
      if (!m) break;
      ++members_checked;
      int64_t count = 0, after = 0;
      for (;;) {
        auto page = r.ledger_entries(m->id, after, 1000);
        if (page.empty()) break;
        for (const LedgerEntry& e : page) {
          after = e.id;
          ++count;
          std::string event = e.event_id.substr(0, e.event_id.rfind('#'));
          if (!attempted.count(event)) fail("stored entry never attempted: " + e.event_id);
          if (!acked.count(event)) ++unacked_present;
        }
      }
      entries += count;
      if (r.ledger_totals(m->id).entries != count) fail("member " + std::to_string(m->id) + ": totals disagree");
    }
  });
  store.stop();
  std::printf(
      "{\"ok\":%s,\"acknowledged\":%zu,\"acknowledged_present\":%lld,\"stored_entries\":%lld,"
      "\"unacknowledged_present\":%lld,\"members\":%lld,\"failures\":%d}\n",
      failures == 0 ? "true" : "false", acked.size(), static_cast<long long>(acked_present),
      static_cast<long long>(entries), static_cast<long long>(unacked_present), static_cast<long long>(members_checked),
      failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 4 && a[0] == "write") return run_write(a[1], std::atoi(a[2].c_str()), std::atoi(a[3].c_str()));
    if (a.size() == 3 && a[0] == "verify") return run_verify(a[1], a[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clinic-fault-ledger: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "usage: clinic-fault-ledger write DB ROUND THREADS | verify DB LOG\n");
  return 2;
}
