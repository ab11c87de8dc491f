// Member accounts beside the ledger (issue 16): one row per member (version, the core's
// account JSON, the last ledger row it reflects) and a row per chunk of its open lots and
// tier window (a write rewrites only the chunks it changed), the index of reverse entries (a refund
// finds what already undid an event without reading the ledger), the lot fates (points
// of closed credit lots that expired; a later reversal of that credit needs them) and the
// takes of every unreversed spend (where its points came from; a reversal of the spend gives
// them back there). Fates and takes are read only for the events an op concerns.
// Same rules as repositories.h: write methods only inside Store::write().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clinic::server {

struct LedgerEntry;  // store/repositories.h

// One chunk of an account's open lots (part 0) or tier window (part 1): the core's chunk text,
// keyed as the core keys it (the text's first number).
struct AccountChunk {
  int part = 0;
  int64_t key = 0;
  std::string text;
  bool operator==(const AccountChunk&) const = default;
};
inline constexpr int kLotChunks = 0, kWindowChunks = 1;

struct AccountRow {
  int64_t member_id = 0;
  int64_t version = 0;        // +1 on every save; a writer saves only over the version it read
  std::string account;        // the core's member_account JSON without its chunks (or, written
                              // before migration 13, with them inline)
  int64_t last_entry_id = 0;  // the newest ledger row (ledger_entries.id) it reflects
  int64_t updated_at_ms = 0;
  std::vector<AccountChunk> chunks;  // read: the member's chunk rows by part, key
};

class AccountRepo {
 public:
  virtual ~AccountRepo() = default;
  virtual std::optional<AccountRow> account_head(int64_t member_id) = 0;    // `chunks` left empty
  virtual std::vector<AccountChunk> account_chunks(int64_t member_id) = 0;  // by part, key
  // The row with its chunk rows.
  std::optional<AccountRow> account_row(int64_t member_id) {
    std::optional<AccountRow> row = account_head(member_id);
    if (row) row->chunks = account_chunks(member_id);
    return row;
  }
  virtual int64_t account_version(int64_t member_id) = 0;  // 0 when there is no row
  // write: inserts (expected_version 0: no row yet) or updates the row stored at
  // expected_version to expected_version + 1; false when another write got there first.
  virtual bool save_account(const AccountRow& row, int64_t expected_version) = 0;
  // write: stores these chunks (inserted or replaced) and deletes the rows of `removed`.
  virtual void save_chunks(int64_t member_id, const std::vector<AccountChunk>& changed,
                           const std::vector<AccountChunk>& removed) = 0;
  // Entries of these events (ids "<event>#n") and the reverse entries naming them, oldest first.
  virtual std::vector<LedgerEntry> ledger_related(int64_t member_id, const std::vector<std::string>& event_ids) = 0;
  // write: records that ledger row `row_id` reverses entry `reverses`.
  virtual void index_reversal(int64_t member_id, const std::string& reverses, int64_t row_id) = 0;
  // Newest first: entries with id < before_id (0: from the newest).
  virtual std::vector<LedgerEntry> ledger_entries_desc(int64_t member_id, int64_t before_id, int limit) = 0;
  virtual int64_t last_ledger_id(int64_t member_id) = 0;  // 0 when the member has no entry
  virtual std::vector<int64_t> members_with_ledger() = 0;
  // Kept totals for the entries of these events (an empty event id: every fate of the member).
  virtual std::map<std::string, int64_t> lot_fates(int64_t member_id, const std::vector<std::string>& event_ids) = 0;
  virtual void add_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& deltas) = 0;      // write
  virtual void replace_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& totals) = 0;  // write
  // Takes (the core's "takes" text) of the spend entries of these events, by entry id (an
  // empty event id: every spend of the member).
  virtual std::map<std::string, std::string> spend_takes(int64_t member_id,
                                                         const std::vector<std::string>& event_ids) = 0;
  // write: stores these spends' takes (inserted or replaced) and deletes those of `removed`.
  virtual void save_spend_takes(int64_t member_id, const std::map<std::string, std::string>& changed,
                                const std::vector<std::string>& removed) = 0;
  // write: the member's takes become exactly `all` (an account rebuilt from the ledger).
  virtual void replace_spend_takes(int64_t member_id, const std::map<std::string, std::string>& all) = 0;
};

}  // namespace clinic::server
