// Referral and rebates: binding an invitee to an inviter, and settling the inviter's
// reward once the invitee's first paid visit is confirmed. One level only: the engine
// has no notion of an inviter's inviter, and pays at most one reward per invitee.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clinic/points/ledger.h"
#include "clinic/points/member_view.h"
#include "clinic/points/pricing.h"
#include "clinic/points/rules.h"

namespace clinic::referral {

using points::Entry;
using points::Rules;

struct Member {
  std::string id;
  bool staff = false;
};

struct BindRequest {
  std::string campaign_id;
  Member inviter;
  std::string invitee_id;
  int64_t invitee_registered_at_ms = 0;
  std::string existing_inviter_id;  // the invitee's current binding, if any (first touch wins)
  int64_t shared_at_ms = 0;
  int64_t at_ms = 0;
};

struct Binding {
  std::string invitee_id, inviter_id, campaign_id, rule_version;
  int64_t shared_at_ms = 0, bound_at_ms = 0;
  bool inviter_rewardable = true;  // false for staff inviters
  bool already_bound = false;      // same binding asked for again (idempotent)
};

// Errors: not_found (campaign), forbidden (self-referral), conflict (already bound to
// someone else, outside the campaign or binding window, invitee registered before the share).
Result<Binding> bind(const Rules& rules, const BindRequest& req);

struct SettleRequest {
  Binding binding;
  Member inviter;
  std::vector<Entry> inviter_ledger;
  // When set, the inviter's history is asked through this view (an AccountView) and
  // inviter_ledger is not read.
  const points::MemberView* inviter_view = nullptr;
  std::string visit_event_id;
  int64_t visit_at_ms = 0;
  bool paid_confirmed = false;   // the desk confirmed a completed, paid visit
  bool first_paid_visit = true;  // the invitee's first paid visit (the server knows)
  std::vector<points::CartItem> items;
  std::vector<points::IssuedCoupon> coupons;
  bool invitee_discount = false;  // the campaign's invitee benefit was used on this visit
  int64_t campaign_used = 0;      // budget already used by the campaign (reward unit)
};

struct Settlement {
  bool duplicate = false;
  bool rewarded = false;
  std::string unit;  // "points" | "fen"
  int64_t amount = 0;
  int64_t eligible_paid_fen = 0;
  int64_t bonus_points = 0;            // the referral_success earning rule, credited with the reward
  std::vector<Entry> inviter_entries;  // to append to the inviter's ledger
  std::vector<points::Reason> reasons;
};

// Errors: forbidden (no confirmed paid visit), not_found (campaign), limit_reached (the
// monthly cap per inviter or the campaign budget has no room left).
Result<Settlement> settle(const Rules& rules, const SettleRequest& req);

// Reward already given to `inviter_ledger`'s owner by `campaign_id` in the local month of at_ms.
int64_t inviter_month_used(const Rules& rules, const std::vector<Entry>& inviter_ledger, std::string_view campaign_id,
                           int64_t at_ms);

}  // namespace clinic::referral
