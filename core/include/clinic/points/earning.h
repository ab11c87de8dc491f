// Earning: an event + the member's ledger -> the entries it creates, with reasons.
// Idempotent by event id; caps per local day/month; tier multiplier; pending window
// for visits; check-in streaks and badges (at most one check-in per local day).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clinic/points/ledger.h"
#include "clinic/points/pricing.h"
#include "clinic/points/rules.h"

namespace clinic::points {

struct Event {
  std::string id;
  EventType type = EventType::register_member;
  int64_t at_ms = 0;
  // visit_completed: the paid cart (eligible amount = non-rx payable after discounts).
  std::vector<CartItem> items;
  std::vector<IssuedCoupon> coupons;
  std::string invitee_campaign_id;
  // referral_success points are only credited by referral.settle (a confirmed paid visit of
  // the invitee), never by posting the event: no reward for a bare share.
  bool from_settlement = false;
};

struct EarnResult {
  bool duplicate = false;           // event id already in the ledger: nothing new
  bool already_checked_in = false;  // daily_checkin on a local day that already has one
  std::vector<Entry> entries;       // to append, in order
  int64_t points = 0;               // total points of the new entries
  std::vector<Reason> reasons;
  int32_t streak_days = 0;          // daily_checkin only
  std::vector<std::string> badges;  // badges earned by this event
  int64_t eligible_fen = 0;         // visit_completed only
};

// Errors: forbidden (referral_success not from a settlement); pricing errors of a visit cart.
Result<EarnResult> earn(const Rules& rules, const std::vector<Entry>& ledger, const Event& event);
class MemberView;
// The same against a view of the member (an AccountView: cost bounded by the account).
Result<EarnResult> earn(const Rules& rules, const MemberView& member, const Event& event);

// Consecutive local days with a check-in, ending on `day` (0 when `day` has none).
int32_t streak_ending(const Rules& rules, const std::vector<Entry>& ledger, int64_t day);

}  // namespace clinic::points
