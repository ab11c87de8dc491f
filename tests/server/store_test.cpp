#include "store/store.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>
#include <vector>

#include "errors.h"
#include "store/migrations.h"
#include "test_support.h"

using namespace clinic::server;

namespace {

struct Fixture {
  std::string dir = testing::temp_dir();
  Vault vault{std::string(32, 'k')};
  std::unique_ptr<Store> store;
  std::mutex seen_mu_;
  std::vector<Store::CommittedBatch> seen_;  // every batch reported, in order
  int64_t org = 0, clinic = 0;

  explicit Fixture(int max_batch = 512) { open(max_batch); }
  void open(int max_batch = 512) {
    store = std::make_unique<Store>(StoreOptions{dir + "/t.db", "FULL", 2, max_batch}, vault, 1'700'000'000'000);
    store->set_batch_observer([this](const Store::CommittedBatch& b) {  // called by one leader at a time
      std::lock_guard<std::mutex> lock(seen_mu_);
      seen_.push_back(b);
    });
  }
  // The batches the store reported since the fixture opened or forget_batches(), in order.
  std::vector<Store::CommittedBatch> batches_seen() {
    std::lock_guard<std::mutex> lock(seen_mu_);
    return seen_;
  }
  void forget_batches() {
    std::lock_guard<std::mutex> lock(seen_mu_);
    seen_.clear();
  }
  int batches() { return static_cast<int>(batches_seen().size()); }
  int batched() {
    int n = 0;
    for (const auto& b : batches_seen()) n += static_cast<int>(b.jobs);
    return n;
  }
  int largest_batch() {
    int n = 0;
    for (const auto& b : batches_seen()) n = std::max(n, static_cast<int>(b.jobs));
    return n;
  }
  // An organisation, its clinic and one member (returned).
  // `threads` threads each append `per_thread` one-point entries of `m`.
  void write_from_threads(int64_t m, int threads, int per_thread) {
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([=, this] {
        for (int i = 0; i < per_thread; ++i) {
          store->write([&](Repos& r) {
            return r.append_ledger(
                testing::ledger_entry(m, clinic, "ev-" + std::to_string(t) + "-" + std::to_string(i), 1));
          });
        }
      });
    }
    for (auto& th : running) th.join();
  }
  int64_t clinic_and_member() {
    store->write([&](Repos& r) {
      org = r.create_org("o", 1);
      clinic = r.create_clinic(org, "c", 480, 1);
    });
    return member("openid-1");
  }
  int64_t member(const std::string& openid) {
    return store->write([&](Repos& r) { return r.upsert_member_login(org, openid, std::nullopt, "sk", 1).member.id; });
  }
};

}  // namespace

TEST_CASE("migrations apply once and are recorded") {
  Fixture f;
  CHECK(f.store->schema_version() == static_cast<int>(migrations().size()));
  f.store.reset();
  f.open();  // reopening applies nothing new and keeps data
  CHECK(f.store->schema_version() == static_cast<int>(migrations().size()));
}

TEST_CASE("group commit: concurrent ledger writes are batched, each acknowledged after commit") {
  Fixture f;
  int64_t m = f.clinic_and_member();
  f.forget_batches();
  constexpr int kThreads = 32, kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> acked{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto res = f.store->write([&](Repos& r) {
          return r.append_ledger(
              testing::ledger_entry(m, f.clinic, "ev-" + std::to_string(t) + "-" + std::to_string(i), 10));
        });
        if (res.inserted) ++acked;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(acked == kThreads * kPerThread);
  CHECK(f.batched() == kThreads * kPerThread);
  MESSAGE("group commit: ", f.batched(), " ledger writes in ", f.batches(), " transactions");
  CHECK(f.batches() < f.batched());  // grouped
  auto totals = f.store->read([&](Repos& r) { return r.ledger_totals(m); });
  CHECK(totals.entries == kThreads * kPerThread);
  CHECK(totals.points == 10 * kThreads * kPerThread);
}

TEST_CASE("the writer reports each batch's time: its jobs, then its COMMIT (metrics' writer busy time)") {
  Fixture f;
  int64_t m = f.clinic_and_member();
  using Clock = std::chrono::steady_clock;
  Clock::duration inside{};  // measured by the job itself
  const Clock::time_point before = Clock::now();
  f.forget_batches();
  f.store->write([&](Repos& r) {
    const Clock::time_point t0 = Clock::now();
    r.append_ledger(testing::ledger_entry(m, f.clinic, "timed", 1));
    inside = Clock::now() - t0;
    return 0;
  });
  const double around = std::chrono::duration<double>(Clock::now() - before).count();
  const std::vector<Store::CommittedBatch> seen = f.batches_seen();
  REQUIRE(seen.size() == 1);
  const Store::CommittedBatch& b = seen[0];
  CHECK(b.jobs == 1);
  CHECK(b.run_seconds >= std::chrono::duration<double>(inside).count());  // the job ran inside "jobs"
  CHECK(b.commit_seconds > 0);                                            // a COMMIT with its fsync ran
  CHECK(b.run_seconds + b.commit_seconds <= around);                      // both inside the caller's wait
}

TEST_CASE("group commit: a batch is at most max_batch jobs; the next waiting caller commits the rest") {
  Fixture f(3);
  int64_t m = f.clinic_and_member();
  f.forget_batches();
  constexpr int kThreads = 24, kPerThread = 10;
  f.write_from_threads(m, kThreads, kPerThread);
  CHECK(f.batched() == kThreads * kPerThread);
  CHECK(f.largest_batch() <= 3);
  CHECK(f.store->read([&](Repos& r) { return r.ledger_totals(m); }).entries == kThreads * kPerThread);
}

TEST_CASE("stop() during writes: each write is either committed or refused, none is lost or left waiting") {
  Fixture f;
  int64_t m = f.clinic_and_member();
  constexpr int kThreads = 16, kPerThread = 20;
  std::atomic<int> acked{0}, refused{0}, started{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        ++started;
        try {
          f.store->write([&](Repos& r) {
            return r.append_ledger(
                testing::ledger_entry(m, f.clinic, "ev-" + std::to_string(t) + "-" + std::to_string(i), 1));
          });
          ++acked;
        } catch (const ApiError& e) {
          CHECK(e.code == "unavailable");
          ++refused;
        }
      }
    });
  }
  while (started < kThreads) std::this_thread::yield();  // every writer is under way (a condition, not a delay)
  f.store->stop();                                       // returns once every accepted write has committed
  for (auto& th : threads) th.join();
  CHECK(acked + refused == kThreads * kPerThread);
  f.store.reset();
  f.open();  // what a restart finds: exactly the acknowledged writes
  CHECK(f.store->read([&](Repos& r) { return r.ledger_totals(m); }).entries == acked);
}

TEST_CASE("ledger: idempotent by event id, append-only") {
  Fixture f;
  int64_t m = f.clinic_and_member();
  auto first = f.store->write(
      [&](Repos& r) { return r.append_ledger(testing::ledger_entry(m, f.clinic, "checkin:2026-01-01", 5)); });
  auto again = f.store->write(
      [&](Repos& r) { return r.append_ledger(testing::ledger_entry(m, f.clinic, "checkin:2026-01-01", 99)); });
  CHECK(first.inserted);
  CHECK_FALSE(again.inserted);
  CHECK(again.entry.id == first.entry.id);
  CHECK(again.entry.points == 5);
  CHECK_THROWS_AS(f.store->write([&](Repos&) {
    throw SqliteError(0, "placeholder");  // proves exceptions come back to the caller
  }),
                  SqliteError);
}

TEST_CASE("a failing job is rolled back alone; the rest of its batch commits") {
  Fixture f;
  int64_t m = f.clinic_and_member();
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      try {
        f.store->write([&](Repos& r) {
          r.append_ledger(testing::ledger_entry(m, f.clinic, "job-" + std::to_string(t), 1));
          if (t % 4 == 0) throw ApiError("conflict", {"写入后拒绝", "refused after a write"});  // its write must vanish
          return 0;
        });
      } catch (const ApiError& e) {
        CHECK(e.code == "conflict");
        ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failed == 4);
  auto totals = f.store->read([&](Repos& r) { return r.ledger_totals(m); });
  CHECK(totals.entries == 12);
  for (int t = 0; t < 16; t += 4) {
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.ledger_entry_by_event(m, "job-" + std::to_string(t)); }));
  }
}

TEST_CASE("PII is sealed at rest, found by keyed hash, erased on deletion; ledger totals stay") {
  Fixture f;
  f.store->write([&](Repos& r) {
    f.org = r.create_org("o", 1);
    f.clinic = r.create_clinic(f.org, "c", 480, 1);
  });
  int64_t m = f.member("openid-pii");
  f.store->write([&](Repos& r) {
    r.set_member_pii(
        m, MemberPii{std::string("张三"), std::string("+86 138 1234 5678"), std::string("110101199003071234")});
    r.append_ledger(testing::ledger_entry(m, f.clinic, "e1", 30));
    r.record_consent(m, Consent{"health_data", true, "v1", 1});
    r.record_consent(m, Consent{"marketing", true, "v1", 2});
    r.record_consent(m, Consent{"marketing", false, "v1", 3});
  });
  auto found = f.store->read([&](Repos& r) { return r.members_by_phone(f.org, "13812345678"); });
  REQUIRE(found.size() == 1);
  CHECK(found[0].phone == std::optional<std::string>("13812345678"));
  CHECK(found[0].name == std::optional<std::string>("张三"));
  auto consents = f.store->read([&](Repos& r) { return r.current_consents(m); });
  REQUIRE(consents.size() == 2);
  CHECK(consents[0].kind == "health_data");
  CHECK(consents[0].granted);
  CHECK(consents[1].kind == "marketing");
  CHECK_FALSE(consents[1].granted);  // latest decision wins

  f.store->write([&](Repos& r) { r.erase_member(m, 50); });
  auto gone = f.store->read([&](Repos& r) { return r.member_by_id(m); });
  REQUIRE(gone);
  CHECK_FALSE(gone->openid_hash);
  CHECK_FALSE(gone->phone);
  CHECK_FALSE(gone->name);
  CHECK_FALSE(gone->id_number);
  CHECK(gone->deleted_at_ms == std::optional<int64_t>(50));
  CHECK(f.store->read([&](Repos& r) { return r.members_by_phone(f.org, "13812345678"); }).empty());
  CHECK(f.store->read([&](Repos& r) { return r.ledger_totals(m); }).points == 30);
}

TEST_CASE("rule versions: numbered per clinic and kind, one active") {
  Fixture f;
  f.store->write([&](Repos& r) {
    f.org = r.create_org("o", 1);
    f.clinic = r.create_clinic(f.org, "c", 480, 1);
  });
  auto v1 =
      f.store->write([&](Repos& r) { return r.add_rule_version(f.clinic, "points", "{\"a\":1}", std::nullopt, 1); });
  auto v2 =
      f.store->write([&](Repos& r) { return r.add_rule_version(f.clinic, "points", "{\"a\":2}", std::nullopt, 2); });
  CHECK(v1.version == 1);
  CHECK(v2.version == 2);
  CHECK_FALSE(f.store->read([&](Repos& r) { return r.active_rule(f.clinic, "points"); }));
  f.store->write([&](Repos& r) { r.activate_rule_version(f.clinic, "points", 1); });
  f.store->write([&](Repos& r) { r.activate_rule_version(f.clinic, "points", 2); });
  auto active = f.store->read([&](Repos& r) { return r.active_rule(f.clinic, "points"); });
  REQUIRE(active);
  CHECK(active->version == 2);
  CHECK(active->document == "{\"a\":2}");
  CHECK_THROWS_AS(f.store->write([&](Repos& r) { r.activate_rule_version(f.clinic, "points", 9); }), ApiError);
}

TEST_CASE("idempotency records survive a restart; backup copies a consistent database") {
  Fixture f;
  f.store->write([&](Repos& r) {
    r.save_idempotency_record(IdempotencyRecord{"member:1", "key-1", "hash", 201, "{\"ok\":1}", 5});
  });
  f.store.reset();
  f.open();
  auto rec = f.store->read([&](Repos& r) { return r.idempotency_record("member:1", "key-1"); });
  REQUIRE(rec);
  CHECK(rec->status == 201);
  CHECK(rec->response == "{\"ok\":1}");
  CHECK_THROWS_AS(f.store->write([&](Repos& r) {
    r.save_idempotency_record(IdempotencyRecord{"member:1", "key-1", "other", 200, "{}", 6});
  }),
                  SqliteError);
  Store::backup(f.dir + "/t.db", f.dir + "/copy.db");
  Store copy(StoreOptions{f.dir + "/copy.db", "FULL", 1, 8}, f.vault, 1);
  CHECK(copy.read([&](Repos& r) { return r.idempotency_record("member:1", "key-1"); }));
}

TEST_CASE("writes after stop are refused") {
  Fixture f;
  f.store->stop();
  CHECK_FALSE(f.store->writer_alive());
  CHECK_THROWS_WITH_AS(f.store->write([](Repos& r) { return r.create_org("x", 1); }),
                       doctest::Contains("shutting down"), ApiError);
}

namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The database file and its WAL, as raw bytes (what a copy of the disk would show).
std::string db_and_wal(const std::string& db) {
  return file_bytes(db) + file_bytes(db + "-wal");
}

}  // namespace

TEST_CASE("erasure: no trace of the openid or its keyed hash in the db file or the WAL afterwards") {
  Fixture f;
  const std::string openid = "oERASEme-openid-5f3a9c";
  const std::string hash = f.vault.lookup_hash("openid", openid);
  f.store->write([&](Repos& r) {
    f.org = r.create_org("o", 1);
    f.clinic = r.create_clinic(f.org, "c", 480, 1);
  });
  int64_t m = f.member(openid);
  f.store->write([&](Repos& r) { r.set_member_pii(m, MemberPii{std::string("王五"), std::nullopt, std::nullopt}); });
  std::string before = db_and_wal(f.dir + "/t.db");
  CHECK(before.find(openid) == std::string::npos);  // stored as its keyed hash only
  CHECK(before.find(hash) != std::string::npos);    // …which the scan does find while the member lives
  CHECK(f.store->read([&](Repos& r) { return r.member_by_openid(openid); })->id == m);

  f.store->write_and_checkpoint([&](Repos& r) { r.erase_member(m, 50); });
  std::string after = db_and_wal(f.dir + "/t.db");
  CHECK(after.find(openid) == std::string::npos);
  CHECK(after.find(hash) == std::string::npos);
  CHECK(file_bytes(f.dir + "/t.db-wal").empty());  // checkpointed and truncated
  CHECK_FALSE(f.store->read([&](Repos& r) { return r.member_by_openid(openid); }));
  // The same WeChat user logging in again is a new member.
  CHECK(f.member(openid) != m);
}

TEST_CASE("migration 3 turns stored plaintext openids into keyed hashes and leaves no plaintext on disk") {
  std::string dir = testing::temp_dir();
  std::string path = dir + "/old.db";
  {
    Db db(path, Db::Mode::read_write);
    db.exec("PRAGMA journal_mode=WAL");
    testing::schema_at_version(db, 2);
    db.exec("INSERT INTO organizations(id, name, created_at_ms) VALUES(1, 'o', 1)");
    db.exec("INSERT INTO members(id, org_id, openid, created_at_ms) VALUES(7, 1, 'oLEGACY-plain-openid-77', 1)");
  }
  Vault vault{std::string(32, 'k')};
  {
    Store store(StoreOptions{path, "FULL", 1, 512}, vault, 2);
    CHECK(store.schema_version() >= 3);
    auto m = store.read([&](Repos& r) { return r.member_by_openid("oLEGACY-plain-openid-77"); });
    REQUIRE(m);
    CHECK(m->id == 7);
    CHECK(m->openid_hash == std::optional<std::string>(vault.lookup_hash("openid", "oLEGACY-plain-openid-77")));
    CHECK(db_and_wal(path).find("oLEGACY-plain-openid-77") == std::string::npos);
  }
  CHECK(db_and_wal(path).find("oLEGACY-plain-openid-77") == std::string::npos);
}

TEST_CASE("migration 14 keeps every account chunk and lot fate in key order, and indexes only spends by time") {
  std::string dir = testing::temp_dir();
  std::string path = dir + "/v13.db";
  {
    Db db(path, Db::Mode::read_write);
    testing::schema_at_version(db, 13);
    db.exec(
        "INSERT INTO organizations(id, name, created_at_ms) VALUES(1, 'a', 1);"
        "INSERT INTO members(id, org_id, created_at_ms) VALUES(5, 1, 1), (6, 1, 1);"
        "INSERT INTO member_account_chunks(member_id, part, chunk_key, chunk, org_id) "
        "VALUES(6, 0, 20, 'six-lots', 1), (5, 1, 9, 'five-window', 1), (5, 0, 30, 'five-lots-b', 1), "
        "(5, 0, 10, 'five-lots-a', 1);"
        "INSERT INTO lot_fates(member_id, entry_id, expired, org_id) VALUES(5, 'b', 3, 1), (5, 'a', 2, 1);");
  }
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{path, "FULL", 1, 512}, vault, 2);
  CHECK(store.schema_version() >= 14);
  auto chunks = store.read([](Repos& r) { return r.accounts().account_chunks(5); });
  CHECK(chunks == std::vector<AccountChunk>{{0, 10, "five-lots-a"}, {0, 30, "five-lots-b"}, {1, 9, "five-window"}});
  auto fates = store.read([](Repos& r) { return r.accounts().lot_fates(5, {""}); });  // every fate of member 5
  CHECK(fates == std::map<std::string, int64_t>{{"a", 2}, {"b", 3}});
  Db db(path, Db::Mode::read_only);
  auto names = [&](const char* sql) {
    std::vector<std::string> out;
    for (Stmt s = db.prepare(sql); s.step();) out.push_back(s.text(0));
    return out;
  };
  CHECK(names("SELECT name FROM sqlite_master WHERE sql LIKE '%WITHOUT ROWID' ORDER BY name") ==
        std::vector<std::string>{"campaign_usage", "lot_fates", "member_account_chunks", "spend_takes"});
  CHECK(names("SELECT name FROM sqlite_master WHERE tbl_name = 'ledger_entries' AND name LIKE 'ledger_member_%' "
              "ORDER BY name") == std::vector<std::string>{"ledger_member_id", "ledger_member_spend_at"});
  store.stop();
}

TEST_CASE(
    "migration 11 gives every organisation row the org_id of its clinic or member; the ledger stays append-only") {
  std::string dir = testing::temp_dir();
  std::string path = dir + "/v9.db";
  {
    Db db(path, Db::Mode::read_write);
    testing::schema_at_version(db, 10);
    db.exec(
        "INSERT INTO organizations(id, name, created_at_ms) VALUES(1, 'a', 1), (2, 'b', 1);"
        "INSERT INTO clinics(id, org_id, name, created_at_ms) VALUES(1, 1, 'a1', 1), (2, 2, 'b1', 1);"
        "INSERT INTO members(id, org_id, created_at_ms) VALUES(5, 1, 1), (6, 2, 1);"
        "INSERT INTO departments(id, clinic_id, code, name_zh, name_en) VALUES(1, 2, 'gp', '全科', 'GP');"
        "INSERT INTO ledger_entries(member_id, clinic_id, event_id, kind, points, at_ms, entry) "
        "VALUES(5, 1, 'e1', 'earn', 5, 1, '{}'), (6, 2, 'e2', 'earn', 5, 1, '{}');"
        "INSERT INTO referral_bindings(invitee_id, inviter_id, campaign_id, binding, bound_at_ms) "
        "VALUES(6, 6, 'c', '{}', 1);");
  }
  Vault vault{std::string(32, 'k')};
  Store store(StoreOptions{path, "FULL", 1, 512}, vault, 2);
  CHECK(store.schema_version() >= 10);
  Db db(path, Db::Mode::read_write);
  auto one = [&](const std::string& sql) {
    Stmt s = db.prepare(sql.c_str());
    REQUIRE(s.step());
    return s.i64(0);
  };
  CHECK(one("SELECT org_id FROM ledger_entries WHERE member_id = 5") == 1);
  CHECK(one("SELECT org_id FROM ledger_entries WHERE member_id = 6") == 2);
  CHECK(one("SELECT org_id FROM departments WHERE id = 1") == 2);
  CHECK(one("SELECT org_id FROM referral_bindings WHERE invitee_id = 6") == 2);
  CHECK_THROWS(db.exec("UPDATE ledger_entries SET points = 6"));
  CHECK_THROWS(db.exec("UPDATE ledger_entries SET org_id = 2"));
  // A new row gets it from its member through the write path.
  store.write([&](Repos& r) {
    LedgerEntry e;
    e.member_id = 6;
    e.clinic_id = 2;
    e.event_id = "e3";
    e.kind = "earn";
    e.points = 1;
    e.at_ms = 2;
    e.entry = "{}";
    r.append_ledger(e);
  });
  CHECK(one("SELECT org_id FROM ledger_entries WHERE event_id = 'e3'") == 2);
  store.stop();
}
