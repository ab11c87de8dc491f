#include "store/pg_account_repo.h"

#include <algorithm>

#include "store/ledger_rows.h"
#include "store/org_of.h"
#include "store/pg_repos.h"
#include "store/repositories.h"

namespace clinic::server {
namespace {

#define LEDGER_COLUMNS_L \
  "l.id, l.member_id, l.clinic_id, l.event_id, l.kind, l.points, l.at_ms, l.rule_version_id, l.entry"

// Entry ids of an event are "<event>#<n>": the range ["<event>#", "<event>$") holds exactly
// them ('$' follows '#' in byte order; the columns are COLLATE "C"), an index range scan.
std::string range_end(const std::string& event_id) {
  return event_id + "$";
}

// Runs `all` (for an empty event id: every row of the member) or `range` (the rows whose entry id
// is one of the event's, "<event>#n") for each event id, and `row` on each row found.
template <class Row>
void each_event_row(PgConn& db, int64_t member_id, const std::vector<std::string>& event_ids, const char* all,
                    const char* range, Row row) {
  for (const std::string& ev : event_ids) {
    PgQuery s = db.prepare(ev.empty() ? all : range);
    s.bind(1, member_id);
    if (!ev.empty()) s.bind(2, ev + "#").bind(3, range_end(ev));
    while (s.step()) row(s);
  }
}

}  // namespace

std::optional<AccountRow> PgAccountRepo::account_head(int64_t member_id) {
  PgQuery q =
      db_.prepare("SELECT version, account, last_entry_id, updated_at_ms FROM member_accounts WHERE member_id = $1");
  q.bind(1, member_id);
  if (!q.step()) return std::nullopt;
  return AccountRow{member_id, q.i64(0), q.text(1), q.i64(2), q.i64(3), {}};
}

std::vector<AccountChunk> PgAccountRepo::account_chunks(int64_t member_id) {
  PgQuery c = db_.prepare(
      "SELECT part, chunk_key, chunk FROM member_account_chunks WHERE member_id = $1 ORDER BY part, chunk_key");
  c.bind(1, member_id);
  std::vector<AccountChunk> out;
  while (c.step()) out.push_back(AccountChunk{static_cast<int>(c.i64(0)), c.i64(1), c.text(2)});
  return out;
}

int64_t PgAccountRepo::account_version(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT version FROM member_accounts WHERE member_id = $1");
  q.bind(1, member_id);
  return q.step() ? q.i64(0) : 0;
}

bool PgAccountRepo::save_account(const AccountRow& row, int64_t expected_version) {
  // Optimistic: false when another writer saved first. Two SERIALIZABLE writers of one member
  // that both read the same version cannot both commit: the loser is retried from its read.
  if (expected_version == 0) {
    bool inserted =
        db_.prepare(
               "INSERT INTO member_accounts(member_id, version, account, last_entry_id, updated_at_ms, org_id) "
               "VALUES($1, 1, $2, $3, $4, " ORG_OF_MEMBER("$1") ") ON CONFLICT(member_id) DO NOTHING")
            .bind(1, row.member_id)
            .bind(2, row.account)
            .bind(3, row.last_entry_id)
            .bind(4, row.updated_at_ms)
            .affected() == 1;
    // Chunks left by a row deleted around the server (a tool) belong to no account.
    if (inserted) db_.prepare("DELETE FROM member_account_chunks WHERE member_id = $1").bind(1, row.member_id).run();
    return inserted;
  }
  return db_.prepare(
                "UPDATE member_accounts SET version = version + 1, account = $1, last_entry_id = $2, "
                "updated_at_ms = $3 WHERE member_id = $4 AND version = $5")
             .bind(1, row.account)
             .bind(2, row.last_entry_id)
             .bind(3, row.updated_at_ms)
             .bind(4, row.member_id)
             .bind(5, expected_version)
             .affected() == 1;
}

void PgAccountRepo::save_chunks(int64_t member_id, const std::vector<AccountChunk>& changed,
                                const std::vector<AccountChunk>& removed) {
  for (const AccountChunk& c : changed) {
    db_.prepare(
           "INSERT INTO member_account_chunks(member_id, part, chunk_key, chunk, org_id) VALUES($1, $2, $3, "
           "$4, " ORG_OF_MEMBER("$1") ") ON CONFLICT(member_id, part, chunk_key) DO UPDATE SET chunk = excluded.chunk")
        .bind(1, member_id)
        .bind(2, int64_t{c.part})
        .bind(3, c.key)
        .bind(4, c.text)
        .run();
  }
  for (const AccountChunk& c : removed) {
    db_.prepare("DELETE FROM member_account_chunks WHERE member_id = $1 AND part = $2 AND chunk_key = $3")
        .bind(1, member_id)
        .bind(2, int64_t{c.part})
        .bind(3, c.key)
        .run();
  }
}

std::vector<LedgerEntry> PgAccountRepo::ledger_related(int64_t member_id, const std::vector<std::string>& event_ids) {
  std::vector<LedgerEntry> out;
  for (const std::string& ev : event_ids) {
    if (ev.empty()) continue;
    PgQuery q = db_.prepare("SELECT " LEDGER_COLUMNS_L
                            " FROM ledger_entries l WHERE l.member_id = $1 AND l.event_id >= $2 AND l.event_id < $3");
    q.bind(1, member_id).bind(2, ev + "#").bind(3, range_end(ev));
    while (q.step()) out.push_back(read_ledger_entry(q));
    PgQuery r = db_.prepare("SELECT " LEDGER_COLUMNS_L
                            " FROM ledger_reversals x JOIN ledger_entries l ON l.id = x.entry_row_id "
                            "WHERE x.member_id = $1 AND x.reverses >= $2 AND x.reverses < $3");
    r.bind(1, member_id).bind(2, ev + "#").bind(3, range_end(ev));
    while (r.step()) out.push_back(read_ledger_entry(r));
  }
  std::sort(out.begin(), out.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.id < b.id; });
  out.erase(
      std::unique(out.begin(), out.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.id == b.id; }),
      out.end());
  return out;
}

void PgAccountRepo::index_reversal(int64_t member_id, const std::string& reverses, int64_t row_id) {
  db_.prepare(
         "INSERT INTO ledger_reversals(member_id, reverses, entry_row_id, org_id) VALUES($1, $2, $3, " ORG_OF_MEMBER(
             "$1") ") ON CONFLICT DO NOTHING")
      .bind(1, member_id)
      .bind(2, reverses)
      .bind(3, row_id)
      .run();
}

std::vector<LedgerEntry> PgAccountRepo::ledger_entries_desc(int64_t member_id, int64_t before_id, int limit) {
  PgQuery q = db_.prepare("SELECT " LEDGER_COLUMNS_L
                          " FROM ledger_entries l WHERE l.member_id = $1 AND l.id < $2 ORDER BY l.id DESC LIMIT $3");
  q.bind(1, member_id).bind(2, before_id > 0 ? before_id : INT64_MAX).bind(3, int64_t{limit});
  std::vector<LedgerEntry> out;
  while (q.step()) out.push_back(read_ledger_entry(q));
  return out;
}

int64_t PgAccountRepo::last_ledger_id(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM ledger_entries WHERE member_id = $1");
  q.bind(1, member_id);
  q.step();
  return q.i64(0);
}

std::vector<int64_t> PgAccountRepo::members_with_ledger() {
  PgQuery q = db_.prepare("SELECT DISTINCT member_id FROM ledger_entries ORDER BY member_id");
  std::vector<int64_t> out;
  while (q.step()) out.push_back(q.i64(0));
  return out;
}

std::map<std::string, int64_t> PgAccountRepo::lot_fates(int64_t member_id, const std::vector<std::string>& event_ids) {
  std::map<std::string, int64_t> out;
  each_event_row(db_, member_id, event_ids, "SELECT entry_id, expired FROM lot_fates WHERE member_id = $1",
                 "SELECT entry_id, expired FROM lot_fates WHERE member_id = $1 AND entry_id >= $2 AND entry_id < $3",
                 [&](const PgQuery& q) { out[q.text(0)] = q.i64(1); });
  return out;
}

void PgAccountRepo::add_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& deltas) {
  for (const auto& [id, x] : deltas) {
    db_
        .prepare("INSERT INTO lot_fates(member_id, entry_id, expired, org_id) VALUES($1, $2, $3, " ORG_OF_MEMBER(
            "$1") ") "
                  "ON CONFLICT(member_id, entry_id) DO UPDATE SET expired = lot_fates.expired + excluded.expired")
        .bind(1, member_id)
        .bind(2, id)
        .bind(3, x)
        .run();
  }
}

void PgAccountRepo::replace_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& totals) {
  db_.prepare("DELETE FROM lot_fates WHERE member_id = $1").bind(1, member_id).run();
  add_lot_fates(member_id, totals);
}

std::map<std::string, std::string> PgAccountRepo::spend_takes(int64_t member_id,
                                                              const std::vector<std::string>& event_ids) {
  std::map<std::string, std::string> out;
  each_event_row(db_, member_id, event_ids, "SELECT entry_id, takes FROM spend_takes WHERE member_id = $1",
                 "SELECT entry_id, takes FROM spend_takes WHERE member_id = $1 AND entry_id >= $2 AND entry_id < $3",
                 [&](const PgQuery& q) { out[q.text(0)] = q.text(1); });
  return out;
}

void PgAccountRepo::save_spend_takes(int64_t member_id, const std::map<std::string, std::string>& changed,
                                     const std::vector<std::string>& removed) {
  for (const auto& [id, takes] : changed) {
    db_.prepare("INSERT INTO spend_takes(member_id, entry_id, takes, org_id) VALUES($1, $2, $3, " ORG_OF_MEMBER(
                    "$1") ") ON CONFLICT(member_id, entry_id) DO UPDATE SET takes = excluded.takes")
        .bind(1, member_id)
        .bind(2, id)
        .bind(3, takes)
        .run();
  }
  for (const std::string& id : removed) {
    db_.prepare("DELETE FROM spend_takes WHERE member_id = $1 AND entry_id = $2").bind(1, member_id).bind(2, id).run();
  }
}

void PgAccountRepo::replace_spend_takes(int64_t member_id, const std::map<std::string, std::string>& all) {
  db_.prepare("DELETE FROM spend_takes WHERE member_id = $1").bind(1, member_id).run();
  save_spend_takes(member_id, all, {});
}

}  // namespace clinic::server
