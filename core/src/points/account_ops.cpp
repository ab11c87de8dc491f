// account.replay (ledger -> account + lot fates: the reference, for servers building or
// verifying accounts and for tools) and account.figures (what the rebate rules need about
// an inviter, for a preview that must not see the inviter's entries).
#include <boost/json.hpp>

#include "clinic/points/member_view.h"
#include "codec.h"
#include "ops.h"

namespace clinic::points::ops {

using boost::json::object;
using boost::json::value;

Result<value> account_replay(const OpRequest& req) {
  if (!req.allow_fields({"rules", "ledger"})) return codec::take_error(req);
  auto rules = codec::read_rules(req.body.field("rules"));
  if (!rules.ok()) return rules.take_error();
  std::vector<Entry> ledger = codec::read_ledger(req.body.field("ledger"));
  if (!req.body.ok()) return codec::take_error(req);
  LotFates fates;
  Account a = replay_account(*rules, ledger, INT64_MAX, &fates);
  return value(object{{"account", codec::write_account(a)}, {"lot_fates", codec::write_fates(fates)}});
}

Result<value> account_figures(const OpRequest& req) {
  if (!req.allow_fields({"rules", "account", "campaign_id", "at_ms"})) return codec::take_error(req);
  auto rules = codec::read_rules(req.body.field("rules"));
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
