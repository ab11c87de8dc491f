// JSON <-> Account ("member_account" schema v1) and the related entries an op needs.
// Integers stay within ±2^53 (JavaScript reads accounts too); "no value yet" is null.
#include <boost/json.hpp>

#include "account_internal.h"
#include "clinic/civil_time.h"
#include "codec.h"

namespace clinic::points::codec {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr int64_t kBig = 9'000'000'000'000'000;  // < 2^53
constexpr size_t kMaxAccountItems = 100'000;

value opt_num(int64_t v) {
  return v == INT64_MIN ? value(nullptr) : value(v);
}
int64_t read_opt_num(const JsonReader& j, std::string_view key) {
  if (!j.field(key).present()) return INT64_MIN;
  return j.req_int(key, -kBig, kBig);
}

}  // namespace

boost::json::object write_account(const Account& a) {
  object o;
  o["schema"] = "member_account";
  o["schema_version"] = a.schema_version;
  o["rule_version"] = a.rule_version;
  o["basis"] = a.basis;
  o["utc_offset_min"] = a.utc_offset_min;
  o["last_entry_id"] = a.last_entry_id;
  o["entries"] = a.entries;
  o["clock_ms"] = opt_num(a.clock_ms);
  array lots;
  for (const AccountLot& l : a.lots) {
    lots.push_back(object{{"entry_id", l.entry_id},
                          {"seq", l.seq},
                          {"original", l.original},
                          {"remaining", l.remaining},
                          {"available_at_ms", l.available_at_ms},
                          {"expires_at_ms", l.expires_at_ms},
                          {"released", l.released},
                          {"earned", l.earned}});
  }
  o["lots"] = std::move(lots);
  o["next_seq"] = a.next_seq;
  array spends;
  for (const AccountSpend& s : a.spends) {
    array takes;
    for (const AccountTake& t : s.takes) {
      takes.push_back(object{{"lot_entry_id", t.lot_entry_id},
                             {"lot_seq", t.lot_seq},
                             {"amount", t.amount},
                             {"lot_original", t.lot_original},
                             {"lot_expires_at_ms", t.lot_expires_at_ms},
                             {"lot_earned", t.lot_earned},
                             {"lot_reversed", t.lot_reversed}});
    }
    spends.push_back(object{{"entry_id", s.entry_id}, {"takes", std::move(takes)}});
  }
  o["spends"] = std::move(spends);
  o["debt"] = a.debt;
  o["expired"] = a.expired;
  o["lifetime_earned"] = a.lifetime_earned;
  o["credit_fen"] = a.credit_fen;
  object caps;
  for (const auto& [type, c] : a.caps) {
    caps[type] = object{{"day", opt_num(c.day)},
                        {"day_points", c.day_points},
                        {"month", opt_num(c.month)},
                        {"month_points", c.month_points},
                        {"positive_count", c.positive_count}};
  }
  o["caps"] = std::move(caps);
  o["streak"] = object{{"start_day", a.streak_start}, {"end_day", a.streak_end}};
  array days;
  for (int d = 1; d <= 31; ++d) {
    if (a.month_days & (1u << (d - 1))) days.push_back(d);
  }
  object cal{{"month_index", opt_num(a.month)}, {"days", std::move(days)}};
  if (a.month != INT64_MIN) {
    cal["month"] = civil::format_date(civil::Date{static_cast<int32_t>(1970 + a.month / 12),
                                                  static_cast<int32_t>(a.month % 12 + 1), 1})
                       .substr(0, 7);
  }
  o["calendar"] = std::move(cal);
  array badges;
  for (const std::string& b : a.badges) badges.push_back(value(b));
  o["badges"] = std::move(badges);
  object campaigns;
  for (const auto& [id, u] : a.campaigns) campaigns[id] = object{{"month", opt_num(u.month)}, {"used", u.used}};
  o["campaigns"] = std::move(campaigns);
  array window;
  for (const auto& [at, pts] : a.tier.window) window.push_back(array{at, pts});
  o["tier"] = object{{"index", a.tier.index},
                     {"started", a.tier.started},
                     {"next_eval_ms", a.tier.next_eval_ms},
                     {"next_eval_month", a.tier.next_eval_month},
                     {"check_pending", a.tier.check_pending},
                     {"check_at_ms", a.tier.check_at_ms},
                     {"window", std::move(window)}};
  return o;
}

Account read_account(const JsonReader& j) {
  Account a;
  if (!j.expect_object({"schema",  "schema_version",  "rule_version", "basis",    "utc_offset_min", "last_entry_id",
                        "entries", "clock_ms",        "lots",         "next_seq", "spends",         "debt",
                        "expired", "lifetime_earned", "credit_fen",   "caps",     "streak",         "calendar",
                        "badges",  "campaigns",       "tier"})) {
    return a;
  }
  if (j.req_string("schema", 32) != "member_account" && j.ok()) {
    j.field("schema").fail("应为 member_account", "expected member_account");
  }
  a.schema_version = static_cast<int>(j.req_int("schema_version", 1, 1000));
  if (j.ok() && a.schema_version != kAccountSchemaVersion) {
    j.field("schema_version")
        .fail(
            "不支持的账户版本 " + std::to_string(a.schema_version) + "，请由账本重建",
            "unsupported account schema_version " + std::to_string(a.schema_version) + "; rebuild it from the ledger");
  }
  a.rule_version = j.opt_string("rule_version", "", 64);
  a.basis = j.req_string("basis", 4096);
  a.utc_offset_min = j.opt_utc_offset("utc_offset_min");
  a.last_entry_id = j.opt_string("last_entry_id", "", 200);
  a.entries = j.req_int("entries", 0, kBig);
  a.clock_ms = read_opt_num(j, "clock_ms");
  j.field("lots").for_each(kMaxAccountItems, [&](const JsonReader& l, size_t) {
    if (!l.expect_object(
            {"entry_id", "seq", "original", "remaining", "available_at_ms", "expires_at_ms", "released", "earned"})) {
      return;
    }
    AccountLot lot;
    lot.entry_id = l.req_string("entry_id", 200);
    lot.seq = l.req_int("seq", 0, kBig);
    lot.original = l.req_int("original", 0, kBig);
    lot.remaining = l.req_int("remaining", 0, kBig);
    lot.available_at_ms = l.req_int("available_at_ms", -kBig, kBig);
    lot.expires_at_ms = l.req_int("expires_at_ms", 0, kBig);
    lot.released = l.req_bool("released");
    lot.earned = l.req_bool("earned");
    if (l.ok() && !a.lots.empty() && a.lots.back().seq >= lot.seq) l.field("seq").fail("应递增", "must ascend");
    a.lots.push_back(std::move(lot));
  });
  a.next_seq = j.req_int("next_seq", 0, kBig);
  j.field("spends").for_each(kMaxAccountItems, [&](const JsonReader& s, size_t) {
    if (!s.expect_object({"entry_id", "takes"})) return;
    AccountSpend sp;
    sp.entry_id = s.req_string("entry_id", 200);
    s.field("takes").for_each(kMaxAccountItems, [&](const JsonReader& t, size_t) {
      if (!t.expect_object({"lot_entry_id", "lot_seq", "amount", "lot_original", "lot_expires_at_ms", "lot_earned",
                            "lot_reversed"})) {
        return;
      }
      AccountTake take;
      take.lot_entry_id = t.opt_string("lot_entry_id", "", 200);
      take.lot_seq = t.req_int("lot_seq", -1, kBig);
      take.amount = t.req_int("amount", 0, kBig);
      take.lot_original = t.req_int("lot_original", 0, kBig);
      take.lot_expires_at_ms = t.req_int("lot_expires_at_ms", 0, kBig);
      take.lot_earned = t.req_bool("lot_earned");
      take.lot_reversed = t.req_bool("lot_reversed");
      sp.takes.push_back(std::move(take));
    });
    a.spends.push_back(std::move(sp));
  });
  a.debt = j.req_int("debt", 0, kBig);
  a.expired = j.req_int("expired", -kBig, kBig);
  a.lifetime_earned = j.req_int("lifetime_earned", -kBig, kBig);
  a.credit_fen = j.req_int("credit_fen", -kBig, kBig);
  JsonReader caps = j.field("caps");
  if (caps.expect_object()) {
    for (const std::string& type : caps.keys(1000)) {
      JsonReader c = caps.field(type);
      if (!c.expect_object({"day", "day_points", "month", "month_points", "positive_count"})) break;
      CapCounter cc;
      cc.day = read_opt_num(c, "day");
      cc.day_points = c.req_int("day_points", -kBig, kBig);
      cc.month = read_opt_num(c, "month");
      cc.month_points = c.req_int("month_points", -kBig, kBig);
      cc.positive_count = c.req_int("positive_count", 0, kBig);
      a.caps[type] = cc;
    }
  }
  JsonReader streak = j.field("streak");
  if (streak.expect_object({"start_day", "end_day"})) {
    a.streak_start = streak.req_int("start_day", -kBig, kBig);
    a.streak_end = streak.req_int("end_day", -kBig, kBig);
  }
  JsonReader cal = j.field("calendar");
  if (cal.expect_object({"month_index", "month", "days"})) {
    a.month = read_opt_num(cal, "month_index");
    cal.field("days").for_each(31, [&](const JsonReader& d, size_t) { a.month_days |= 1u << (d.as_int(1, 31) - 1); });
  }
  j.field("badges").for_each(1000, [&](const JsonReader& b, size_t) {
    std::string id = b.as_string(64);
    if (b.ok() && !a.badges.empty() && a.badges.back() >= id) b.fail("应排序且不重复", "must be sorted, no repeats");
    a.badges.push_back(std::move(id));
  });
  JsonReader camps = j.field("campaigns");
  if (camps.expect_object()) {
    for (const std::string& id : camps.keys(1000)) {
      JsonReader c = camps.field(id);
      if (!c.expect_object({"month", "used"})) break;
      a.campaigns[id] = CampaignUsage{read_opt_num(c, "month"), c.req_int("used", -kBig, kBig)};
    }
  }
  JsonReader t = j.field("tier");
  if (t.expect_object(
          {"index", "started", "next_eval_ms", "next_eval_month", "check_pending", "check_at_ms", "window"})) {
    a.tier.index = static_cast<int>(t.req_int("index", 0, 1000));
    a.tier.started = t.req_bool("started");
    a.tier.next_eval_ms = t.req_int("next_eval_ms", -kBig, kBig);
    a.tier.next_eval_month = t.req_int("next_eval_month", -kBig, kBig);
    a.tier.check_pending = t.req_bool("check_pending");
    a.tier.check_at_ms = t.req_int("check_at_ms", -kBig, kBig);
    t.field("window").for_each(kMaxAccountItems, [&](const JsonReader& w, size_t) {
      if (w.array_size(2) != 2 || !w.ok()) return;
      a.tier.window[w.item(0).as_int(-kBig, kBig)] += w.item(1).as_int(-kBig, kBig);
    });
  }
  return a;
}

boost::json::object write_figures(const InviterFigures& f) {
  return object{{"at_ms", f.at_ms},
                {"campaign_id", f.campaign_id},
                {"campaign_month_used", f.campaign_month_used},
                {"referral_success", object{{"day_points", f.referral_success.day},
                                            {"month_points", f.referral_success.month},
                                            {"any", f.referral_success.any}}},
                {"tier_index", f.tier_index}};
}

InviterFigures read_figures(const JsonReader& j) {
  InviterFigures f;
  if (!j.expect_object({"at_ms", "campaign_id", "campaign_month_used", "referral_success", "tier_index"})) return f;
  f.at_ms = j.req_epoch_ms("at_ms");
  f.campaign_id = j.req_string("campaign_id", 64);
  f.campaign_month_used = j.req_int("campaign_month_used", -kBig, kBig);
  JsonReader rs = j.field("referral_success");
  if (rs.expect_object({"day_points", "month_points", "any"})) {
    f.referral_success.day = rs.req_int("day_points", -kBig, kBig);
    f.referral_success.month = rs.req_int("month_points", -kBig, kBig);
    f.referral_success.any = rs.req_bool("any");
  }
  f.tier_index = static_cast<int>(j.req_int("tier_index", 0, 1000));
  return f;
}

LotFates read_fates(const JsonReader& field) {
  LotFates out;
  if (!field.present() || !field.expect_object()) return out;
  for (const std::string& id : field.keys(kMaxAccountItems)) out[id] = field.field(id).as_int(0, kBig);
  return out;
}

boost::json::object write_fates(const LotFates& fates) {
  object o;
  for (const auto& [id, x] : fates) o[id] = x;
  return o;
}

}  // namespace clinic::points::codec
