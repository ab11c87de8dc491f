// Setup for the server load benchmark (scripts/bench), before the measured window: MEMBERS
// members of the database's organization, each with a live member session (its bearer token
// written to TOKENS_FILE as "token member_id" lines) and a confirmed paid visit 30 days ago
// (the server's own confirm_visit: points available now, enough for many coupon
// redemptions). Runs through the server's Store, repositories and domain code on a database
// the server created (run clinic-server --demo on it once first, then stop it; the key file
// must be the server's). The measured requests stay real HTTP to the real server.
//   bench_seed DB_FILE KEY_FILE MEMBERS TOKENS_FILE
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "config.h"
#include "domain/ledger_service.h"
#include "domain/visit_service.h"
#include "privacy/vault.h"
#include "seed.h"
#include "store/store.h"

using namespace clinic::server;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: bench_seed DB_FILE KEY_FILE MEMBERS TOKENS_FILE\n");
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
    std::printf("{\"members\":%ld,\"org\":%lld}\n", members, static_cast<long long>(org));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_seed: %s\n", e.what());
    return 1;
  }
  return 0;
}
