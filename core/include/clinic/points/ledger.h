// The member's append-only ledger and its replay. Entries are never edited: a refund
// appends `reverse` entries naming what they undo. The balance is always a replay of
// the ledger at an instant (pending -> available by time, FIFO spending, expiry).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/points/rules.h"

namespace clinic::points {

enum class EntryKind { earn, spend, reverse, rebate };
inline constexpr std::string_view kEntryKindNames[] = {"earn", "spend", "reverse", "rebate"};

// One ledger line. `points` is signed; `credit_fen` is rebate credit (account credit in
// fen, usable at the clinic, never withdrawable). Ids are "<event_id>#<n>".
struct Entry {
  std::string id, event_id;
  EntryKind kind = EntryKind::earn;
  std::string event_type;  // earning event ("visit_completed"), "badge", "coupon", "referral_reward", ...
  int64_t points = 0;
  int64_t credit_fen = 0;
  int64_t at_ms = 0;
  int64_t available_at_ms = 0;  // > at_ms: pending until then
  int64_t expires_at_ms = 0;    // 0: never
  std::string reverses;         // reverse: the entry id undone
  std::string coupon_code, catalogue_id, campaign_id, invitee_id, badge;
  std::string rule_version;
  std::string reason, text_zh, text_en;
};

std::string entry_id(std::string_view event_id, size_t n);  // "<event_id>#<n>", n from 1

// Replay result at `now_ms`. Invariant (tested): sum(points) == available + pending + expired.
struct Balance {
  int64_t available = 0;        // spendable now, minus any debt (may be negative)
  int64_t pending = 0;          // credited, not yet available (refund window)
  int64_t expired = 0;          // lost to expiry so far
  int64_t debt = 0;             // points owed after a refund reversed spent points
  int64_t lifetime_earned = 0;  // net of reversals
  int64_t credit_fen = 0;       // rebate credit
  struct Lot {
    size_t entry = 0;  // index into the ledger
    int64_t remaining = 0, available_at_ms = 0, expires_at_ms = 0;
    bool released = false;
  };
  std::vector<Lot> live_lots;                   // released or pending credit with points left, ledger order
  int64_t expiring_by(int64_t until_ms) const;  // available points expiring at or before until_ms
};

// Replays entries in ledger (append) order; the clock only moves forward. Entries dated
// after now_ms are ignored.
Balance replay(const std::vector<Entry>& ledger, int64_t now_ms);

// Index of the entries an event produced (for idempotency and reversal).
bool has_event(const std::vector<Entry>& ledger, std::string_view event_id);
// True when `entry_id` was already undone by a reverse entry (O(n): for one entry).
bool is_reversed(const std::vector<Entry>& ledger, std::string_view entry_id);
// Ids of every entry undone by a reverse entry (for loops over the whole ledger).
std::set<std::string> reversed_ids(const std::vector<Entry>& ledger);

// Appends reverse entries (ids "<cancel_event_id>#n") undoing every entry `target_event_id`
// created. Errors: not_found (nothing to undo), conflict (already undone).
Result<std::vector<Entry>> reverse_event(const Rules& rules, const std::vector<Entry>& ledger,
                                         std::string_view cancel_event_id, std::string_view target_event_id,
                                         int64_t at_ms);

// When a credit made at `at_ms` expires under the policy (0 = never).
int64_t expiry_for(const Rules& rules, int64_t at_ms);

}  // namespace clinic::points
