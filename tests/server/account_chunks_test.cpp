// The stored form of a member account (domain/account_chunks.h, migration 13): a head row and
// one row per chunk of its open lots and tier window; a write rewrites only the chunks it
// changed, and accounts stored whole before migration 13 are split by it.
#include <doctest/doctest.h>

#include <set>

#include "domain/account_chunks.h"
#include "domain_fixture.h"
#include "store/migrations.h"
#include "store/sqlite.h"

using namespace clinic::server;
using namespace clinic::server::testing;
using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

// A member with a check-in a day for `days` days from kT0: one open lot per check-in (the demo
// rules expire points 12 months after), 32 lots per chunk.
int64_t daily_member(ClinicFixture& f, const std::string& openid, int days) {
  int64_t m = f.member(openid);
  for (int d = 0; d < days; ++d) {
    f.apply(m, "checkin.apply",
            object{{"event", object{{"id", "checkin:" + std::to_string(d)}, {"at_ms", kT0 + d * kDayMs}}}});
  }
  return m;
}

std::vector<AccountChunk> stored_chunks(ClinicFixture& f, int64_t m) {
  return f.store->read([&](Repos& r) { return r.accounts().account_row(m)->chunks; });
}

std::set<std::pair<std::string, int64_t>> keys_of(const std::vector<AccountChunk>& chunks) {
  std::set<std::pair<std::string, int64_t>> out;
  for (const AccountChunk& c : chunks) out.emplace(c.list, c.key);
  return out;
}

int64_t count(Db& db, const std::string& sql) {
  Stmt s = db.prepare(sql.c_str());
  REQUIRE(s.step());
  return s.i64(0);
}

}  // namespace

TEST_SUITE("account chunks") {
  TEST_CASE("split and join are inverse; changes name exactly the chunks that differ") {
    value account = boost::json::parse(R"({"schema":"member_account","lots":["0 2 a","1 1 b"],"next_seq":40,)"
                                       R"("tier":{"index":0,"window":["-3 1 x","7 2 y"]}})");
    SplitAccount s = split_account(account);
    value head = boost::json::parse(s.head);
    CHECK(!head.as_object().contains("lots"));
    CHECK(!head.at("tier").as_object().contains("window"));
    CHECK(head.at("next_seq") == 40);
    REQUIRE(s.chunks.size() == 4);
    CHECK(s.chunks.at({"window", -3}) == "-3 1 x");
    std::vector<AccountChunk> rows;
    for (const auto& [k, text] : s.chunks) rows.push_back(AccountChunk{k.first, k.second, text});
    CHECK(join_account(s.head, rows) == account);

    AccountChunkMap next = s.chunks;
    next[{"lots", 1}] = "1 2 b c";  // rewritten
    next.erase({"window", -3});     // gone
    next[{"lots", 2}] = "2 1 d";    // new
    AccountChunkChanges c = chunk_changes(s.chunks, next);
    REQUIRE(c.drop.size() == 1);
    CHECK(c.drop[0].list == "window");
    CHECK(c.drop[0].key == -3);
    REQUIRE(c.put.size() == 2);
    CHECK(c.put[0].key == 1);
    CHECK(c.put[0].text == "1 2 b c");
    CHECK(c.put[1].key == 2);
    CHECK(chunk_changes(s.chunks, s.chunks).put.empty());
  }

  TEST_CASE("a chunk that does not start with its key is refused as corrupt, not guessed") {
    value account = boost::json::parse(R"({"lots":["x 1"],"tier":{"window":[]}})");
    CHECK(api_error([&] { split_account(account); }).code == "internal");
  }

  TEST_CASE("a check-in rewrites the head and the chunks it changed, not the other chunks") {
    ClinicFixture f;
    int64_t m = daily_member(f, "o1", 70);  // lots 0-69: chunks 0, 1 and 2
    std::vector<AccountChunk> before = stored_chunks(f, m);
    CHECK(keys_of(before).count({"lots", 0}) == 1);
    CHECK(keys_of(before).count({"lots", 2}) == 1);
    CHECK(keys_of(before).count({"lots", 3}) == 0);
    std::string head = f.store->read([&](Repos& r) { return r.accounts().account_row(m)->account; });
    CHECK(head.find("\"lots\"") == std::string::npos);
    CHECK(head.find("\"window\"") == std::string::npos);

    // Every write to a chunk row from here on is recorded by a trigger in the same database.
    {
      Db db(f.dir + "/d.db", Db::Mode::read_write);
      db.exec(
          "CREATE TABLE chunk_writes(list TEXT, key INTEGER);"
          "CREATE TRIGGER chunk_insert AFTER INSERT ON account_chunks BEGIN "
          "INSERT INTO chunk_writes VALUES(new.list, new.key); END;"
          "CREATE TRIGGER chunk_update AFTER UPDATE ON account_chunks BEGIN "
          "INSERT INTO chunk_writes VALUES(new.list, new.key); END;"
          "CREATE TRIGGER chunk_delete AFTER DELETE ON account_chunks BEGIN "
          "INSERT INTO chunk_writes VALUES(old.list, old.key); END;");
    }
    int64_t available = f.available(m, kT0 + 70 * kDayMs);
    f.apply(m, "checkin.apply", object{{"event", object{{"id", "checkin:70"}, {"at_ms", kT0 + 70 * kDayMs}}}});
    Db db(f.dir + "/d.db", Db::Mode::read_only);
    std::set<std::pair<std::string, int64_t>> written;
    {
      Stmt s = db.prepare("SELECT list, key FROM chunk_writes");
      while (s.step()) written.emplace(s.text(0), s.i64(1));
    }
    // The new lot (seq 70) joins chunk 2; its earning joins the window chunk of its instant.
    CHECK(written.count({"lots", 2}) == 1);
    CHECK(written.count({"lots", 0}) == 0);
    CHECK(written.count({"lots", 1}) == 0);
    CHECK(written.size() <= 3);
    std::vector<AccountChunk> after = stored_chunks(f, m);
    for (const AccountChunk& c : before) {
      if (c.list == "lots" && c.key < 2) {
        auto it = std::find_if(after.begin(), after.end(),
                               [&](const AccountChunk& a) { return a.list == c.list && a.key == c.key; });
        REQUIRE(it != after.end());
        CHECK(it->text == c.text);
      }
    }
    CHECK(f.available(m, kT0 + 70 * kDayMs) == available + 5);
    CHECK(f.verify().differences.empty());
  }

  TEST_CASE("migration 13 splits accounts stored whole; the server goes on from them") {
    ClinicFixture f;
    int64_t m = daily_member(f, "o1", 40);
    int64_t empty = f.member("o2");
    f.event(empty, "register", "register", kT0);
    std::vector<AccountChunk> chunks = stored_chunks(f, m);
    REQUIRE(chunks.size() >= 3);  // two lot chunks and a window chunk
    value whole = f.store->read([&](Repos& r) {
      AccountRow row = *r.accounts().account_row(m);
      return join_account(row.account, row.chunks);
    });
    int64_t available = f.available(m, kT0 + 40 * kDayMs);
    f.store->stop();
    f.store.reset();
    {
      // The database as a server before migration 13 left it: each account whole in its row.
      Db db(f.dir + "/d.db", Db::Mode::read_write);
      db.exec("BEGIN");
      for (int64_t who : {m, empty}) {
        Stmt r = db.prepare("SELECT account FROM member_accounts WHERE member_id = ?");
        r.bind(1, who);
        REQUIRE(r.step());
        std::vector<AccountChunk> rows;
        Stmt c = db.prepare("SELECT list, key, chunk FROM account_chunks WHERE member_id = ? ORDER BY list, key");
        c.bind(1, who);
        while (c.step()) rows.push_back(AccountChunk{c.text(0), c.i64(1), c.text(2)});
        db.prepare("UPDATE member_accounts SET account = ? WHERE member_id = ?")
            .bind(1, boost::json::serialize(join_account(r.text(0), rows)))
            .bind(2, who)
            .run();
      }
      db.exec("DROP TABLE account_chunks; DELETE FROM schema_migrations WHERE version = 13; COMMIT");
      CHECK(count(db, "SELECT COUNT(*) FROM member_accounts WHERE json_extract(account, '$.lots') IS NOT NULL") == 2);
    }
    f.open();
    CHECK(f.store->schema_version() == 13);
    std::vector<AccountChunk> migrated = stored_chunks(f, m);
    REQUIRE(migrated.size() == chunks.size());
    for (size_t i = 0; i < chunks.size(); ++i) {
      CHECK(migrated[i].list == chunks[i].list);
      CHECK(migrated[i].key == chunks[i].key);
      CHECK(migrated[i].text == chunks[i].text);
    }
    CHECK(f.store->read([&](Repos& r) {
      AccountRow row = *r.accounts().account_row(m);
      return join_account(row.account, row.chunks);
    }) == whole);
    {
      Db db(f.dir + "/d.db", Db::Mode::read_only);
      CHECK(count(db, "SELECT COUNT(*) FROM member_accounts WHERE json_extract(account, '$.lots') IS NOT NULL") == 0);
      CHECK(count(db, "SELECT COUNT(*) FROM member_accounts WHERE json_extract(account, '$.tier.index') IS NULL") == 0);
      CHECK(count(db, "SELECT COUNT(*) FROM account_chunks WHERE org_id IS NULL") == 0);
    }
    CHECK(f.verify().differences.empty());
    CHECK(f.account_version(m) > 0);
    CHECK(f.available(m, kT0 + 40 * kDayMs) == available);
    f.apply(m, "checkin.apply", object{{"event", object{{"id", "checkin:40"}, {"at_ms", kT0 + 40 * kDayMs}}}});
    CHECK(f.available(m, kT0 + 40 * kDayMs) == available + 5);
    CHECK(f.verify().differences.empty());
  }
}
