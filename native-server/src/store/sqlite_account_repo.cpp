#include "store/sqlite_account_repo.h"

#include <algorithm>

#include "store/ledger_rows.h"
#include "store/org_of.h"
#include "store/repositories.h"

namespace clinic::server {
namespace {

#define LEDGER_COLUMNS_L \
  "l.id, l.member_id, l.clinic_id, l.event_id, l.kind, l.points, l.at_ms, l.rule_version_id, l.entry"

// Entry ids of an event are "<event>#<n>": the range ["<event>#", "<event>$") holds exactly
// them ('$' follows '#'), an index range scan on UNIQUE(member_id, event_id).
std::string range_end(const std::string& event_id) {
  return event_id + "$";
}

// Runs `all` (for an empty event id: every row of the member) or `range` (the rows whose entry id
// is one of the event's, "<event>#n") for each event id, and `row` on each row found.
template <class Row>
void each_event_row(Db& db, int64_t member_id, const std::vector<std::string>& event_ids, const char* all,
                    const char* range, Row row) {
  for (const std::string& ev : event_ids) {
    Stmt s = db.prepare(ev.empty() ? all : range);
    s.bind(1, member_id);
    if (!ev.empty()) s.bind(2, ev + "#").bind(3, range_end(ev));
    while (s.step()) row(s);
  }
}

}  // namespace

std::optional<AccountRow> SqliteAccountRepo::account_head(int64_t member_id) {
  Stmt s =
      db_.prepare("SELECT version, account, last_entry_id, updated_at_ms FROM member_accounts WHERE member_id = ?");
  s.bind(1, member_id);
  if (!s.step()) return std::nullopt;
  return AccountRow{member_id, s.i64(0), s.text(1), s.i64(2), s.i64(3), {}};
}

std::vector<AccountChunk> SqliteAccountRepo::account_chunks(int64_t member_id) {
  Stmt c = db_.prepare(
      "SELECT part, chunk_key, chunk FROM member_account_chunks WHERE member_id = ? ORDER BY part, chunk_key");
  c.bind(1, member_id);
  std::vector<AccountChunk> out;
  while (c.step()) out.push_back(AccountChunk{static_cast<int>(c.i64(0)), c.i64(1), c.text(2)});
  return out;
}

int64_t SqliteAccountRepo::account_version(int64_t member_id) {
  Stmt s = db_.prepare("SELECT version FROM member_accounts WHERE member_id = ?");
  s.bind(1, member_id);
  return s.step() ? s.i64(0) : 0;
}

bool SqliteAccountRepo::save_account(const AccountRow& row, int64_t expected_version) {
  if (expected_version == 0) {
    Stmt s = db_.prepare(
        "INSERT INTO member_accounts(member_id, version, account, last_entry_id, updated_at_ms, org_id) "
        "VALUES(?,1,?,?,?, " ORG_OF_MEMBER("?1") ") ON CONFLICT(member_id) DO NOTHING");
    s.bind(1, row.member_id).bind(2, row.account).bind(3, row.last_entry_id).bind(4, row.updated_at_ms).run();
    if (db_.changes() != 1) return false;
    // Chunks left by a row deleted around the server (a tool) belong to no account.
    Stmt d = db_.prepare("DELETE FROM member_account_chunks WHERE member_id = ?");
    d.bind(1, row.member_id).run();
    return true;
  } else {
    Stmt s = db_.prepare(
        "UPDATE member_accounts SET version = version + 1, account = ?, last_entry_id = ?, updated_at_ms = ? "
        "WHERE member_id = ? AND version = ?");
    s.bind(1, row.account).bind(2, row.last_entry_id).bind(3, row.updated_at_ms).bind(4, row.member_id);
    s.bind(5, expected_version).run();
  }
  return db_.changes() == 1;
}

void SqliteAccountRepo::save_chunks(int64_t member_id, const std::vector<AccountChunk>& changed,
                                    const std::vector<AccountChunk>& removed) {
  for (const AccountChunk& c : changed) {
    Stmt s = db_.prepare(
        "INSERT INTO member_account_chunks(member_id, part, chunk_key, chunk, org_id) VALUES(?,?,?,?, " ORG_OF_MEMBER(
            "?1") ") ON CONFLICT(member_id, part, chunk_key) DO UPDATE SET chunk = excluded.chunk");
    s.bind(1, member_id).bind(2, int64_t{c.part}).bind(3, c.key).bind(4, c.text).run();
  }
  for (const AccountChunk& c : removed) {
    Stmt s = db_.prepare("DELETE FROM member_account_chunks WHERE member_id = ? AND part = ? AND chunk_key = ?");
    s.bind(1, member_id).bind(2, int64_t{c.part}).bind(3, c.key).run();
  }
}

std::vector<LedgerEntry> SqliteAccountRepo::ledger_related(int64_t member_id,
                                                           const std::vector<std::string>& event_ids) {
  std::vector<LedgerEntry> out;
  for (const std::string& ev : event_ids) {
    if (ev.empty()) continue;
    Stmt s = db_.prepare("SELECT " LEDGER_COLUMNS_L
                         " FROM ledger_entries l WHERE l.member_id = ? AND l.event_id >= ? AND l.event_id < ?");
    s.bind(1, member_id).bind(2, ev + "#").bind(3, range_end(ev));
    while (s.step()) out.push_back(read_ledger_entry(s));
    Stmt r = db_.prepare("SELECT " LEDGER_COLUMNS_L
                         " FROM ledger_reversals x JOIN ledger_entries l ON l.id = x.entry_row_id "
                         "WHERE x.member_id = ? AND x.reverses >= ? AND x.reverses < ?");
    r.bind(1, member_id).bind(2, ev + "#").bind(3, range_end(ev));
    while (r.step()) out.push_back(read_ledger_entry(r));
  }
  std::sort(out.begin(), out.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.id < b.id; });
  out.erase(
      std::unique(out.begin(), out.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.id == b.id; }),
      out.end());
  return out;
}

void SqliteAccountRepo::index_reversal(int64_t member_id, const std::string& reverses, int64_t row_id) {
  db_.prepare(
         "INSERT OR IGNORE INTO ledger_reversals(member_id, reverses, entry_row_id, org_id) "
         "VALUES(?,?,?, " ORG_OF_MEMBER("?1") ")")
      .bind(1, member_id)
      .bind(2, reverses)
      .bind(3, row_id)
      .run();
}

std::vector<LedgerEntry> SqliteAccountRepo::ledger_entries_desc(int64_t member_id, int64_t before_id, int limit) {
  Stmt s = db_.prepare("SELECT " LEDGER_COLUMNS_L
                       " FROM ledger_entries l WHERE l.member_id = ? AND l.id < ? ORDER BY l.id DESC LIMIT ?");
  s.bind(1, member_id).bind(2, before_id > 0 ? before_id : INT64_MAX).bind(3, int64_t{limit});
  std::vector<LedgerEntry> out;
  while (s.step()) out.push_back(read_ledger_entry(s));
  return out;
}

int64_t SqliteAccountRepo::last_ledger_id(int64_t member_id) {
  Stmt s = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM ledger_entries WHERE member_id = ?");
  s.bind(1, member_id);
  s.step();
  return s.i64(0);
}

std::vector<int64_t> SqliteAccountRepo::members_with_ledger() {
  Stmt s = db_.prepare("SELECT DISTINCT member_id FROM ledger_entries ORDER BY member_id");
  std::vector<int64_t> out;
  while (s.step()) out.push_back(s.i64(0));
  return out;
}

std::map<std::string, int64_t> SqliteAccountRepo::lot_fates(int64_t member_id,
                                                            const std::vector<std::string>& event_ids) {
  std::map<std::string, int64_t> out;
  each_event_row(db_, member_id, event_ids, "SELECT entry_id, expired FROM lot_fates WHERE member_id = ?",
                 "SELECT entry_id, expired FROM lot_fates WHERE member_id = ? AND entry_id >= ? AND entry_id < ?",
                 [&](const Stmt& q) { out[q.text(0)] = q.i64(1); });
  return out;
}

void SqliteAccountRepo::add_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& deltas) {
  for (const auto& [id, x] : deltas) {
    db_
        .prepare("INSERT INTO lot_fates(member_id, entry_id, expired, org_id) VALUES(?,?,?, " ORG_OF_MEMBER(
            "?1") ") "
                  "ON CONFLICT(member_id, entry_id) DO UPDATE SET expired = expired + excluded.expired")
        .bind(1, member_id)
        .bind(2, id)
        .bind(3, x)
        .run();
  }
}

void SqliteAccountRepo::replace_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& totals) {
  db_.prepare("DELETE FROM lot_fates WHERE member_id = ?").bind(1, member_id).run();
  add_lot_fates(member_id, totals);
}

std::map<std::string, std::string> SqliteAccountRepo::spend_takes(int64_t member_id,
                                                                  const std::vector<std::string>& event_ids) {
  std::map<std::string, std::string> out;
  each_event_row(db_, member_id, event_ids, "SELECT entry_id, takes FROM spend_takes WHERE member_id = ?",
                 "SELECT entry_id, takes FROM spend_takes WHERE member_id = ? AND entry_id >= ? AND entry_id < ?",
                 [&](const Stmt& q) { out[q.text(0)] = q.text(1); });
  return out;
}

void SqliteAccountRepo::save_spend_takes(int64_t member_id, const std::map<std::string, std::string>& changed,
                                         const std::vector<std::string>& removed) {
  for (const auto& [id, takes] : changed) {
    db_.prepare("INSERT INTO spend_takes(member_id, entry_id, takes, org_id) VALUES(?, ?, ?, " ORG_OF_MEMBER(
                    "?") ") ON CONFLICT(member_id, entry_id) DO UPDATE SET takes = excluded.takes")
        .bind(1, member_id)
        .bind(2, id)
        .bind(3, takes)
        .run();
  }
  for (const std::string& id : removed) {
    db_.prepare("DELETE FROM spend_takes WHERE member_id = ? AND entry_id = ?").bind(1, member_id).bind(2, id).run();
  }
}

void SqliteAccountRepo::replace_spend_takes(int64_t member_id, const std::map<std::string, std::string>& all) {
  db_.prepare("DELETE FROM spend_takes WHERE member_id = ?").bind(1, member_id).run();
  save_spend_takes(member_id, all, {});
}

}  // namespace clinic::server
