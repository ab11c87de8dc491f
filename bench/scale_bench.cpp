// Scale: a fresh database with the server's schema (migrations run by the server's Store)
// filled with MEMBERS members and ROWS ledger entries (bulk inserts in large transactions:
// generation only), then the balance lookup the API makes, timed through the server's
// Store + LedgerRepo as the server runs it (WAL, read pool): a member's totals plus their
// entries, by member id, for random members. Prints one JSON line for scripts/bench.
//   scale_bench DIR [MEMBERS=1000000] [ROWS=10000000] [LOOKUPS=20000] [THREADS=4]
// SCALE_REUSE=1 skips generation and measures an existing DIR/scale.db (same MEMBERS).
// PostgreSQL (issue 18): DIR a postgresql:// URL of an empty database: the same schema
// (the server's PostgreSQL migrations), rows generated server-side (generate_series, same
// shape: members' entries interleaved in time order), then the same lookups through the Store.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/pg.h"
#include "store/store.h"

using namespace clinic::server;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

int64_t file_size(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

constexpr int64_t kStartMs = 1'735'660'800'000;  // 2025-01-01
const char* const kTypes[] = {"daily_checkin", "self_test", "visit_completed", "review", "coupon_redeem"};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: scale_bench DIR [MEMBERS] [ROWS] [LOOKUPS] [THREADS]\n");
    return 2;
  }
  std::string dir = argv[1];
  int64_t members = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  int64_t rows = argc > 3 ? std::atoll(argv[3]) : 10'000'000;
  int lookups = argc > 4 ? std::atoi(argv[4]) : 20'000;
  int threads = argc > 5 ? std::atoi(argv[5]) : 4;
  const bool pg = is_postgres_url(dir);
  std::string db_path = pg ? dir : dir + "/scale.db";
  Vault vault(std::string(32, 's'));
  bool reuse = std::getenv("SCALE_REUSE") && (pg || std::filesystem::exists(db_path));
  double gen_seconds = 0;
  if (pg && !reuse) {
    int64_t org = 0, clinic = 0;
    {
      Store store(StoreOptions{db_path, "FULL", 1, 512}, vault, kStartMs);
      store.write([&](Repos& r) {
        org = r.create_org("scale", kStartMs);
        clinic = r.create_clinic(org, "scale", 480, kStartMs);
      });
    }
    auto gen_started = Clock::now();
    PgConn c(db_path, 5, 0);  // no statement timeout: generation statements are long
    c.exec("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SELECT setseed(0.42)");
    c.exec("INSERT INTO members(id, org_id, openid_hash, created_at_ms) SELECT m, " + std::to_string(org) +
           ", 'o-scale-' || m, " + std::to_string(kStartMs) + " + m FROM generate_series(1, " +
           std::to_string(members) + ") m");
    c.exec("SELECT setval(pg_get_serial_sequence('members', 'id'), " + std::to_string(members) + ")");
    const int64_t batch = 1'000'000;
    for (int64_t from = 0; from < rows; from += batch) {
      int64_t to = std::min(rows, from + batch) - 1;
      std::string m = std::to_string(members), cl = std::to_string(clinic), start = std::to_string(kStartMs);
      c.exec(
          "INSERT INTO ledger_entries(member_id, clinic_id, org_id, event_id, kind, points, at_ms, rule_version_id, "
          "entry) SELECT member, " +
          cl + ", " + std::to_string(org) +
          ", 'e' || i, CASE WHEN spend THEN 'spend' ELSE 'earn' END, pts, at, NULL, "
          "json_build_object('event_id', 'e' || i, 'kind', CASE WHEN spend THEN 'spend' ELSE 'earn' END, "
          "'event_type', (ARRAY['daily_checkin','self_test','visit_completed','review','coupon_redeem'])[t + 1], "
          "'points', pts, 'at_ms', at, 'expires_at_ms', at + 31536000000, 'rule_version', '2025.1')::text "
          "FROM (SELECT i, member, t, t = 4 AS spend, " +
          start +
          " + i * 3 AS at, "
          "CASE WHEN t = 4 THEN -(100 + floor(random() * 900))::bigint ELSE (5 + floor(random() * 200))::bigint END AS "
          "pts "
          "FROM (SELECT i, 1 + floor(random() * " +
          m +
          ")::bigint AS member, floor(random() * 5)::int AS t "
          "FROM generate_series(" +
          std::to_string(from) + ", " + std::to_string(to) + ") i) g) h");
      std::fprintf(stderr, "  %lld rows, %.0f s\n", static_cast<long long>(to + 1), seconds_since(gen_started));
    }
    c.exec("VACUUM ANALYZE members");  // one statement each: VACUUM runs outside a transaction
    c.exec("VACUUM ANALYZE ledger_entries");
    gen_seconds = seconds_since(gen_started);
  }
  if (!pg && !reuse) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);

    // Schema through the server's own migrations, plus the organization and a clinic.
    int64_t org = 0, clinic = 0;
    {
      Store store(StoreOptions{db_path, "FULL", 1, 512}, vault, kStartMs);
      store.write([&](Repos& r) {
        org = r.create_org("scale", kStartMs);
        clinic = r.create_clinic(org, "scale", 480, kStartMs);
      });
    }

    auto gen_started = Clock::now();
    {
      Db db(db_path, Db::Mode::read_write);
      // Generation only: no journal, no fsync, a big cache. The server's pragmas come back below.
      db.exec("PRAGMA journal_mode=OFF");
      db.exec("PRAGMA synchronous=OFF");
      db.exec("PRAGMA cache_size=-1000000");
      db.exec("PRAGMA temp_store=MEMORY");
      db.exec("BEGIN");
      {
        for (int64_t m = 1; m <= members; ++m) {
          Stmt ins =
              db.prepare("INSERT INTO members(id, org_id, openid_hash, created_at_ms) VALUES(?,?,?,?)");  // cached
          ins.bind(1, m).bind(2, org).bind(3, "o-scale-" + std::to_string(m)).bind(4, kStartMs + m);
          ins.run();
        }
      }
      db.exec("COMMIT");
      std::mt19937_64 rng(42);
      const char* insert_sql =
          "INSERT INTO ledger_entries(member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry, "
          "org_id) "
          "VALUES(?,?,?,?,?,?,NULL,?,?)";
      // Entries arrive in time order across all members (as a live ledger grows): member ids
      // interleave, so the member indexes are built the hard way, not in order.
      const int64_t batch = 500'000;
      for (int64_t i = 0; i < rows; ++i) {
        if (i % batch == 0) db.exec("BEGIN");
        int64_t member = static_cast<int64_t>(rng() % static_cast<uint64_t>(members)) + 1;
        int64_t at = kStartMs + i * 3;  // ~10M entries over ~1 year
        const char* type = kTypes[rng() % 5];
        bool spend = type[0] == 'c';
        int64_t points = spend ? -static_cast<int64_t>(100 + rng() % 900) : static_cast<int64_t>(5 + rng() % 200);
        std::string event = "e" + std::to_string(i);
        std::string entry =
            "{\"event_id\":\"" + event + "\",\"kind\":\"" + (spend ? "spend" : "earn") + "\",\"event_type\":\"" + type +
            "\",\"points\":" + std::to_string(points) + ",\"at_ms\":" + std::to_string(at) +
            ",\"expires_at_ms\":" + std::to_string(at + 31'536'000'000) + ",\"rule_version\":\"2025.1\"}";
        Stmt ins = db.prepare(insert_sql);  // cached; resets when it goes out of scope
        ins.bind(1, member)
            .bind(2, clinic)
            .bind(3, event)
            .bind(4, spend ? "spend" : "earn")
            .bind(5, points)
            .bind(6, at)
            .bind(7, entry)
            .bind(8, org);
        ins.run();
        if (i % batch == batch - 1 || i == rows - 1) {
          db.exec("COMMIT");
          if ((i + 1) % 2'000'000 == 0) {
            std::fprintf(stderr, "  %lld rows, %.0f s\n", static_cast<long long>(i + 1), seconds_since(gen_started));
          }
        }
      }
      db.exec("PRAGMA journal_mode=WAL");
    }
    gen_seconds = seconds_since(gen_started);
  }
  int64_t db_bytes = pg ? 0 : file_size(db_path);

  // The lookup, as the server runs it: latency with one client (the machine is small and
  // shared; more threads than cores measure the scheduler), then throughput with THREADS.
  Store store(StoreOptions{db_path, "FULL", threads, 512}, vault, kStartMs);
  std::atomic<int64_t> seen_entries{0};
  auto lookup = [&](int64_t member) {
    size_t n = store.read([&](Repos& r) {
      LedgerTotals totals = r.ledger_totals(member);
      auto entries = r.ledger_entries(member, 0, 500);
      if (totals.entries != static_cast<int64_t>(entries.size())) std::abort();
      return entries.size();
    });
    seen_entries += static_cast<int64_t>(n);
  };
  // Pass 1: random members, first touch (pages may still be on disk); pass 2: the same
  // members again (their pages cached), what a member who looks twice sees.
  auto pass = [&] {
    std::vector<double> lat(static_cast<size_t>(lookups));
    std::mt19937_64 rng(1000);
    for (int i = 0; i < lookups; ++i) {
      int64_t member = static_cast<int64_t>(rng() % static_cast<uint64_t>(members)) + 1;
      auto t0 = Clock::now();
      lookup(member);
      lat[static_cast<size_t>(i)] = seconds_since(t0) * 1000;
    }
    std::sort(lat.begin(), lat.end());
    return lat;
  };
  std::vector<double> lat = pass();
  std::vector<double> warm = pass();
  std::atomic<int> next{0};
  auto look_started = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::mt19937_64 rng(2000 + static_cast<uint64_t>(t));
      while (next++ < lookups) lookup(static_cast<int64_t>(rng() % static_cast<uint64_t>(members)) + 1);
    });
  }
  for (auto& th : pool) th.join();
  double look_seconds = seconds_since(look_started);
  auto q = [](const std::vector<double>& v, double p) {
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
  };
  if (pg) db_bytes = store.size_bytes();  // pg_database_size
  store.stop();
  std::printf(
      "{\"members\":%lld,\"rows\":%lld,\"generation_s\":%.1f,\"rows_per_s\":%.0f,\"db_bytes\":%lld,"
      "\"lookups\":%d,\"threads\":%d,\"lookups_per_s\":%.0f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
      "\"warm_p50_ms\":%.3f,\"warm_p99_ms\":%.3f,\"avg_entries\":%.2f}\n",
      static_cast<long long>(members), static_cast<long long>(rows), gen_seconds,
      gen_seconds > 0 ? static_cast<double>(rows) / gen_seconds : 0.0, static_cast<long long>(db_bytes), lookups,
      threads, lookups / look_seconds, q(lat, 0.50), q(lat, 0.99), lat.back(), q(warm, 0.50), q(warm, 0.99),
      static_cast<double>(seen_entries.load()) / (3.0 * lookups));
  return 0;
}
