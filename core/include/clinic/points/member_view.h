// What the engines ask about a member's history, answered either from the whole ledger
// (LedgerView: the reference, cost grows with the history) or from the member's account
// plus the few related entries (AccountView: cost bounded by the account). Earning,
// redemption and settlement are written once against this interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/points/account.h"
#include "clinic/points/ledger.h"
#include "clinic/points/rules.h"
#include "clinic/points/tiers.h"

namespace clinic::points {

struct PeriodUse {
  int64_t day = 0, month = 0;  // points of the type in the local day / month asked
  bool any = false;            // any unreversed positive earning of the type ever
};

class MemberView {
 public:
  virtual ~MemberView() = default;
  virtual bool has_event(std::string_view event_id) const = 0;
  // The first spend entry of `event_id` (a redemption asked for again), or null.
  virtual const Entry* spend_of(std::string_view event_id) const = 0;
  virtual bool checked_in_on(int64_t day) const = 0;
  virtual int32_t streak_ending(int64_t day) const = 0;
  virtual int32_t streak_with_checkin(int64_t day) const = 0;  // as if a check-in on `day` were added
  virtual PeriodUse used_in_period(std::string_view type, int64_t at_ms) const = 0;
  virtual bool holds_badge(std::string_view badge) const = 0;
  virtual TierStatus tier_at(int64_t at_ms) const = 0;
  virtual Balance balance_at(int64_t at_ms) const = 0;
  // Reward of `campaign_id` credited to this member (as inviter) in the local month of at_ms.
  virtual int64_t campaign_month_used(std::string_view campaign_id, int64_t at_ms) const = 0;
};

class LedgerView : public MemberView {
 public:
  LedgerView(const Rules& rules, const std::vector<Entry>& ledger) : rules_(rules), ledger_(ledger) {}
  bool has_event(std::string_view event_id) const override;
  const Entry* spend_of(std::string_view event_id) const override;
  bool checked_in_on(int64_t day) const override;
  int32_t streak_ending(int64_t day) const override;
  int32_t streak_with_checkin(int64_t day) const override;
  PeriodUse used_in_period(std::string_view type, int64_t at_ms) const override;
  bool holds_badge(std::string_view badge) const override;
  TierStatus tier_at(int64_t at_ms) const override;
  Balance balance_at(int64_t at_ms) const override;
  int64_t campaign_month_used(std::string_view campaign_id, int64_t at_ms) const override;

 private:
  const Rules& rules_;
  const std::vector<Entry>& ledger_;
};

// Questions are asked at or after the account's newest entry (the ops refuse older events).
class AccountView : public MemberView {
 public:
  AccountView(const Rules& rules, const Account& account, const Related& related)
      : rules_(rules), account_(account), related_(related) {}
  bool has_event(std::string_view event_id) const override;
  const Entry* spend_of(std::string_view event_id) const override;
  bool checked_in_on(int64_t day) const override;
  int32_t streak_ending(int64_t day) const override;
  int32_t streak_with_checkin(int64_t day) const override;
  PeriodUse used_in_period(std::string_view type, int64_t at_ms) const override;
  bool holds_badge(std::string_view badge) const override;
  TierStatus tier_at(int64_t at_ms) const override;
  Balance balance_at(int64_t at_ms) const override;
  int64_t campaign_month_used(std::string_view campaign_id, int64_t at_ms) const override;

 private:
  const Rules& rules_;
  const Account& account_;
  const Related& related_;
};

// What the rebate rules need to know about an inviter, and nothing else (no entries, no
// lots, no dates): the campaign's reward used this month, the referral_success earnings
// of the day and month, and the tier. Valid for questions in the local day of `at_ms`;
// the desk's in-browser preview receives these instead of the inviter's ledger.
struct InviterFigures {
  int64_t at_ms = 0;
  std::string campaign_id;
  int64_t campaign_month_used = 0;
  PeriodUse referral_success;
  int tier_index = 0;
};
InviterFigures inviter_figures(const Rules& rules, const MemberView& inviter, std::string_view campaign_id,
                               int64_t at_ms);

// A view answering from the figures alone (no entries: has_event is false, no streak).
std::unique_ptr<MemberView> figures_view(const Rules& rules, const InviterFigures& figures);

}  // namespace clinic::points
