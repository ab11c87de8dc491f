// Binding and settlement. Compliance guards live here, not in the rule document: the
// document can only restate them (validation refuses a document that relaxes one).
#include "clinic/referral/referral.h"

#include <algorithm>
#include <optional>
#include <set>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "clinic/points/account.h"
#include "clinic/points/earning.h"

namespace clinic::referral {
namespace {

points::Reason reason(std::string code, std::string zh, std::string en, int64_t amount = 0) {
  return points::Reason{std::move(code), std::move(zh), std::move(en), amount};
}

}  // namespace

Result<Binding> bind(const Rules& rules, const BindRequest& req) {
  const points::Campaign* c = rules.campaign(req.campaign_id);
  if (!c) {
    return make_error(ErrorCode::not_found, "没有该邀请活动：" + req.campaign_id,
                      "no such campaign: " + req.campaign_id, "$.campaign_id");
  }
  if (req.inviter.id == req.invitee_id) {
    return make_error(ErrorCode::forbidden, "不能邀请自己", "self-referral is not allowed", "$.invitee.member_id");
  }
  Binding b;
  b.invitee_id = req.invitee_id;
  b.inviter_id = req.inviter.id;
  b.campaign_id = c->id;
  b.rule_version = rules.version;
  b.shared_at_ms = req.shared_at_ms;
  b.bound_at_ms = req.at_ms;
  b.inviter_rewardable = !req.inviter.staff;
  if (!req.existing_inviter_id.empty()) {
    if (req.existing_inviter_id == req.inviter.id) {
      b.already_bound = true;
      return b;
    }
    return make_error(ErrorCode::conflict, "该会员已被其他人邀请，不能改绑",
                      "invitee is already bound to another inviter", "$.invitee.bound_inviter_id");
  }
  if (req.shared_at_ms < c->active_from_ms || req.shared_at_ms >= c->active_to_ms) {
    return make_error(ErrorCode::conflict, "分享不在活动期内", "the share is outside the campaign period",
                      "$.shared_at_ms");
  }
  if (req.invitee_registered_at_ms < req.shared_at_ms) {
    return make_error(ErrorCode::conflict, "只有通过邀请新注册的会员才能绑定",
                      "only members who registered after the share can be bound", "$.invitee.registered_at_ms");
  }
  int64_t window_end = req.shared_at_ms + static_cast<int64_t>(c->binding_window_days) * civil::kMsPerDay;
  if (req.invitee_registered_at_ms >= window_end || req.at_ms >= window_end || req.at_ms < req.shared_at_ms) {
    return make_error(ErrorCode::conflict, "已超过 " + std::to_string(c->binding_window_days) + " 天绑定期",
                      "outside the " + std::to_string(c->binding_window_days) + "-day binding window", "$.at_ms");
  }
  return b;
}

int64_t inviter_month_used(const Rules& rules, const std::vector<Entry>& ledger, std::string_view campaign_id,
                           int64_t at_ms) {
  int32_t off = rules.utc_offset_min;
  int64_t month = civil::month_index(civil::local_date(at_ms, off));
  int64_t used = 0;
  std::set<std::string> reversed = points::reversed_ids(ledger);
  for (const Entry& e : ledger) {
    if (e.event_type != "referral_reward" || e.campaign_id != campaign_id) continue;
    if (e.kind == points::EntryKind::reverse) continue;  // counted below via is_reversed
    if (civil::month_index(civil::local_date(e.at_ms, off)) != month) continue;
    if (reversed.count(e.id)) continue;
    used += e.points + e.credit_fen;
  }
  return used;
}

Result<Settlement> settle(const Rules& rules, const SettleRequest& req) {
  // Without a view, the inviter's ledger is replayed into an account (linear).
  points::Related history;
  points::Account account;
  std::optional<points::AccountView> replayed;
  if (!req.inviter_view) {
    history.entries = req.inviter_ledger;
    account = points::replay_account(rules, history.entries, INT64_MAX, &history.fates);
    replayed.emplace(rules, account, history);
  }
  const points::MemberView& inviter = req.inviter_view ? *req.inviter_view : *replayed;
  Settlement s;
  if (inviter.has_event(req.visit_event_id)) {
    s.duplicate = true;
    s.reasons.push_back(reason("duplicate_event", "该就诊已结算", "this visit was already settled"));
    return s;
  }
  // No reward for a bare share: only a completed visit paid and confirmed at the desk.
  if (!req.paid_confirmed) {
    return make_error(ErrorCode::forbidden, "只有到店完成并确认付款的就诊才有邀请奖励",
                      "a reward needs a completed visit confirmed as paid at the front desk", "$.visit.paid_confirmed");
  }
  if (req.inviter.id != req.binding.inviter_id) {
    return make_error(ErrorCode::conflict, "奖励只能给直接邀请人", "the reward goes to the direct inviter only",
                      "$.inviter.member_id");
  }
  if (req.inviter.id == req.binding.invitee_id) {
    return make_error(ErrorCode::forbidden, "不能邀请自己", "self-referral is not allowed", "$.binding.invitee_id");
  }
  const points::Campaign* c = rules.campaign(req.binding.campaign_id);
  if (!c) {
    return make_error(ErrorCode::not_found, "没有该邀请活动：" + req.binding.campaign_id,
                      "no such campaign: " + req.binding.campaign_id, "$.binding.campaign_id");
  }
  auto priced =
      points::price_visit(rules, req.items, req.coupons, req.invitee_discount ? c->id : std::string(), req.visit_at_ms);
  if (!priced.ok()) return priced.take_error();
  s.eligible_paid_fen = priced->eligible_paid_fen;
  s.unit = c->reward_kind == points::RewardKind::fixed_points ? "points" : "fen";
  if (req.inviter.staff || !req.binding.inviter_rewardable) {
    s.reasons.push_back(reason("staff_excluded", "员工不参与返利", "staff members receive no rebates"));
    return s;
  }
  if (!req.first_paid_visit) {
    s.reasons.push_back(reason("not_first_visit", "仅首次付费就诊计奖励", "only the first paid visit is rewarded"));
    return s;
  }
  if (s.eligible_paid_fen == 0) {
    s.reasons.push_back(reason("nothing_eligible", "处方药不参与返利", "prescription items earn no rebate"));
    return s;
  }
  int64_t amount = 0;
  if (c->reward_kind == points::RewardKind::fixed_points) {
    amount = c->reward_points;
    s.reasons.push_back(reason("fixed_points", "邀请奖励 " + std::to_string(amount) + " 积分",
                               "referral reward " + std::to_string(amount) + " points", amount));
  } else {
    amount = money::percent_floor(s.eligible_paid_fen, c->reward_percent_bp).value_or(0);
    s.reasons.push_back(reason("percent_of_first_paid",
                               "首单非处方实付 " + money::format_yuan(s.eligible_paid_fen) + " 元 × " +
                                   std::to_string(c->reward_percent_bp) + "‱（向下取整到分）",
                               "first paid non-prescription " + money::format_yuan(s.eligible_paid_fen) + " yuan × " +
                                   std::to_string(c->reward_percent_bp) + " bp (rounded down to the fen)",
                               amount));
    if (c->reward_cap_fen > 0 && amount > c->reward_cap_fen) {
      amount = c->reward_cap_fen;
      s.reasons.push_back(reason("reward_cap", "单笔返利上限 " + money::format_yuan(c->reward_cap_fen) + " 元",
                                 "per-reward cap " + money::format_yuan(c->reward_cap_fen) + " yuan", amount));
    }
  }
  int64_t month_room = c->monthly_cap_per_inviter - inviter.campaign_month_used(c->id, req.visit_at_ms);
  int64_t budget_room = c->budget - req.campaign_used;
  if (month_room <= 0) {
    return make_error(ErrorCode::limit_reached, "邀请人本月奖励已达上限", "the inviter's monthly reward cap is reached",
                      "$.inviter.ledger");
  }
  if (budget_room <= 0) {
    return make_error(ErrorCode::limit_reached, "活动预算已用完", "the campaign budget is used up", "$.campaign_used");
  }
  if (amount > month_room) {
    amount = month_room;
    s.reasons.push_back(reason("monthly_cap", "受邀请人每月上限限制", "limited by the inviter's monthly cap", amount));
  }
  if (amount > budget_room) {
    amount = budget_room;
    s.reasons.push_back(reason("budget", "受活动剩余预算限制", "limited by the campaign's remaining budget", amount));
  }
  if (amount <= 0) return s;
  Entry e;
  e.id = points::entry_id(req.visit_event_id, 1);
  e.event_id = req.visit_event_id;
  e.event_type = "referral_reward";
  e.at_ms = req.visit_at_ms;
  e.campaign_id = c->id;
  e.invitee_id = req.binding.invitee_id;
  e.rule_version = rules.version;
  e.reason = s.reasons.back().code;
  // Privacy: the inviter learns that a friend completed a visit, never what care they got.
  e.text_zh = "好友完成首次就诊：" + c->name_zh;
  e.text_en = "a friend completed a first visit: " + c->name_en;
  if (c->reward_kind == points::RewardKind::fixed_points) {
    e.kind = points::EntryKind::earn;
    e.points = amount;
    e.expires_at_ms = points::expiry_for(rules, req.visit_at_ms);
  } else {
    e.kind = points::EntryKind::rebate;
    e.credit_fen = amount;
  }
  s.rewarded = true;
  s.amount = amount;
  s.inviter_entries.push_back(std::move(e));
  // The points earning rule for a successful referral (its own caps and tier multiplier).
  points::Event ev;
  ev.id = req.visit_event_id;
  ev.type = points::EventType::referral_success;
  ev.at_ms = req.visit_at_ms;
  ev.from_settlement = true;
  auto bonus = points::earn(rules, inviter, ev);
  if (bonus.ok() && bonus->points > 0) {
    for (Entry b : bonus->entries) {
      b.id = points::entry_id(req.visit_event_id, s.inviter_entries.size() + 1);
      b.invitee_id = req.binding.invitee_id;
      s.inviter_entries.push_back(std::move(b));
    }
    s.bonus_points = bonus->points;
    for (const points::Reason& r : bonus->reasons) s.reasons.push_back(r);
  }
  return s;
}

}  // namespace clinic::referral
