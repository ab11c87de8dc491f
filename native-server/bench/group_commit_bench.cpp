// Group commit vs one transaction per write, same store code: max_batch=1 makes the
// writer commit every job alone. Each write is a ledger append acknowledged after its
// COMMIT (synchronous=FULL). For scripts/bench; not a test (timings vary by machine).
//   clinic-group-commit-bench [DIR] [THREADS] [WRITES_PER_THREAD]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

using namespace clinic::server;

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "var/bench";
  int threads = argc > 2 ? std::atoi(argv[2]) : 64;
  int per_thread = argc > 3 ? std::atoi(argv[3]) : 50;
  Vault vault(std::string(32, 'k'));
  for (int max_batch : {1, 512}) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Store store(StoreOptions{dir + "/bench.db", "FULL", 2, max_batch}, vault, 1);
    int64_t clinic = 0, member = 0;
    store.write([&](Repos& r) {
      int64_t org = r.create_org("bench", 1);
      clinic = r.create_clinic(org, "bench", 480, 1);
      member = r.upsert_member_login(org, "bench-member", std::nullopt, "k", 1).member.id;
    });
    std::atomic<int> transactions{0};
    store.set_batch_observer([&](const Store::CommittedBatch&) { ++transactions; });
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) {
          store.write([&](Repos& r) {
            LedgerEntry e;
            e.member_id = member;
            e.clinic_id = clinic;
            e.event_id = std::to_string(t) + "-" + std::to_string(i);
            e.kind = "earn";
            e.points = 1;
            e.at_ms = 1;
            e.entry = "{}";
            return r.append_ledger(e).inserted;
          });
        }
      });
    }
    for (auto& th : pool) th.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    int writes = threads * per_thread;
    std::printf("%-28s %6d writes, %3d threads, %7.2f s, %8.0f writes/s, %5d transactions\n",
                max_batch == 1 ? "one transaction per write:" : "group commit:", writes, threads, seconds,
                writes / seconds, transactions.load());
  }
  std::filesystem::remove_all(dir);
}
