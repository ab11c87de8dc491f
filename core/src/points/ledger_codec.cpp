// JSON <-> ledger entries, and a member's history as an op receives it (ledger or account form).
#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "codec.h"

namespace clinic::points::codec {
namespace {

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
    } else if (std::string field = tier_state_problem(m.account, rules); field == "index") {
      account.field("tier").field(field).fail("超出规则的等级数", "beyond the number of tier levels in the rules");
    } else if (!field.empty()) {
      account.field("tier").field(field).fail("不是规则评定日历中的月初",
                                              "not a month start of the rules' evaluation calendar");
    }
  }
  return m;
}

void check_event_time(const JsonReader& at_field, const MemberInput& m, int64_t at_ms) {
  if (m.account_form && at_field.ok() && at_ms < m.account.clock_ms) {
    at_field.fail("早于会员账户最新记录的时间", "earlier than the newest entry of the member's account");
  }
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

Result<LotFates> fold_member(const Rules& rules, MemberInput& m, const std::vector<Entry>& entries,
                             std::string_view account_key) {
  LotFates fates;
  std::string missing = apply(m.account, rules, entries, m.related, &fates);
  if (!missing.empty()) {
    return make_error(ErrorCode::missing_field, "缺少被撤销支出的来源：" + missing,
                      "the takes of the reversed spend " + missing + " were not given",
                      "$." + std::string(account_key) + ".spends");
  }
  return fates;
}

}  // namespace clinic::points::codec
