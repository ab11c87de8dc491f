// The points/referral rule document ("points_rules" v1) as plain structs. One document
// per clinic version; the codec (rules_codec.cpp) reads and validates it, the engines
// only ever see these structs. Every ledger entry names `Rules::version`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"

namespace clinic::points {

inline constexpr std::string_view kRulesSchema = "points_rules";
inline constexpr int kRulesSchemaVersion = 1;
// "Open-ended" active window end: 2200-01-01T00:00Z (the core's upper time bound).
inline constexpr int64_t kForeverMs = 7'258'118'400'000;

enum class EventType {
  register_member,
  profile_completed,
  daily_checkin,
  self_test_completed,
  visit_completed,
  review,
  referral_success
};

// THE list of event types: each EventType (same order), its wire name (rules documents' "event",
// events' "type", ledger entries' "event_type") and its zh name (earning reasons). The rules and
// ledger codecs, the server's reports and CONTRIBUTING read it from here.
struct EventTypeInfo {
  EventType type;
  std::string_view name;
  std::string_view zh;
};
inline constexpr EventTypeInfo kEventTypes[] = {
    {EventType::register_member, "register", "注册"},
    {EventType::profile_completed, "profile_completed", "完善资料"},
    {EventType::daily_checkin, "daily_checkin", "每日签到"},
    {EventType::self_test_completed, "self_test_completed", "完成自测"},
    {EventType::visit_completed, "visit_completed", "完成就诊"},
    {EventType::review, "review", "就诊评价"},
    {EventType::referral_success, "referral_success", "邀请成功"},
};
static_assert([] {
  for (size_t i = 0; i < std::size(kEventTypes); ++i) {
    if (kEventTypes[i].type != static_cast<EventType>(i)) return false;
  }
  return static_cast<size_t>(EventType::referral_success) + 1 == std::size(kEventTypes);
}());
// The wire names alone, in EventType order (for JsonReader::as_enum).
inline constexpr auto kEventTypeNames = [] {
  std::array<std::string_view, std::size(kEventTypes)> names{};
  for (size_t i = 0; i < names.size(); ++i) names[i] = kEventTypes[i].name;
  return names;
}();
// The type of a wire name; nullopt when it names none.
constexpr std::optional<EventType> parse_event_type(std::string_view name) {
  for (const EventTypeInfo& t : kEventTypes) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}
std::string_view event_type_name(EventType type);

// Points for one event type inside an active window [active_from_ms, active_to_ms).
struct EarnRule {
  EventType event = EventType::register_member;
  int64_t points = 0;           // fixed points per event (all events but visit_completed)
  int64_t points_per_yuan = 0;  // visit_completed: points per whole yuan of the eligible paid amount
  int64_t per_day_cap = 0;      // 0 = no cap; points of this event per member per local day
  int64_t per_month_cap = 0;    // 0 = no cap; per member per local calendar month
  bool once = false;            // at most once per member (register, profile_completed)
  int64_t active_from_ms = 0;
  int64_t active_to_ms = kForeverMs;
};

struct Badge {
  std::string id, name_zh, name_en;
  int32_t days = 7;          // consecutive local days of check-in
  int64_t bonus_points = 0;  // credited once per member when first reached
};

enum class ExpiryKind { never, end_of_month_after, days };
struct ExpiryPolicy {
  ExpiryKind kind = ExpiryKind::never;
  int32_t months = 12;  // end_of_month_after: credit expires after the last day of the Nth month after its month
  int32_t days = 365;   // days: credit expires N local days after its day (at local midnight)
};

struct Tier {
  std::string id, name_zh, name_en;
  int64_t min_earned = 0;            // points earned in the rolling window to hold this tier
  int64_t multiplier_bp = 10000;     // earning multiplier, basis points (12500 = 1.25x)
  std::vector<std::string> coupons;  // catalogue ids exclusive to this tier and above
};
struct TierPolicy {
  int32_t window_days = 365;      // rolling window of earned points
  int32_t evaluation_months = 1;  // downgrade (and re-evaluation) at local month starts divisible by this
  std::vector<Tier> levels;       // ascending min_earned; levels[0].min_earned == 0
};

enum class BenefitKind { amount_off, percent_off, free_service };
inline constexpr std::string_view kBenefitKindNames[] = {"amount_off_fen", "percent_off", "free_service"};
// A coupon's or an invitee's discount. Only ever applied to non-prescription lines.
struct Benefit {
  BenefitKind kind = BenefitKind::amount_off;
  int64_t amount_off_fen = 0;  // amount_off
  int64_t percent_bp = 0;      // percent_off
  int64_t cap_fen = 0;         // percent_off: at most this many fen
  std::string sku;             // free_service: the service made free (one unit)
  int64_t min_spend_fen = 0;   // eligible (non-rx) subtotal needed
};

struct CatalogueItem {
  std::string id, name_zh, name_en;
  Benefit benefit;
  int64_t price_points = 0;
  int32_t valid_days = 30;  // issued coupon valid through the end of the local day N days after redemption
  std::string min_tier;     // empty = everyone; else tier id needed (exclusive coupon)
};

enum class RewardKind { fixed_points, percent_of_first_paid };
inline constexpr std::string_view kRewardKindNames[] = {"fixed_points", "percent_of_first_paid"};
struct Campaign {
  std::string id, name_zh, name_en;
  int64_t active_from_ms = 0, active_to_ms = kForeverMs;  // shares made in [from, to) bind
  int32_t binding_window_days = 30;                       // invitee must register within this many days of the share
  std::optional<Benefit> invitee_benefit;
  RewardKind reward_kind = RewardKind::fixed_points;
  int64_t reward_points = 0;      // fixed_points
  int64_t reward_percent_bp = 0;  // percent_of_first_paid: rebate credit in fen, rounded down
  int64_t reward_cap_fen = 0;     // percent_of_first_paid: at most this per reward
  // In the reward's unit (points for fixed_points, fen for percent_of_first_paid).
  int64_t monthly_cap_per_inviter = 0;
  int64_t budget = 0;
};

// Guards the engine enforces regardless; the document states them so reviewers see them,
// and validation refuses a document that tries to relax one.
struct Compliance {
  int32_t max_referral_levels = 1;
  bool staff_rebates = false;
  bool reward_requires_paid_visit = true;
  int32_t max_coupons_per_visit = 1;
  std::vector<std::string> rx_skus;  // known prescription SKUs: never catalogue rewards
};

struct Rules {
  std::string version;  // e.g. "demo-2026.11-1": named by every ledger entry
  std::string clinic_id;
  int32_t utc_offset_min = 480;
  std::vector<EarnRule> earning;
  std::vector<Badge> badges;
  int32_t visit_pending_days = 7;
  ExpiryPolicy expiry;
  TierPolicy tiers;
  std::vector<CatalogueItem> catalogue;
  std::vector<Campaign> campaigns;
  Compliance compliance;

  const EarnRule* active_rule(EventType type, int64_t at_ms) const;
  const CatalogueItem* catalogue_item(std::string_view id) const;
  const Campaign* campaign(std::string_view id) const;
  int tier_index(std::string_view id) const;  // -1 when unknown
};

// A reason attached to a computed amount: stable code + zh/en text.
struct Reason {
  std::string code, zh, en;
  int64_t amount = 0;
};

}  // namespace clinic::points
