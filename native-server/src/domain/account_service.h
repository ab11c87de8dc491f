// Member accounts on the server (issue 16): every points op runs in the core's account
// form — the member's stored account + the few ledger entries the op concerns (looked up
// by event id) + their lot fates + the takes of their spends — so its cost depends on the
// account, not on the history. The op's entries, the next account, the fate increments and
// the takes of the spends it made are written in the same transaction; the account row's
// version must be the one read. Takes live in their own rows (spend_takes), not in the
// account row: an op is given only those of the spends it may reverse. An account that is missing
// (a ledger from before accounts), out of step with the ledger, or computed under another
// rules basis is rebuilt from the ledger by the core's reference replay (account.replay).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"
#include "store/repositories.h"

namespace clinic::server {

// Thrown inside Store::write when an account read on the worker has moved since (another
// write of the member got there first). Not an ApiError: the caller computes again from a
// new snapshot, a bounded number of times (domain/account_write.h).
struct StaleAccount : std::exception {
  int64_t member_id = 0;  // whose account moved (0: another row the plan read)
  StaleAccount() = default;
  explicit StaleAccount(int64_t member) : member_id(member) {}
  const char* what() const noexcept override { return "the member's account changed since it was read"; }
};

struct History {
  int64_t member_id = 0;
  int64_t version = 0;        // of the stored row; 0 when there is none yet
  int64_t last_entry_id = 0;  // the newest ledger row the account reflects
  boost::json::value account;
  boost::json::array related;
  boost::json::object fates;                // kept totals of the related entries
  bool rebuilt = false;                     // replayed now: the save replaces every fate with all_fates
  boost::json::object all_fates;            // rebuilt only
  std::vector<AccountChunk> stored_chunks;  // the chunk rows read: a save writes only what differs
  // The spends put into the account's "spends" (entry id -> takes): those of the related
  // entries. A rebuilt account holds every spend; a save then replaces the member's takes.
  std::map<std::string, std::string> given_spends;
};

// The account JSON a row holds: its chunk rows put back into "lots" and "tier"."window".
boost::json::value stored_account(const AccountRow& row);

// The instant of the account's newest entry (0 for an empty account).
int64_t account_clock(const History& h);
// A write is dated when its request arrived; a racing request of the same member that arrived
// a moment later may have stored its entries first. The account refuses entries dated before
// its newest one, so such a write is dated at that entry instead (only within kRaceWindowMs:
// a clock that went further back is refused as before).
inline constexpr int64_t kRaceWindowMs = 60'000;
inline int64_t raced_time(int64_t at_ms, int64_t clock_ms) {
  return clock_ms > at_ms && clock_ms - at_ms <= kRaceWindowMs ? clock_ms : at_ms;
}

// Loads (or rebuilds) a member's account and the entries of `event_ids`.
History load_history(Repos& r, int64_t member_id, const RuleVersion& rules, const std::vector<std::string>& event_ids,
                     bool force_rebuild = false);
// Puts the history into an op's arguments: "<prefix>account", "<prefix>related", "<prefix>lot_fates".
void put_history(boost::json::object& args, const History& h, const std::string& prefix = "");
// Inside Store::write: throws StaleAccount unless the member's account row (version) and
// newest ledger row are still the ones `h` was read with.
void require_current(Repos& r, const History& h);
// Appends `entries` and stores `next_account` and the fate increments. Call inside Store::write;
// checks require_current first.
void save_history(Repos& r, const History& h, int64_t clinic_id, int64_t rule_version_id,
                  const boost::json::array& entries, const boost::json::value& next_account,
                  const boost::json::value& fate_deltas, int64_t now_ms);

// Whether the core refused the stored account itself rather than the request: computed under
// another rules basis (a conflict at $.account), or unreadable (a field inside it malformed,
// e.g. a chunk whose items the core found malformed when it decoded them: chunks are checked
// only then). The ledger is the truth: the caller rebuilds the account from it, once.
// `at`: where the op reads that account ("$.inviter_account" for a refund's inviter).
bool stored_account_refused(const ApiError& e, std::string_view at = "$.account");
// Logs a refusal that is not a rules basis change (the stored account was damaged).
void note_refused_account(const ApiError& e, int64_t member_id);

// Runs `call(h)` on the member's stored account; when the core refuses that account (read by the
// op at `at`), rebuilds it from the ledger into `h` and runs `call` again, once.
template <class Call>
auto call_rebuilding(Repos& r, History& h, const RuleVersion& rules, const std::vector<std::string>& event_ids,
                     Call call, std::string_view at = "$.account") {
  try {
    return call(static_cast<const History&>(h));
  } catch (const ApiError& e) {
    if (!stored_account_refused(e, at)) throw;
    note_refused_account(e, h.member_id);
  }
  h = load_history(r, h.member_id, rules, event_ids, true);
  return call(static_cast<const History&>(h));
}

// points.balance from the member's account (no ledger read).
boost::json::object member_balance(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t now_ms,
                                   const std::string& lang);

// Points of the member that expired in [from_ms, to_ms): from the member's account when it has
// no entry after from_ms, else a replay of the stored ledger (in-process: any history length).
int64_t expired_between(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t from_ms, int64_t to_ms);

// Builds the account rows missing or out of step with their ledger (at start). Returns how many.
class Store;
int build_missing_accounts(Store& store, int64_t now_ms);

// Replays every member's ledger (of one organization, or all) and compares it with the stored
// account and lot fates; each difference names the member and what differs.
struct AccountCheck {
  int64_t members = 0, entries = 0;
  std::vector<std::string> differences;  // "member 12: ..." (empty when all match)
};
AccountCheck verify_accounts(Repos& r, std::optional<int64_t> org_id = std::nullopt);

}  // namespace clinic::server
