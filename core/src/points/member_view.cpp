// The two answers to MemberView: the reference over the whole ledger and the account's.
#include "clinic/points/member_view.h"

#include <algorithm>
#include <set>

#include "clinic/civil_time.h"
#include "clinic/points/earning.h"
#include "clinic/referral/referral.h"

namespace clinic::points {

bool LedgerView::has_event(std::string_view event_id) const {
  return points::has_event(ledger_, event_id);
}

const Entry* LedgerView::spend_of(std::string_view event_id) const {
  for (const Entry& e : ledger_) {
    if (e.event_id == event_id && e.kind == EntryKind::spend) return &e;
  }
  return nullptr;
}

bool LedgerView::checked_in_on(int64_t day) const {
  std::set<std::string> reversed = reversed_ids(ledger_);
  for (const Entry& e : ledger_) {
    if (e.kind == EntryKind::earn && e.event_type == "daily_checkin" &&
        civil::local_day(e.at_ms, rules_.utc_offset_min) == day && !reversed.count(e.id)) {
      return true;
    }
  }
  return false;
}

int32_t LedgerView::streak_ending(int64_t day) const {
  return points::streak_ending(rules_, ledger_, day);
}

int32_t LedgerView::streak_with_checkin(int64_t day) const {
  if (checked_in_on(day)) return streak_ending(day);
  return 1 + streak_ending(day - 1);
}

PeriodUse LedgerView::used_in_period(std::string_view type, int64_t at_ms) const {
  int32_t off = rules_.utc_offset_min;
  int64_t day = civil::local_day(at_ms, off);
  int64_t month = civil::month_index(civil::local_date(at_ms, off));
  PeriodUse u;
  std::set<std::string> reversed = reversed_ids(ledger_);
  for (const Entry& e : ledger_) {
    if (e.kind != EntryKind::earn || e.event_type != type || reversed.count(e.id)) continue;
    u.any = u.any || e.points > 0;
    if (civil::local_day(e.at_ms, off) == day) u.day += e.points;
    if (civil::month_index(civil::local_date(e.at_ms, off)) == month) u.month += e.points;
  }
  return u;
}

bool LedgerView::holds_badge(std::string_view badge) const {
  std::set<std::string> reversed = reversed_ids(ledger_);
  for (const Entry& e : ledger_) {
    if (e.badge == badge && !reversed.count(e.id)) return true;
  }
  return false;
}

TierStatus LedgerView::tier_at(int64_t at_ms) const {
  return points::tier_at(rules_, ledger_, at_ms);
}

Balance LedgerView::balance_at(int64_t at_ms) const {
  return replay(ledger_, at_ms);
}

int64_t LedgerView::campaign_month_used(std::string_view campaign_id, int64_t at_ms) const {
  return referral::inviter_month_used(rules_, ledger_, campaign_id, at_ms);
}

bool AccountView::has_event(std::string_view event_id) const {
  return related_.has_event(event_id);
}

const Entry* AccountView::spend_of(std::string_view event_id) const {
  for (const Entry& e : related_.entries) {
    if (e.event_id == event_id && e.kind == EntryKind::spend) return &e;
  }
  return nullptr;
}

bool AccountView::checked_in_on(int64_t day) const {
  return account_.streak_end >= account_.streak_start && account_.streak_end == day;
}

int32_t AccountView::streak_ending(int64_t day) const {
  return points::streak_ending(account_, day);
}

int32_t AccountView::streak_with_checkin(int64_t day) const {
  if (checked_in_on(day)) return streak_ending(day);
  return 1 + streak_ending(day - 1);
}

PeriodUse AccountView::used_in_period(std::string_view type, int64_t at_ms) const {
  PeriodUse u;
  auto it = account_.caps.find(std::string(type));
  if (it == account_.caps.end()) return u;
  const CapCounter& c = it->second;
  int32_t off = account_.utc_offset_min;
  if (civil::local_day(at_ms, off) == c.day) u.day = c.day_points;
  if (civil::month_index(civil::local_date(at_ms, off)) == c.month) u.month = c.month_points;
  u.any = c.positive_count > 0;
  return u;
}

bool AccountView::holds_badge(std::string_view badge) const {
  return std::binary_search(account_.badges.begin(), account_.badges.end(), std::string(badge));
}

TierStatus AccountView::tier_at(int64_t at_ms) const {
  return points::tier_at(rules_, account_, at_ms);
}

Balance AccountView::balance_at(int64_t at_ms) const {
  return balance_of(account_, at_ms);
}

int64_t AccountView::campaign_month_used(std::string_view campaign_id, int64_t at_ms) const {
  auto it = account_.campaigns.find(std::string(campaign_id));
  if (it == account_.campaigns.end()) return 0;
  int64_t month = civil::month_index(civil::local_date(at_ms, account_.utc_offset_min));
  return month == it->second.month ? it->second.used : 0;
}

InviterFigures inviter_figures(const Rules&, const MemberView& inviter, std::string_view campaign_id, int64_t at_ms) {
  InviterFigures f;
  f.at_ms = at_ms;
  f.campaign_id = std::string(campaign_id);
  f.campaign_month_used = inviter.campaign_month_used(campaign_id, at_ms);
  f.referral_success = inviter.used_in_period(event_type_name(EventType::referral_success), at_ms);
  f.tier_index = inviter.tier_at(at_ms).index;
  return f;
}

namespace {

class FiguresView : public MemberView {
 public:
  FiguresView(const Rules& rules, const InviterFigures& f) : rules_(rules), f_(f) {}
  bool has_event(std::string_view) const override { return false; }
  const Entry* spend_of(std::string_view) const override { return nullptr; }
  bool checked_in_on(int64_t) const override { return false; }
  int32_t streak_ending(int64_t) const override { return 0; }
  int32_t streak_with_checkin(int64_t) const override { return 1; }
  PeriodUse used_in_period(std::string_view type, int64_t at_ms) const override;
  bool holds_badge(std::string_view) const override { return false; }
  TierStatus tier_at(int64_t at_ms) const override;
  Balance balance_at(int64_t) const override { return Balance{}; }
  int64_t campaign_month_used(std::string_view campaign_id, int64_t at_ms) const override;

 private:
  const Rules& rules_;
  const InviterFigures& f_;
};

bool same_day(const Rules& rules, int64_t a, int64_t b) {
  return civil::local_day(a, rules.utc_offset_min) == civil::local_day(b, rules.utc_offset_min);
}
bool same_month(const Rules& rules, int64_t a, int64_t b) {
  return civil::month_index(civil::local_date(a, rules.utc_offset_min)) ==
         civil::month_index(civil::local_date(b, rules.utc_offset_min));
}
PeriodUse FiguresView::used_in_period(std::string_view type, int64_t at_ms) const {
  PeriodUse u;
  if (type != event_type_name(EventType::referral_success)) return u;
  u.any = f_.referral_success.any;
  if (same_day(rules_, at_ms, f_.at_ms)) u.day = f_.referral_success.day;
  if (same_month(rules_, at_ms, f_.at_ms)) u.month = f_.referral_success.month;
  return u;
}

TierStatus FiguresView::tier_at(int64_t) const {
  TierStatus t;
  if (rules_.tiers.levels.empty()) return t;
  t.index = std::min<int>(f_.tier_index, static_cast<int>(rules_.tiers.levels.size()) - 1);
  t.multiplier_bp = rules_.tiers.levels[t.index].multiplier_bp;
  return t;
}

int64_t FiguresView::campaign_month_used(std::string_view campaign_id, int64_t at_ms) const {
  if (campaign_id != f_.campaign_id || !same_month(rules_, at_ms, f_.at_ms)) return 0;
  return f_.campaign_month_used;
}

}  // namespace

std::unique_ptr<MemberView> figures_view(const Rules& rules, const InviterFigures& figures) {
  return std::make_unique<FiguresView>(rules, figures);
}

}  // namespace clinic::points
