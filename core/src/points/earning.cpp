// Earning rules applied to one event. Order: active rule -> base points -> once ->
// tier multiplier -> day cap -> month cap. Every event leaves at least one entry (a
// zero-point marker when nothing is earned) so a replayed event is recognised.
#include "clinic/points/earning.h"

#include <algorithm>
#include <set>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "clinic/points/member_view.h"
#include "clinic/points/tiers.h"

namespace clinic::points {
namespace {

Reason reason(std::string code, std::string zh, std::string en, int64_t amount = 0) {
  return Reason{std::move(code), std::move(zh), std::move(en), amount};
}

std::string_view zh_name(EventType t) {
  return kEventTypes[static_cast<int>(t)].zh;
}

Entry base_entry(const Rules& rules, const Event& ev, size_t n) {
  Entry e;
  e.id = entry_id(ev.id, n);
  e.event_id = ev.id;
  e.kind = EntryKind::earn;
  e.at_ms = ev.at_ms;
  e.rule_version = rules.version;
  return e;
}

}  // namespace

int32_t streak_ending(const Rules& rules, const std::vector<Entry>& ledger, int64_t day) {
  std::set<int64_t> days;
  std::set<std::string> reversed = reversed_ids(ledger);
  for (const Entry& e : ledger) {
    if (e.kind == EntryKind::earn && e.event_type == "daily_checkin" && !reversed.count(e.id)) {
      days.insert(civil::local_day(e.at_ms, rules.utc_offset_min));
    }
  }
  int32_t n = 0;
  while (days.count(day - n)) ++n;
  return n;
}

Result<EarnResult> earn(const Rules& rules, const std::vector<Entry>& ledger, const Event& ev) {
  return earn(rules, LedgerView(rules, ledger), ev);
}

Result<EarnResult> earn(const Rules& rules, const MemberView& member, const Event& ev) {
  EarnResult r;
  if (member.has_event(ev.id)) {
    r.duplicate = true;
    if (ev.type == EventType::daily_checkin) {
      // A replayed check-in is on a day that already has one (its own): say so consistently.
      r.already_checked_in = true;
      r.streak_days = member.streak_ending(civil::local_day(ev.at_ms, rules.utc_offset_min));
    }
    r.reasons.push_back(
        reason("duplicate_event", "该事件已记账，不重复计分", "event already applied; nothing credited"));
    return r;
  }
  if (ev.type == EventType::referral_success && !ev.from_settlement) {
    return make_error(ErrorCode::forbidden, "邀请成功积分只在好友完成付费就诊后由 referral.settle 发放",
                      "referral_success points are credited only by referral.settle after the friend's paid visit",
                      "$.event.type");
  }
  int32_t off = rules.utc_offset_min;
  int64_t today = civil::local_day(ev.at_ms, off);
  std::string_view type_name = event_type_name(ev.type);
  if (ev.type == EventType::daily_checkin && member.checked_in_on(today)) {
    r.already_checked_in = true;
    r.streak_days = member.streak_ending(today);
    r.reasons.push_back(reason("already_checked_in",
                               "今天已签到（" + civil::format_date(civil::civil_from_days(today)) + "）",
                               "already checked in today (" + civil::format_date(civil::civil_from_days(today)) + ")"));
    return r;
  }

  Entry main = base_entry(rules, ev, 1);
  main.event_type = std::string(type_name);
  int64_t points = 0;
  const EarnRule* rule = rules.active_rule(ev.type, ev.at_ms);
  if (ev.type == EventType::visit_completed) {
    auto priced = price_visit(rules, ev.items, ev.coupons, ev.invitee_campaign_id, ev.at_ms);
    if (!priced.ok()) return priced.take_error();
    r.eligible_fen = priced->eligible_paid_fen;
    if (priced->rx_fen > 0) {
      r.reasons.push_back(
          reason("rx_excluded", "处方药金额 " + money::format_yuan(priced->rx_fen) + " 元不积分",
                 "prescription items (" + money::format_yuan(priced->rx_fen) + " yuan) earn no points"));
    }
  }
  if (!rule) {
    r.reasons.push_back(reason("no_active_rule", "该事件当前没有积分规则", "no earning rule is active for this event"));
  } else {
    if (ev.type == EventType::visit_completed) {
      // Whole yuan only: 1 point per yuan means 99.99 yuan earns 99.
      points = (r.eligible_fen / 100) * rule->points_per_yuan;
      r.reasons.push_back(reason("per_yuan",
                                 "实付非处方金额 " + money::format_yuan(r.eligible_fen) + " 元 × 每元 " +
                                     std::to_string(rule->points_per_yuan) + " 分",
                                 "eligible paid " + money::format_yuan(r.eligible_fen) + " yuan × " +
                                     std::to_string(rule->points_per_yuan) + " per yuan",
                                 points));
    } else {
      points = rule->points;
      r.reasons.push_back(
          reason("base", std::string(zh_name(ev.type)) + "积分", std::string(type_name) + " points", points));
    }
    PeriodUse used = member.used_in_period(type_name, ev.at_ms);
    int64_t day_used = used.day, month_used = used.month;
    if (rule->once && used.any) {
      points = 0;
      r.reasons.push_back(reason("once_only", "该奖励每位会员仅一次", "this reward is once per member"));
    }
    TierStatus tier = member.tier_at(ev.at_ms);
    if (points > 0 && tier.multiplier_bp != 10000) {
      points = points * tier.multiplier_bp / 10000;
      const Tier& t = rules.tiers.levels[tier.index];
      r.reasons.push_back(reason("tier_multiplier", t.name_zh + "等级倍率 " + std::to_string(tier.multiplier_bp) + "‱",
                                 t.name_en + " tier multiplier " + std::to_string(tier.multiplier_bp) + " bp", points));
    }
    if (rule->per_day_cap > 0 && points > rule->per_day_cap - day_used) {
      points = std::max<int64_t>(0, rule->per_day_cap - day_used);
      r.reasons.push_back(reason("day_cap", "已达每日上限 " + std::to_string(rule->per_day_cap) + " 分",
                                 "daily cap of " + std::to_string(rule->per_day_cap) + " points reached", points));
    }
    if (rule->per_month_cap > 0 && points > rule->per_month_cap - month_used) {
      points = std::max<int64_t>(0, rule->per_month_cap - month_used);
      r.reasons.push_back(reason("month_cap", "已达每月上限 " + std::to_string(rule->per_month_cap) + " 分",
                                 "monthly cap of " + std::to_string(rule->per_month_cap) + " points reached", points));
    }
  }
  main.points = points;
  main.reason = r.reasons.empty() ? "no_active_rule" : r.reasons.back().code;
  if (points > 0) {
    main.expires_at_ms = expiry_for(rules, ev.at_ms);
    if (ev.type == EventType::visit_completed && rules.visit_pending_days > 0) {
      main.available_at_ms = ev.at_ms + static_cast<int64_t>(rules.visit_pending_days) * civil::kMsPerDay;
      r.reasons.push_back(
          reason("pending", "就诊积分 " + std::to_string(rules.visit_pending_days) + " 天后可用（退款期）",
                 "visit points available after " + std::to_string(rules.visit_pending_days) + " days (refund window)"));
    }
  }
  main.text_zh = std::string(zh_name(ev.type));
  main.text_en = std::string(type_name);
  r.points = points;
  r.entries.push_back(main);

  if (ev.type == EventType::daily_checkin) {
    r.streak_days = member.streak_with_checkin(today);
    for (const Badge& b : rules.badges) {
      if (r.streak_days != b.days || member.holds_badge(b.id)) continue;
      Entry be = base_entry(rules, ev, r.entries.size() + 1);
      be.event_type = "badge";
      be.badge = b.id;
      be.points = b.bonus_points;
      if (be.points > 0) be.expires_at_ms = expiry_for(rules, ev.at_ms);
      be.reason = "badge";
      be.text_zh = "徽章：" + b.name_zh;
      be.text_en = "badge: " + b.name_en;
      r.reasons.push_back(reason("badge", "获得徽章：" + b.name_zh, "badge earned: " + b.name_en, b.bonus_points));
      r.points += be.points;
      r.badges.push_back(b.id);
      r.entries.push_back(be);
    }
  }
  return r;
}

}  // namespace clinic::points
