// Setup for the server load benchmark (scripts/bench), before the measured window: MEMBERS
// members of the database's organization, each with a live member session (its bearer token
// written to TOKENS_FILE as "token member_id" lines) and a confirmed paid visit 30 days ago
// (the server's own confirm_visit: points available now, enough for many coupon
// redemptions). Runs through the server's Store, repositories and domain code on a database
// the server created (run clinic-server --demo on it once first, then stop it; the key file
// must be the server's). The measured requests stay real HTTP to the real server.
//   bench_seed DB_FILE KEY_FILE MEMBERS TOKENS_FILE [LONG_MEMBERS LONG_ENTRIES LONG_TOKENS_FILE [CREDIT_EVERY]]
// The optional second group: LONG_MEMBERS members with a session each (LONG_TOKENS_FILE) and
// LONG_ENTRIES ledger entries of history each, written straight into the ledger in SQL (as a
// database from before member accounts holds them: the server builds their accounts at its
// next start). One entry an hour, interleaved across the members as time passes, ending a day
// ago; one 10-point credit a day (every CREDIT_EVERY = 24th entry, expiring after 365 days: about
// 365 open credits at the end, the account of a member who earns daily), zero-point entries otherwise.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "config.h"
#include "domain/ledger_service.h"
#include "domain/visit_service.h"
#include "privacy/vault.h"
#include "seed.h"
#include "store/sqlite.h"
#include "store/store.h"

using namespace clinic::server;

int main(int argc, char** argv) {
  if (argc != 5 && argc != 8 && argc != 9) {
    std::fprintf(stderr,
                 "usage: bench_seed DB_FILE KEY_FILE MEMBERS TOKENS_FILE [LONG_MEMBERS LONG_ENTRIES LONG_TOKENS]\n");
    return 2;
  }
  const std::string db_path = argv[1];
  const long members = std::atol(argv[3]);
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const int64_t visit_ms = now_ms - 30 * kDayMs;  // past the 7 pending days: points available now
  try {
    Vault vault = Vault::open(argv[2]);
    Store store(StoreOptions{db_path, "FULL", 1, 512}, vault, now_ms);
    Config existing;  // demo off: returns the organization the server created
    const int64_t org = ensure_organization(existing, store, now_ms);
    std::ofstream tokens(argv[4]);
    const long kBatch = 500;  // members per transaction (setup only, not measured)
    for (long first = 1; first <= members; first += kBatch) {
      std::string lines = store.write([&](Repos& r) {
        std::string out;
        const int64_t clinic = default_clinic(r, org);
        for (long i = first; i < first + kBatch && i <= members; ++i) {
          MemberLogin m = r.upsert_member_login(org, "bench-openid-" + std::to_string(i), std::nullopt,
                                                "bench-session-key", visit_ms);
          std::string token = random_token();
          SessionRow s;
          s.kind = "member";
          s.subject_id = m.member.id;
          s.created_at_ms = now_ms;
          s.expires_at_ms = now_ms + 30 * kDayMs;
          r.create_session(token_hash(token), s);
          VisitInput visit;
          visit.clinic_id = clinic;
          visit.member_id = m.member.id;
          visit.visit_ref = "BENCH-SEED-" + std::to_string(i);
          visit.items.push_back(boost::json::object{{"sku", "SVC-CHECKUP"}, {"qty", 16}});
          visit.at_ms = visit_ms;
          confirm_visit(r, visit, "en");
          out += token + " " + std::to_string(m.member.id) + "\n";
        }
        return out;
      });
      tokens << lines;
    }
    if (!tokens.flush()) throw std::runtime_error("cannot write the tokens file");
    if (argc >= 8) {
      const std::string every = argc == 9 ? std::to_string(std::max(1L, std::atol(argv[8]))) : "24";
      const long long_members = std::atol(argv[5]);
      const long entries = std::atol(argv[6]);
      std::ofstream long_tokens(argv[7]);
      std::vector<int64_t> ids;
      for (long first = 1; first <= long_members; first += kBatch) {
        std::string lines = store.write([&](Repos& r) {
          std::string out;
          for (long i = first; i < first + kBatch && i <= long_members; ++i) {
            MemberLogin m = r.upsert_member_login(org, "bench-long-openid-" + std::to_string(i), std::nullopt,
                                                  "bench-session-key", now_ms - entries * 3'600'000 - kDayMs);
            std::string token = random_token();
            SessionRow s;
            s.kind = "member";
            s.subject_id = m.member.id;
            s.created_at_ms = now_ms;
            s.expires_at_ms = now_ms + 30 * kDayMs;
            r.create_session(token_hash(token), s);
            ids.push_back(m.member.id);
            out += token + " " + std::to_string(m.member.id) + "\n";
          }
          return out;
        });
        long_tokens << lines;
      }
      if (!long_tokens.flush()) throw std::runtime_error("cannot write the long-history tokens file");
      store.stop();
      Db db(db_path, Db::Mode::read_write);
      db.exec("PRAGMA journal_mode=WAL");
      db.exec("PRAGMA synchronous=NORMAL");  // setup only
      db.exec("CREATE TEMP TABLE long_members(id INTEGER PRIMARY KEY)");
      std::string values;
      for (int64_t id : ids) values += (values.empty() ? "(" : ",(") + std::to_string(id) + ")";
      if (!values.empty()) db.exec("INSERT INTO long_members(id) VALUES " + values);
      const int64_t step = 3'600'000, start = now_ms - kDayMs - entries * step;
      const std::string s0 = std::to_string(start), st = std::to_string(step), year = std::to_string(365 * kDayMs);
      db.exec("BEGIN");
      db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(entries) +
              ") INSERT INTO ledger_entries(member_id, clinic_id, org_id, event_id, kind, points, at_ms, "
              "rule_version_id, entry) SELECT m.id, 1, (SELECT org_id FROM clinics WHERE id = 1), 'hist:' || i || "
              "'#1', 'earn', CASE WHEN i % " +
              every + " = 0 THEN 10 ELSE 0 END, " + s0 + " + i * " + st +
              ", NULL, json_object('id', 'hist:' || i || '#1', 'event_id', 'hist:' || i, 'kind', 'earn', "
              "'event_type', 'self_test_completed', 'points', CASE WHEN i % " +
              every + " = 0 THEN 10 ELSE 0 END, 'at_ms', " + s0 + " + i * " + st + ", 'expires_at_ms', CASE WHEN i % " +
              every + " = 0 THEN " + s0 + " + i * " + st + " + " + year +
              " ELSE 0 END, 'rule_version', 'bench', 'reason', 'base') FROM n CROSS JOIN long_members m "
              "ORDER BY i, m.id");
      db.exec("COMMIT");
    }
    std::printf("{\"members\":%ld,\"org\":%lld}\n", members, static_cast<long long>(org));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_seed: %s\n", e.what());
    return 1;
  }
  return 0;
}
