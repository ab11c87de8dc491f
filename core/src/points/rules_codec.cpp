// Reads the "points_rules" v1 document into Rules and validates it: unknown keys, bad
// ranges, overlapping windows, illogical caps, relaxed compliance guards and
// prescription items offered as rewards are all refused with the JSON path.
#include <boost/json.hpp>

#include <set>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "codec.h"

namespace clinic::points {

std::string_view event_type_name(EventType type) {
  return kEventTypes[static_cast<int>(type)].name;
}

const EarnRule* Rules::active_rule(EventType type, int64_t at_ms) const {
  for (const EarnRule& r : earning) {
    if (r.event == type && r.active_from_ms <= at_ms && at_ms < r.active_to_ms) return &r;
  }
  return nullptr;
}

const CatalogueItem* Rules::catalogue_item(std::string_view id) const {
  for (const CatalogueItem& c : catalogue) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Campaign* Rules::campaign(std::string_view id) const {
  for (const Campaign& c : campaigns) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

int Rules::tier_index(std::string_view id) const {
  for (size_t i = 0; i < tiers.levels.size(); ++i) {
    if (tiers.levels[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

namespace codec {
namespace {

constexpr int64_t kMaxPoints = 10'000'000;
constexpr size_t kMaxRuleIdBytes = 64;
constexpr size_t kMaxNameBytes = 200;

void rule_fail(const JsonReader& at, std::string zh, std::string en) {
  at.fail(ErrorCode::invalid_rules, std::move(zh), std::move(en));
}

std::string read_id(const JsonReader& obj, std::string_view key) {
  std::string id = obj.req_string(key, kMaxRuleIdBytes);
  if (obj.ok() && id.empty()) rule_fail(obj.field(key), "不能为空", "must not be empty");
  return id;
}

void read_window(const JsonReader& obj, int64_t& from, int64_t& to) {
  from = obj.opt_int("active_from_ms", 0, 0, kForeverMs);
  to = obj.opt_int("active_to_ms", kForeverMs, 0, kForeverMs);
  if (obj.ok() && from >= to)
    rule_fail(obj.field("active_to_ms"), "结束时间应晚于开始时间", "must be after active_from_ms");
}

// A problem anywhere inside the rule document is an invalid_rules error (same path/text).
Error rules_error(const ReadContext& ctx) {
  Error e = ctx.take_error();
  e.code = ErrorCode::invalid_rules;
  return e;
}

}  // namespace

Benefit read_benefit(const JsonReader& b, bool allow_min_spend) {
  Benefit out;
  if (!b.expect_object()) return out;
  out.kind = static_cast<BenefitKind>(b.field("kind").as_enum({"amount_off_fen", "percent_off", "free_service"}));
  if (!b.ok()) return out;
  switch (out.kind) {
    case BenefitKind::amount_off:
      b.expect_object({"kind", "amount_off_fen", "min_spend_fen"});
      out.amount_off_fen = b.req_int("amount_off_fen", 1, money::kMaxFen);
      break;
    case BenefitKind::percent_off:
      b.expect_object({"kind", "percent_bp", "cap_fen", "min_spend_fen"});
      out.percent_bp = b.req_int("percent_bp", 1, money::kFullBasisPoints);
      out.cap_fen = b.req_int("cap_fen", 1, money::kMaxFen);
      break;
    case BenefitKind::free_service:
      b.expect_object({"kind", "sku", "min_spend_fen"});
      out.sku = read_id(b, "sku");
      break;
  }
  if (allow_min_spend) out.min_spend_fen = b.opt_fen("min_spend_fen", 0);
  return out;
}

Result<Rules> read_rules(const JsonReader& field) {
  if (!field.present()) {
    field.fail(ErrorCode::missing_field, "缺少规则文档", "rule document is missing");
    return field.context().take_error();
  }
  boost::json::value storage;
  const boost::json::value* doc = embedded_document(field, storage);
  if (!doc) return rules_error(field.context());
  JsonReader r(doc, field.path(), field.context());
  Rules rules;
  r.expect_object({"schema", "schema_version", "version", "clinic_id", "utc_offset_min", "earning", "streak_badges",
                   "pending", "expiry", "tiers", "catalogue", "referral", "compliance"});
  if (r.ok() && r.req_string("schema", 64) != kRulesSchema) {
    rule_fail(r.field("schema"), "应为 \"points_rules\"", "expected \"points_rules\"");
  }
  r.req_int("schema_version", kRulesSchemaVersion, kRulesSchemaVersion);
  rules.version = read_id(r, "version");
  rules.clinic_id = read_id(r, "clinic_id");
  rules.utc_offset_min = r.opt_utc_offset("utc_offset_min");

  // Compliance first: later checks (rx catalogue rewards) need it.
  JsonReader comp = r.field("compliance");
  if (comp.expect_object(
          {"max_referral_levels", "staff_rebates", "reward_requires_paid_visit", "max_coupons_per_visit", "rx_skus"})) {
    if (comp.opt_int("max_referral_levels", 1, 0, 100) != 1 && comp.ok()) {
      rule_fail(comp.field("max_referral_levels"), "只允许一级邀请（微信禁止多级分销）",
                "only one referral level is allowed (WeChat forbids multi-level distribution)");
    }
    if (comp.opt_bool("staff_rebates", false) && comp.ok()) {
      rule_fail(comp.field("staff_rebates"), "员工不得获得返利", "staff members cannot receive rebates");
    }
    if (!comp.opt_bool("reward_requires_paid_visit", true) && comp.ok()) {
      rule_fail(comp.field("reward_requires_paid_visit"), "奖励必须以到店付费就诊为前提（不得奖励单纯分享）",
                "rewards require a completed paid visit (no reward for a bare share)");
    }
    rules.compliance.max_coupons_per_visit = static_cast<int32_t>(comp.opt_int("max_coupons_per_visit", 1, 1, 5));
    if (comp.field("rx_skus").present()) {
      comp.field("rx_skus").for_each(
          1000, [&](const JsonReader& s, size_t) { rules.compliance.rx_skus.push_back(s.as_string(kMaxRuleIdBytes)); });
    }
  }

  std::set<std::string> badge_ids;
  r.field("earning").for_each(64, [&](const JsonReader& e, size_t) {
    EarnRule rule;
    if (!e.expect_object({"event", "points", "points_per_yuan", "per_day_cap", "per_month_cap", "once",
                          "active_from_ms", "active_to_ms"})) {
      return;
    }
    rule.event = static_cast<EventType>(e.field("event").as_enum(kEventTypeNames));
    if (!e.ok()) return;
    if (rule.event == EventType::visit_completed) {
      if (e.field("points").present())
        rule_fail(e.field("points"), "就诊按金额积分，请用 points_per_yuan",
                  "visits earn by amount: use points_per_yuan");
      rule.points_per_yuan = e.req_int("points_per_yuan", 1, 1000);
    } else {
      if (e.field("points_per_yuan").present())
        rule_fail(e.field("points_per_yuan"), "仅就诊规则可按金额积分", "only visit_completed earns per yuan");
      rule.points = e.req_int("points", 0, kMaxPoints);
    }
    rule.per_day_cap = e.opt_int("per_day_cap", 0, 0, kMaxPoints);
    rule.per_month_cap = e.opt_int("per_month_cap", 0, 0, kMaxPoints);
    if (e.ok() && rule.per_day_cap > 0 && rule.per_month_cap > 0 && rule.per_month_cap < rule.per_day_cap) {
      rule_fail(e.field("per_month_cap"), "每月上限不能小于每日上限", "monthly cap is below the daily cap");
    }
    rule.once = e.opt_bool("once", false);
    read_window(e, rule.active_from_ms, rule.active_to_ms);
    for (const EarnRule& other : rules.earning) {
      if (e.ok() && other.event == rule.event && rule.active_from_ms < other.active_to_ms &&
          other.active_from_ms < rule.active_to_ms) {
        rule_fail(e.field("active_from_ms"), "与同一事件的另一条规则有效期重叠",
                  "active window overlaps another rule for the same event");
      }
    }
    rules.earning.push_back(rule);
  });

  if (r.field("streak_badges").present()) {
    r.field("streak_badges").for_each(32, [&](const JsonReader& b, size_t) {
      if (!b.expect_object({"id", "days", "bonus_points", "name_zh", "name_en"})) return;
      Badge badge;
      badge.id = read_id(b, "id");
      badge.days = static_cast<int32_t>(b.req_int("days", 2, 366));
      badge.bonus_points = b.opt_int("bonus_points", 0, 0, kMaxPoints);
      badge.name_zh = b.req_string("name_zh", kMaxNameBytes);
      badge.name_en = b.req_string("name_en", kMaxNameBytes);
      if (b.ok() && !badge_ids.insert(badge.id).second) rule_fail(b.field("id"), "徽章 id 重复", "duplicate badge id");
      for (const Badge& other : rules.badges) {
        if (b.ok() && other.days == badge.days)
          rule_fail(b.field("days"), "两个徽章天数相同", "two badges for the same streak length");
      }
      rules.badges.push_back(badge);
    });
  }

  JsonReader pending = r.field("pending");
  if (pending.present() && pending.expect_object({"visit_days"})) {
    rules.visit_pending_days = static_cast<int32_t>(pending.req_int("visit_days", 0, 90));
  }

  JsonReader exp = r.field("expiry");
  if (exp.expect_object()) {
    rules.expiry.kind = static_cast<ExpiryKind>(exp.field("kind").as_enum({"never", "end_of_month_after", "days"}));
    if (exp.ok()) {
      switch (rules.expiry.kind) {
        case ExpiryKind::never:
          exp.expect_object({"kind"});
          break;
        case ExpiryKind::end_of_month_after:
          exp.expect_object({"kind", "months"});
          rules.expiry.months = static_cast<int32_t>(exp.req_int("months", 0, 120));
          break;
        case ExpiryKind::days:
          exp.expect_object({"kind", "days"});
          rules.expiry.days = static_cast<int32_t>(exp.req_int("days", 1, 3650));
          break;
      }
    }
  }

  // Catalogue before tiers: tiers name exclusive coupons.
  std::set<std::string> rx(rules.compliance.rx_skus.begin(), rules.compliance.rx_skus.end());
  if (r.field("catalogue").present()) {
    r.field("catalogue").for_each(200, [&](const JsonReader& c, size_t) {
      if (!c.expect_object()) return;
      CatalogueItem item;
      JsonReader kind_field = c.field("kind");
      // The catalogue item carries its benefit fields inline; read them as a benefit
      // after checking the item-level keys.
      size_t kind = kind_field.as_enum({"amount_off_fen", "percent_off", "free_service"});
      if (!c.ok()) return;
      if (kind == 0)
        c.expect_object(
            {"id", "name_zh", "name_en", "kind", "amount_off_fen", "min_spend_fen", "price_points", "valid_days"});
      if (kind == 1)
        c.expect_object({"id", "name_zh", "name_en", "kind", "percent_bp", "cap_fen", "min_spend_fen", "price_points",
                         "valid_days"});
      if (kind == 2)
        c.expect_object({"id", "name_zh", "name_en", "kind", "sku", "min_spend_fen", "price_points", "valid_days"});
      if (!c.ok()) return;
      item.id = read_id(c, "id");
      item.name_zh = c.req_string("name_zh", kMaxNameBytes);
      item.name_en = c.req_string("name_en", kMaxNameBytes);
      item.benefit.kind = static_cast<BenefitKind>(kind);
      if (kind == 0) item.benefit.amount_off_fen = c.req_int("amount_off_fen", 1, money::kMaxFen);
      if (kind == 1) {
        item.benefit.percent_bp = c.req_int("percent_bp", 1, money::kFullBasisPoints);
        item.benefit.cap_fen = c.req_int("cap_fen", 1, money::kMaxFen);
      }
      if (kind == 2) {
        item.benefit.sku = read_id(c, "sku");
        if (c.ok() && rx.count(item.benefit.sku)) {
          rule_fail(c.field("sku"), "处方药不能作为积分兑换奖励", "prescription items cannot be catalogue rewards");
        }
      }
      item.benefit.min_spend_fen = c.opt_fen("min_spend_fen", 0);
      item.price_points = c.req_int("price_points", 1, kMaxPoints);
      item.valid_days = static_cast<int32_t>(c.opt_int("valid_days", 30, 1, 366));
      if (c.ok() && rules.catalogue_item(item.id)) rule_fail(c.field("id"), "兑换项 id 重复", "duplicate catalogue id");
      rules.catalogue.push_back(item);
    });
  }

  JsonReader tiers = r.field("tiers");
  if (tiers.present() && tiers.expect_object({"window_days", "evaluation_months", "levels"})) {
    rules.tiers.window_days = static_cast<int32_t>(tiers.req_int("window_days", 1, 730));
    rules.tiers.evaluation_months = static_cast<int32_t>(tiers.opt_int("evaluation_months", 1, 1, 12));
    if (tiers.ok() && 12 % rules.tiers.evaluation_months != 0) {
      rule_fail(tiers.field("evaluation_months"), "应为 12 的约数（1、2、3、4、6、12）",
                "must divide 12 (1, 2, 3, 4, 6, 12)");
    }
    std::set<std::string> exclusive;
    tiers.field("levels").for_each(20, [&](const JsonReader& t, size_t i) {
      if (!t.expect_object({"id", "name_zh", "name_en", "min_earned", "multiplier_bp", "exclusive_coupons"})) return;
      Tier tier;
      tier.id = read_id(t, "id");
      tier.name_zh = t.req_string("name_zh", kMaxNameBytes);
      tier.name_en = t.req_string("name_en", kMaxNameBytes);
      tier.min_earned = t.req_int("min_earned", 0, kMaxPoints * 100);
      tier.multiplier_bp = t.opt_int("multiplier_bp", 10000, 10000, 50000);
      if (t.ok() && i == 0 && tier.min_earned != 0)
        rule_fail(t.field("min_earned"), "最低等级门槛应为 0", "the first tier must start at 0");
      if (t.ok() && i > 0 && tier.min_earned <= rules.tiers.levels.back().min_earned) {
        rule_fail(t.field("min_earned"), "等级门槛应递增", "tier thresholds must ascend");
      }
      if (t.ok() && rules.tier_index(tier.id) >= 0) rule_fail(t.field("id"), "等级 id 重复", "duplicate tier id");
      if (t.field("exclusive_coupons").present()) {
        t.field("exclusive_coupons").for_each(50, [&](const JsonReader& c, size_t) {
          std::string id = c.as_string(kMaxRuleIdBytes);
          if (!c.ok()) return;
          if (!rules.catalogue_item(id)) {
            rule_fail(c, "兑换目录中没有该券", "no such catalogue item");
          } else if (!exclusive.insert(id).second) {
            rule_fail(c, "该券已是另一等级的专属券", "already exclusive to another tier");
          }
          tier.coupons.push_back(id);
        });
      }
      rules.tiers.levels.push_back(tier);
    });
    if (tiers.ok() && rules.tiers.levels.empty())
      rule_fail(tiers.field("levels"), "至少需要一个等级", "at least one tier is needed");
    // Exclusive coupons: redeemable from the lowest tier that lists them.
    for (const Tier& t : rules.tiers.levels) {
      for (const std::string& id : t.coupons) {
        for (CatalogueItem& c : rules.catalogue) {
          if (c.id == id) c.min_tier = t.id;
        }
      }
    }
  }

  JsonReader referral = r.field("referral");
  if (referral.present() && referral.expect_object({"campaigns"})) {
    referral.field("campaigns").for_each(50, [&](const JsonReader& c, size_t) {
      if (!c.expect_object({"id", "name_zh", "name_en", "active_from_ms", "active_to_ms", "binding_window_days",
                            "invitee_benefit", "inviter_reward", "monthly_cap_per_inviter", "budget"})) {
        return;
      }
      Campaign camp;
      camp.id = read_id(c, "id");
      camp.name_zh = c.req_string("name_zh", kMaxNameBytes);
      camp.name_en = c.req_string("name_en", kMaxNameBytes);
      read_window(c, camp.active_from_ms, camp.active_to_ms);
      camp.binding_window_days = static_cast<int32_t>(c.req_int("binding_window_days", 1, 365));
      if (c.field("invitee_benefit").present()) camp.invitee_benefit = read_benefit(c.field("invitee_benefit"), true);
      JsonReader reward = c.field("inviter_reward");
      if (reward.expect_object()) {
        camp.reward_kind =
            static_cast<RewardKind>(reward.field("kind").as_enum({"fixed_points", "percent_of_first_paid"}));
        if (reward.ok() && camp.reward_kind == RewardKind::fixed_points) {
          reward.expect_object({"kind", "points"});
          camp.reward_points = reward.req_int("points", 1, kMaxPoints);
        } else if (reward.ok()) {
          reward.expect_object({"kind", "percent_bp", "cap_fen"});
          camp.reward_percent_bp = reward.req_int("percent_bp", 1, money::kFullBasisPoints);
          camp.reward_cap_fen = reward.req_int("cap_fen", 1, money::kMaxFen);
        }
      }
      camp.monthly_cap_per_inviter = c.req_int("monthly_cap_per_inviter", 1, money::kMaxFen);
      camp.budget = c.req_int("budget", 1, money::kMaxFen);
      if (c.ok() && camp.monthly_cap_per_inviter > camp.budget) {
        rule_fail(c.field("monthly_cap_per_inviter"), "单人月上限不能超过活动预算",
                  "monthly cap per inviter exceeds the campaign budget");
      }
      if (c.ok() && camp.reward_kind == RewardKind::fixed_points && camp.reward_points > camp.monthly_cap_per_inviter) {
        rule_fail(c.field("inviter_reward"), "单次奖励超过单人月上限",
                  "one reward exceeds the monthly cap per inviter");
      }
      if (c.ok() && rules.campaign(camp.id)) rule_fail(c.field("id"), "活动 id 重复", "duplicate campaign id");
      rules.campaigns.push_back(std::move(camp));
    });
  }

  if (!r.ok()) return rules_error(r.context());
  return rules;
}

// The request's rules: the host's parsed rules or the "rules" field read.
Result<Rules> rules_of(const OpRequest& req) {
  if (req.rules) return *req.rules;
  return read_rules(req.body.field("rules"));
}

Error take_error(const OpRequest& req) {
  return req.body.context().take_error();
}

}  // namespace codec
}  // namespace clinic::points
