// account.replay (ledger -> account + lot fates: the reference, for servers building or
// verifying accounts and for tools) and account.figures (what the rebate rules need about
// an inviter, for a preview that must not see the inviter's entries).
#include <boost/json.hpp>

#include <algorithm>

#include "clinic/points/account_host.h"
#include "clinic/points/member_view.h"
#include "codec.h"
#include "ops.h"

namespace clinic::points {

namespace {

struct Parsed {
  Rules rules;
  std::vector<Entry> ledger;
};

Result<Parsed> parse_stored(std::string_view rules_document, const std::vector<std::string>& entries) {
  boost::json::array ledger;
  ledger.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(entries[i], ec);
    if (ec) {
      return make_error(ErrorCode::bad_json, "账本记录不是有效的 JSON", "a ledger entry is not valid JSON",
                        "$.ledger[" + std::to_string(i) + "]");
    }
    ledger.push_back(std::move(v));
  }
  boost::json::value root = boost::json::object{{"rules", rules_document}, {"ledger", std::move(ledger)}};
  ReadContext ctx;
  JsonReader r(&root, "$", ctx);
  auto rules = codec::read_rules(r.field("rules"));
  if (!rules.ok()) return rules.take_error();
  std::vector<Entry> read = codec::read_ledger(r.field("ledger"));
  if (!ctx.ok()) return ctx.take_error();
  return Parsed{std::move(*rules), std::move(read)};
}

}  // namespace

Result<Rules> parse_rules_document(std::string_view document) {
  boost::json::value root = boost::json::object{{"rules", document}};
  ReadContext ctx;
  JsonReader r(&root, "$", ctx);
  return codec::read_rules(r.field("rules"));
}

Result<StoredReplay> replay_stored(std::string_view rules_document, const std::vector<std::string>& entries) {
  auto p = parse_stored(rules_document, entries);
  if (!p.ok()) return p.take_error();
  LotFates fates;
  Account a = replay_account(p->rules, p->ledger, INT64_MAX, &fates);
  return StoredReplay{boost::json::serialize(codec::write_account(a)),
                      boost::json::serialize(codec::write_fates(fates))};
}

Result<std::vector<int64_t>> expired_at_instants(std::string_view rules_document,
                                                 const std::vector<std::string>& entries,
                                                 const std::vector<int64_t>& instants) {
  auto p = parse_stored(rules_document, entries);
  if (!p.ok()) return p.take_error();
  std::vector<int64_t> out;
  for (int64_t t : instants) {
    Account a = replay_account(p->rules, p->ledger, t);
    out.push_back(balance_of(a, std::max(t, a.clock_ms)).expired);
  }
  return out;
}

}  // namespace clinic::points

namespace clinic::points::ops {

using boost::json::object;
using boost::json::value;

Result<value> account_replay(const OpRequest& req) {
  if (!req.allow_fields({"rules", "ledger"})) return codec::take_error(req);
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  std::vector<Entry> ledger = codec::read_ledger(req.body.field("ledger"));
  if (!req.body.ok()) return codec::take_error(req);
  LotFates fates;
  Account a = replay_account(*rules, ledger, INT64_MAX, &fates);
  return value(object{{"account", codec::write_account(a)}, {"lot_fates", codec::write_fates(fates)}});
}

Result<value> account_apply(const OpRequest& req) {
  if (!req.allow_fields({"rules", "account", "related", "lot_fates", "entries"})) return codec::take_error(req);
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  codec::MemberInput m = codec::read_member(req.body, *rules);
  std::vector<Entry> entries = codec::read_ledger(req.body.field("entries"));
  if (req.body.ok() && !m.account_form) req.body.field("account").fail(ErrorCode::missing_field, "缺少", "missing");
  if (!req.body.ok()) return codec::take_error(req);
  auto fates = codec::fold_member(*rules, m, entries);
  if (!fates.ok()) return fates.take_error();
  return value(object{{"account", codec::write_account(m.account)}, {"lot_fates", codec::write_fates(*fates)}});
}

Result<value> account_figures(const OpRequest& req) {
  if (!req.allow_fields({"rules", "account", "campaign_id", "at_ms"})) return codec::take_error(req);
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  codec::MemberInput m = codec::read_member(req.body, *rules);
  std::string campaign = req.body.req_string("campaign_id", 64);
  int64_t at = req.body.req_epoch_ms("at_ms");
  if (req.body.ok() && !m.account_form) req.body.field("account").fail(ErrorCode::missing_field, "缺少", "missing");
  codec::check_event_time(req.body.field("at_ms"), m, at);
  if (!req.body.ok()) return codec::take_error(req);
  AccountView view(*rules, m.account, m.related);
  return value(object{{"figures", codec::write_figures(inviter_figures(*rules, view, campaign, at))}});
}

}  // namespace clinic::points::ops
