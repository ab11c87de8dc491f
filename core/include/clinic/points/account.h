// A member's account: the compact state the engines need to decide the next operation,
// derived from the ledger. The ledger stays the append-only truth; `replay(ledger)` is the
// reference definition of the account and `apply(account, entries)` folds new entries with
// the same code, so an account kept beside the ledger always equals its replay (tested by
// tests/core/account_properties_test.cpp, verifiable on a live database).
//
// What the account deliberately does NOT hold (it would grow with the history): every
// event id, every entry, the fate of credits long closed. Operations that need one of those
// facts (idempotency by event id, reversing an old event) receive the few ledger entries they
// concern as `Related` — the caller looks them up by event id — and closed credit lots whose
// points expired are reported as `LotFates` for the caller to keep beside the ledger.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/points/ledger.h"
#include "clinic/points/rules.h"

namespace clinic {
class ReadContext;
}

namespace clinic::points {

// 2: lots, spend takes and the tier window as packed integer lists (one JSON string each
// instead of an object per lot: the codec's cost is what grows with a long history); the
// unused `earned` flags dropped; `available_at_ms` 0 once released. Older accounts are
// refused as a conflict at $.account (like another rules basis): rebuild from the ledger.
// 3: millisecond fields fold their trailing zeros ("864e5") and a lot chunk writes each id
// after its first as the length it shares with the previous id + the rest (a year of daily
// check-ins: 19% fewer bytes with the benchmark's short ids, 30% with the server's).
// 4: a lot or a window pair whose numbers are the previous one's in its chunk writes "="
// instead of them (a check-in a day: "1 5 5 0 864e5" after every lot id and "864e5 5" for
// every window pair but a chunk's first).
// 5: `spends` holds only the spends the caller gave (those an op may reverse) and the ones the
// op made; a take no longer carries "source reversed since" (the fold asks the LedgerIndex
// whether the source credit is reversed when it gives a take back). A host keeps every
// spend's takes beside the ledger, as it keeps lot fates: a member who redeems every month
// no longer carries ten years of takes into every operation.
inline constexpr int kAccountSchemaVersion = 5;

// A credit lot still open: points left (or pending), or points that a refund could still
// give back to it. FIFO spending takes from the lowest `seq` first.
struct AccountLot {
  std::string entry_id;  // the ledger entry that created it
  int64_t seq = 0;       // creation order (FIFO)
  int64_t original = 0, remaining = 0;
  int64_t available_at_ms = 0, expires_at_ms = 0;  // available 0 = released; expires 0 = never
  bool released = false;                           // == (available_at_ms == 0)
};

// Where one unreversed spend took its points from (to give them back on a refund). Whether
// the source credit was reversed since is asked of the LedgerIndex when the take is given back
// (a credit reversed before the spend had no lot left to take from).
struct AccountTake {
  std::string lot_entry_id;  // empty: the spend went into debt
  int64_t lot_seq = -1, amount = 0;
  int64_t lot_original = 0, lot_expires_at_ms = 0;
};
struct AccountSpend {
  std::string entry_id;
  std::vector<AccountTake> takes;
};

// Points of one event type in the current local day and month (caps), and how many
// unreversed positive earnings of the type exist (once-only events).
struct CapCounter {
  int64_t day = INT64_MIN, day_points = 0;
  int64_t month = INT64_MIN, month_points = 0;
  int64_t positive_count = 0;
};

// Referral rewards of one campaign credited to this member (as inviter) in a local month.
struct CampaignUsage {
  int64_t month = INT64_MIN, used = 0;  // points + fen of unreversed referral_reward entries
};

// Lots and tier-window pairs travel in chunks (one JSON string each: a summary, then the
// items). A chunk that no operation needs stays as the codec's text, with only its summary
// read: an account with a long history is read and written without decoding the hundreds
// of lots and window pairs nothing touches. Chunking is a function of the items alone
// (lots by seq, pairs by instant), so an account encodes the same however it was reached.
inline constexpr int64_t kLotsPerChunk = 32;                        // by seq / 32
inline constexpr int64_t kWindowChunkMs = 32LL * 24 * 3600 * 1000;  // by earned_at / 32 days
// Where the chunks of an account read from a request came from: the reader's context and the
// path of the chunk array ("$.account.lots").
struct ChunkSource {
  ReadContext* context = nullptr;
  std::string path;
};
// One chunk; its summary says, for lots: the remaining points of its released (`sum`) and
// pending lots, the earliest expiry (`lo`, 0: none) and the earliest release of a pending
// lot (`hi`, 0: none); for window pairs: the points (`sum`), the earliest and the latest
// instant (`lo`, `hi`).
struct Chunk {
  int64_t key = 0;  // lots: seq / kLotsPerChunk; pairs: floor(earned_at_ms / kWindowChunkMs)
  int64_t count = 0, sum = 0, pending = 0, lo = 0, hi = 0;
  std::string text;  // the chunk as the codec writes it
  // Window pairs decoded on the side by a read (the sum across a window's lower end), kept so
  // that the later reads and the thaw of the same chunk in one operation decode it once. Not
  // part of the account's value; `text` is never changed in place. An Account, like any
  // value here, is not read from two threads at once.
  mutable std::optional<std::vector<std::pair<int64_t, int64_t>>> pairs;
  // A chunk read from a request (none for one written in this process) and its place in its
  // array. Only the summary is checked when the account is read; the items are checked when
  // an operation decodes them, and one found malformed then is recorded in the request's
  // context at the chunk's path, like any other read error: the op's answer is not given.
  std::shared_ptr<const ChunkSource> source;
  size_t index = 0;
};

// Tier state machine (see tiers.h): earnings inside the rolling window by instant, the tier
// reached, the next evaluation instant and an upgrade check not yet taken (it waits until
// every contribution of that instant is in).
struct TierState {
  // (earned_at_ms, net points earned at that instant), ascending, no zero sums.
  std::vector<std::pair<int64_t, int64_t>> window;  // decoded
  std::vector<Chunk> cold;                          // not decoded (chunks disjoint from `window`), by key
  int index = 0;
  bool started = false;         // evaluation instants exist after the first contribution
  int64_t next_eval_ms = 0;     // when started
  int64_t next_eval_month = 0;  // month index of next_eval_ms
  bool check_pending = false;   // an upgrade check at check_at_ms
  int64_t check_at_ms = 0;
};

struct Account {
  int schema_version = kAccountSchemaVersion;
  std::string rule_version;  // the rules of the newest entry folded
  // The rule parameters the derived state depends on: local calendar offset and the tier
  // policy ("offset|window_days|evaluation_months|min_earned,..."). Other rule changes
  // (points, caps, catalogue) need no replay; a different basis does.
  std::string basis;
  int32_t utc_offset_min = 480;
  std::string last_entry_id;     // the newest entry reflected
  int64_t entries = 0;           // how many ledger entries are reflected
  int64_t clock_ms = INT64_MIN;  // the replay clock: releases and expiries up to here are done

  std::vector<AccountLot> lots;  // open lots decoded, ascending seq
  std::vector<Chunk> cold_lots;  // open lots not decoded (chunks disjoint from `lots`), by key
  int64_t next_seq = 0;
  // Unreversed spends and where they took their points: those the caller gave (a replay: all
  // of them) and those folded since. A host keeps them apart from the account (by entry id)
  // and gives an op the spends of the events it concerns; reversing a spend whose takes were
  // not given is refused (`apply` names it).
  std::vector<AccountSpend> spends;
  int64_t debt = 0, expired = 0, lifetime_earned = 0, credit_fen = 0;

  std::map<std::string, CapCounter> caps;  // by entry event_type ("daily_checkin", ...)
  int64_t streak_start = 0,
          streak_end = -1;          // local days of the check-in run ending at the last one (empty when end < start)
  int64_t month = INT64_MIN;        // local month index of `month_days`
  uint32_t month_days = 0;          // bit d-1: checked in on day d of that month
  std::vector<std::string> badges;  // held (unreversed), sorted
  std::map<std::string, CampaignUsage> campaigns;
  TierState tier;
};

// Ledger entries the caller looked up for an operation (by the event's id, the target
// event's id and the reverse entries naming those, and the reverse entries naming the source
// credits of the given spends' takes), and the expired points of closed lots.
struct Related {
  std::vector<Entry> entries;
  std::map<std::string, int64_t> fates;  // entry id -> points of its lot that expired
  bool has_event(std::string_view event_id) const;
  const Entry* entry(std::string_view id) const;
  bool reversed(std::string_view entry_id) const;
};

// What the fold learns about earlier entries that the account does not hold.
class LedgerIndex {
 public:
  virtual ~LedgerIndex() = default;
  virtual const Entry* entry(std::string_view id) const = 0;
  virtual bool reversed(std::string_view id) const = 0;
  virtual int64_t expired(std::string_view id) const = 0;  // of a closed lot; 0 when none
};

// Lot fates: entry id -> points of its (closed) lot that expired. An op reports increments
// to add to what the caller keeps (a lot expiring, or a refund giving points back to a lot
// that has expired since); Related::fates carries the kept totals.
using LotFates = std::map<std::string, int64_t>;

// The empty account of a member under `rules`.
Account new_account(const Rules& rules);

// Reference definition: folds every entry (ledger order) dated at or before `until_ms`.
// Linear in the ledger (log factors for the id index). `fates` (optional) receives the
// expired points of every lot closed by expiry.
Account replay_account(const Rules& rules, const std::vector<Entry>& ledger, int64_t until_ms = INT64_MAX,
                       LotFates* fates = nullptr);

// Folds new entries (appended in this order) into `account`. `index` answers for earlier
// entries the new ones refer to (reversal targets, whether a take's source was reversed);
// `fates` receives lot fate changes. Returns the id of the first spend the entries reverse
// whose takes `account.spends` does not hold (empty when none): the fold then gave nothing
// back for it, and the caller must not keep the result.
[[nodiscard]] std::string apply(Account& account, const Rules& rules, const std::vector<Entry>& entries,
                                const LedgerIndex& index, LotFates* fates);
[[nodiscard]] std::string apply(Account& account, const Rules& rules, const std::vector<Entry>& entries,
                                const Related& related, LotFates* fates);

// Moves the account's clock to `now_ms`: releases and expiries due by then (never backwards).
void advance(Account& account, int64_t now_ms, LotFates* fates);

// The balance of an account at now_ms (>= its clock; advanced on a copy). `live_lots` lists
// the decoded lots and those of chunks with a lot expiring by `expiring_until`.
Balance balance_of(const Account& account, int64_t now_ms, int64_t expiring_until = INT64_MIN);

// Open lots and tier-window pairs, decoded or not.
int64_t lot_count(const Account& account);
int64_t window_count(const Account& account);

// Consecutive local days with a check-in ending on `day` (0 when `day` has none); `day`
// at or after the last check-in's day minus the run.
int32_t streak_ending(const Account& account, int64_t day);

// Why an account cannot serve `rules` (nullopt-like: empty message when it can).
std::string account_problem(const Account& account, const Rules& rules);

// Which field of account.tier no core writes under `rules` (empty when none): an index past
// the levels, or a next evaluation that is not one of the rules' month starts in the range of
// event times (civil::kMinEpochMs..kMaxEpochMs).
std::string tier_state_problem(const Account& account, const Rules& rules);

}  // namespace clinic::points
