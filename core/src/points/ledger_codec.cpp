// JSON <-> ledger entries, carts, coupons, events, reasons and balances.
#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "clinic/points/tiers.h"
#include "codec.h"

namespace clinic::points::codec {
namespace {

constexpr size_t kMaxIdBytes = 128;
constexpr int64_t kMaxPointsAbs = 1'000'000'000'000;

int64_t opt_time(const JsonReader& r, std::string_view key) {
  return r.opt_int(key, 0, 0, civil::kMaxEpochMs);
}

}  // namespace

MemberInput read_member(const JsonReader& root, const Rules& rules, MemberKeys keys, int64_t until_ms) {
  MemberInput m;
  JsonReader account = root.field(keys.account);
  if (!account.present()) {
    for (std::string_view k : {keys.related, keys.fates}) {
      if (root.field(k).present()) root.field(k).fail("仅与 account 一起使用", "only allowed with an account");
    }
    m.related.entries = read_ledger(root.field(keys.ledger));
    if (root.ok()) m.account = replay_account(rules, m.related.entries, until_ms, &m.related.fates);
    return m;
  }
  if (root.field(keys.ledger).present()) {
    root.field(keys.ledger).fail("ledger 与 account 只能给一个", "give either ledger or account, not both");
    return m;
  }
  m.account_form = true;
  if (int v = account_schema_version(account); v != 0 && v != kAccountSchemaVersion) {
    // An account written by an older core: the caller rebuilds it from the ledger, as for
    // another rules basis.
    account.fail(ErrorCode::conflict, "账户由其他版本的核心写成，需由账本重建",
                 "the account has another schema_version; rebuild it from the ledger");
    return m;
  }
  m.account = read_account(account);
  m.related.entries = read_ledger(root.field(keys.related));
  m.related.fates = read_fates(root.field(keys.fates));
  if (root.ok()) {
    std::string problem = account_problem(m.account, rules);
    if (!problem.empty()) {
      account.fail(ErrorCode::conflict, "账户按其他规则（时区或等级政策）计算，需由账本重建",
                   "the account was computed under other rules (calendar offset or tier policy); rebuild it from "
                   "the ledger");
    }
  }
  return m;
}

void check_event_time(const JsonReader& at_field, const MemberInput& m, int64_t at_ms) {
  if (m.account_form && at_field.ok() && at_ms < m.account.clock_ms) {
    at_field.fail("早于会员账户最新记录的时间", "earlier than the newest entry of the member's account");
  }
}

Result<Rules> rules_of(const OpRequest& req) {
  if (req.rules) return *req.rules;
  return read_rules(req.body.field("rules"));
}

Error take_error(const OpRequest& req) {
  return req.body.context().take_error();
}

std::vector<Entry> read_ledger(const JsonReader& field) {
  std::vector<Entry> out;
  if (!field.present()) return out;
  field.for_each(kMaxLedgerEntries, [&](const JsonReader& j, size_t) {
    if (!j.expect_object({"id", "event_id", "kind", "event_type", "points", "credit_fen", "at_ms", "available_at_ms",
                          "expires_at_ms", "reverses", "coupon_code", "catalogue_id", "campaign_id", "invitee_id",
                          "badge", "rule_version", "reason", "text_zh", "text_en"})) {
      return;
    }
    Entry e;
    e.id = j.req_string("id", kMaxIdBytes + 8);
    e.event_id = j.req_string("event_id", kMaxIdBytes);
    e.kind = static_cast<EntryKind>(j.field("kind").as_enum({"earn", "spend", "reverse", "rebate"}));
    e.event_type = j.opt_string("event_type", "", 64);
    e.points = j.opt_int("points", 0, -kMaxPointsAbs, kMaxPointsAbs);
    e.credit_fen = j.opt_int("credit_fen", 0, -money::kMaxFen, money::kMaxFen);
    e.at_ms = j.req_epoch_ms("at_ms");
    e.available_at_ms = opt_time(j, "available_at_ms");
    e.expires_at_ms = opt_time(j, "expires_at_ms");
    e.reverses = j.opt_string("reverses", "", kMaxIdBytes + 8);
    e.coupon_code = j.opt_string("coupon_code", "", 32);
    e.catalogue_id = j.opt_string("catalogue_id", "", 64);
    e.campaign_id = j.opt_string("campaign_id", "", 64);
    e.invitee_id = j.opt_string("invitee_id", "", kMaxIdBytes);
    e.badge = j.opt_string("badge", "", 64);
    e.rule_version = j.opt_string("rule_version", "", 64);
    e.reason = j.opt_string("reason", "", 64);
    e.text_zh = j.opt_string("text_zh", "", 400);
    e.text_en = j.opt_string("text_en", "", 400);
    if (j.ok() && e.kind == EntryKind::reverse && e.reverses.empty()) {
      j.field("reverses")
          .fail(ErrorCode::missing_field, "撤销记录必须注明被撤销的记录", "a reverse entry names what it reverses");
    }
    out.push_back(std::move(e));
  });
  return out;
}

boost::json::object write_entry(const Entry& e) {
  boost::json::object o;
  o["id"] = e.id;
  o["event_id"] = e.event_id;
  o["kind"] = kEntryKindNames[static_cast<int>(e.kind)];
  if (!e.event_type.empty()) o["event_type"] = e.event_type;
  o["points"] = e.points;
  if (e.credit_fen != 0) o["credit_fen"] = e.credit_fen;
  o["at_ms"] = e.at_ms;
  if (e.available_at_ms > e.at_ms) o["available_at_ms"] = e.available_at_ms;
  if (e.expires_at_ms != 0) o["expires_at_ms"] = e.expires_at_ms;
  if (!e.reverses.empty()) o["reverses"] = e.reverses;
  if (!e.coupon_code.empty()) o["coupon_code"] = e.coupon_code;
  if (!e.catalogue_id.empty()) o["catalogue_id"] = e.catalogue_id;
  if (!e.campaign_id.empty()) o["campaign_id"] = e.campaign_id;
  if (!e.invitee_id.empty()) o["invitee_id"] = e.invitee_id;
  if (!e.badge.empty()) o["badge"] = e.badge;
  o["rule_version"] = e.rule_version;
  o["reason"] = e.reason;
  if (!e.text_zh.empty()) o["text_zh"] = e.text_zh;
  if (!e.text_en.empty()) o["text_en"] = e.text_en;
  return o;
}

boost::json::array write_entries(const std::vector<Entry>& entries) {
  boost::json::array a;
  for (const Entry& e : entries) a.push_back(write_entry(e));
  return a;
}

std::vector<CartItem> read_items(const JsonReader& field) {
  std::vector<CartItem> out;
  field.for_each(kMaxCartItems, [&](const JsonReader& j, size_t) {
    if (!j.expect_object({"sku", "name", "amount_fen", "qty", "rx"})) return;
    CartItem it;
    it.sku = j.req_string("sku", 64);
    it.name = j.opt_string("name", "", 200);
    it.amount_fen = j.req_fen("amount_fen");
    it.qty = j.opt_int("qty", 1, 1, 1000);
    it.rx = j.req_bool("rx");  // required: a cart must say which lines are prescription drugs
    out.push_back(std::move(it));
  });
  return out;
}

IssuedCoupon read_coupon(const JsonReader& j) {
  IssuedCoupon c;
  if (!j.expect_object({"code", "redemption_id", "catalogue_id", "name_zh", "name_en", "benefit", "valid_from_ms",
                        "valid_to_ms", "status"})) {
    return c;
  }
  c.code = j.req_string("code", 32);
  c.redemption_id = j.req_string("redemption_id", kMaxIdBytes);
  c.catalogue_id = j.req_string("catalogue_id", 64);
  c.name_zh = j.opt_string("name_zh", "", 200);
  c.name_en = j.opt_string("name_en", "", 200);
  c.benefit = read_benefit(j.field("benefit"), true);
  c.valid_from_ms = j.req_epoch_ms("valid_from_ms");
  c.valid_to_ms = j.req_epoch_ms("valid_to_ms");
  size_t status = j.field("status").present() ? j.field("status").as_enum(kCouponStatuses) : 0;
  c.status = std::string(kCouponStatuses[status]);
  return c;
}

std::vector<IssuedCoupon> read_coupons(const JsonReader& field) {
  std::vector<IssuedCoupon> out;
  if (!field.present()) return out;
  field.for_each(10, [&](const JsonReader& j, size_t) { out.push_back(read_coupon(j)); });
  return out;
}

boost::json::object write_benefit(const Benefit& b) {
  boost::json::object o;
  o["kind"] = kBenefitKindNames[static_cast<int>(b.kind)];
  if (b.kind == BenefitKind::amount_off) o["amount_off_fen"] = b.amount_off_fen;
  if (b.kind == BenefitKind::percent_off) {
    o["percent_bp"] = b.percent_bp;
    o["cap_fen"] = b.cap_fen;
  }
  if (b.kind == BenefitKind::free_service) o["sku"] = b.sku;
  if (b.min_spend_fen > 0) o["min_spend_fen"] = b.min_spend_fen;
  return o;
}

boost::json::object write_coupon(const IssuedCoupon& c, const OpRequest&) {
  boost::json::object o;
  o["code"] = c.code;
  o["redemption_id"] = c.redemption_id;
  o["catalogue_id"] = c.catalogue_id;
  o["name_zh"] = c.name_zh;
  o["name_en"] = c.name_en;
  o["benefit"] = write_benefit(c.benefit);
  o["valid_from_ms"] = c.valid_from_ms;
  o["valid_to_ms"] = c.valid_to_ms;
  o["status"] = c.status;
  return o;
}

AnyEvent read_any_event(const JsonReader& j) {
  AnyEvent out;
  if (!j.expect_object()) return out;
  if (j.field("type").present() && j.field("type").raw()->is_string() &&
      j.field("type").raw()->get_string() == "cancel") {
    j.expect_object({"id", "type", "at_ms", "target_event_id"});
    out.event.id = j.req_string("id", kMaxIdBytes);
    out.event.at_ms = j.req_epoch_ms("at_ms");
    out.cancel_target = j.req_string("target_event_id", kMaxIdBytes);
    if (j.ok() && out.event.id.empty()) j.field("id").fail("不能为空", "must not be empty");
    if (j.ok() && out.cancel_target.empty()) j.field("target_event_id").fail("不能为空", "must not be empty");
    return out;
  }
  out.event = read_event(j);
  return out;
}

Event read_event(const JsonReader& j) {
  Event ev;
  if (!j.expect_object({"id", "type", "at_ms", "items", "coupons", "invitee_discount"})) return ev;
  ev.id = j.req_string("id", kMaxIdBytes);
  if (j.ok() && ev.id.empty()) j.field("id").fail("不能为空", "must not be empty");
  ev.type = static_cast<EventType>(j.field("type").as_enum(kEventTypeNames));
  ev.at_ms = j.req_epoch_ms("at_ms");
  if (!j.ok()) return ev;
  if (ev.type == EventType::visit_completed) {
    ev.items = read_items(j.field("items"));
    ev.coupons = read_coupons(j.field("coupons"));
    JsonReader inv = j.field("invitee_discount");
    if (inv.present() && inv.expect_object({"campaign_id"})) ev.invitee_campaign_id = inv.req_string("campaign_id", 64);
  } else {
    for (std::string_view k : {"items", "coupons", "invitee_discount"}) {
      if (j.field(k).present()) j.field(k).fail("仅就诊事件可带购物明细", "only visit_completed carries a cart");
    }
  }
  return ev;
}

boost::json::array write_reasons(const std::vector<Reason>& reasons, const OpRequest& req) {
  boost::json::array a;
  for (const Reason& r : reasons) {
    a.push_back(boost::json::object{{"code", r.code}, {"message", req.english() ? r.en : r.zh}, {"amount", r.amount}});
  }
  return a;
}

boost::json::object write_balance(const Rules& rules, const Account& account, int64_t now_ms, int32_t expiring_days,
                                  const OpRequest& req) {
  if (account.clock_ms > now_ms) now_ms = account.clock_ms;
  int64_t until = now_ms + static_cast<int64_t>(expiring_days) * civil::kMsPerDay;
  Balance b = balance_of(account, now_ms, until);
  boost::json::object o;
  o["available"] = b.available;
  o["pending"] = b.pending;
  o["expired"] = b.expired;
  o["debt"] = b.debt;
  o["lifetime_earned"] = b.lifetime_earned;
  o["credit_fen"] = b.credit_fen;
  o["expiring"] = boost::json::object{{"within_days", expiring_days}, {"points", b.expiring_by(until)}};
  if (rules.tiers.levels.empty()) {
    o["tier"] = nullptr;
    return o;
  }
  TierStatus t = tier_at(rules, account, now_ms);
  const Tier& tier = rules.tiers.levels[t.index];
  boost::json::object to;
  to["id"] = tier.id;
  to["name"] = req.english() ? tier.name_en : tier.name_zh;
  to["multiplier_bp"] = tier.multiplier_bp;
  to["earned_in_window"] = t.earned_in_window;
  to["window_days"] = rules.tiers.window_days;
  boost::json::array coupons;
  for (int i = 0; i <= t.index; ++i) {
    for (const std::string& c : rules.tiers.levels[i].coupons) coupons.push_back(boost::json::value(c));
  }
  to["exclusive_coupons"] = std::move(coupons);
  if (static_cast<size_t>(t.index) + 1 < rules.tiers.levels.size()) {
    const Tier& next = rules.tiers.levels[t.index + 1];
    int64_t needed = next.min_earned - t.earned_in_window;
    to["next"] = boost::json::object{{"id", next.id},
                                     {"name", req.english() ? next.name_en : next.name_zh},
                                     {"min_earned", next.min_earned},
                                     {"points_needed", needed > 0 ? needed : 0}};
  } else {
    to["next"] = nullptr;
  }
  o["tier"] = std::move(to);
  return o;
}

}  // namespace clinic::points::codec
