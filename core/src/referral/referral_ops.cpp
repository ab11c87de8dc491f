// referral.bind and referral.settle.
#include <boost/json.hpp>

#include "../points/codec.h"
#include "../points/ops.h"
#include "codec.h"

namespace clinic::points::ops {

using boost::json::object;
using boost::json::value;

Result<value> referral_bind(const OpRequest& req) {
  if (!req.allow_fields({"rules", "campaign_id", "inviter", "invitee", "shared_at_ms", "at_ms"})) {
    return codec::take_error(req);
  }
  auto rules = codec::read_rules(req.body.field("rules"));
  if (!rules.ok()) return rules.take_error();
  referral::BindRequest b;
  b.campaign_id = req.body.req_string("campaign_id", 64);
  b.inviter = referral::codec::read_member(req.body.field("inviter"), nullptr);
  JsonReader inv = req.body.field("invitee");
  if (inv.expect_object({"member_id", "registered_at_ms", "bound_inviter_id"})) {
    b.invitee_id = inv.req_string("member_id", 128);
    b.invitee_registered_at_ms = inv.req_epoch_ms("registered_at_ms");
    b.existing_inviter_id = inv.opt_string("bound_inviter_id", "", 128);
  }
  b.shared_at_ms = req.body.req_epoch_ms("shared_at_ms");
  b.at_ms = req.body.req_epoch_ms("at_ms");
  if (!req.body.ok()) return codec::take_error(req);
  auto r = referral::bind(*rules, b);
  if (!r.ok()) return r.take_error();
  object out;
  out["already_bound"] = r->already_bound;
  out["binding"] = referral::codec::write_binding(*r);
  const Campaign* c = rules->campaign(b.campaign_id);
  out["invitee_benefit"] = c && c->invitee_benefit ? value(codec::write_benefit(*c->invitee_benefit)) : value(nullptr);
  return value(std::move(out));
}

// Reads the settlement inputs shared by referral.settle and visit.price's rebate preview.
referral::SettleRequest read_settle(const JsonReader& root, bool with_visit) {
  referral::SettleRequest s;
  s.binding = referral::codec::read_binding(root.field("binding"));
  s.inviter = referral::codec::read_member(root.field("inviter"), &s.inviter_ledger);
  s.first_paid_visit = root.opt_bool("first_paid_visit", true);
  s.campaign_used = root.opt_int("campaign_used", 0, 0, 1000000000000);
  if (!with_visit) return s;
  JsonReader v = root.field("visit");
  if (v.expect_object({"event_id", "at_ms", "paid_confirmed", "items", "coupons", "invitee_discount"})) {
    s.visit_event_id = v.req_string("event_id", 128);
    s.visit_at_ms = v.req_epoch_ms("at_ms");
    s.paid_confirmed = v.req_bool("paid_confirmed");
    s.items = codec::read_items(v.field("items"));
    s.coupons = codec::read_coupons(v.field("coupons"));
    s.invitee_discount = v.opt_bool("invitee_discount", false);
    if (v.ok() && s.visit_event_id.empty()) v.field("event_id").fail("不能为空", "must not be empty");
  }
  return s;
}

Result<value> referral_settle(const OpRequest& req) {
  if (!req.allow_fields({"rules", "binding", "inviter", "visit", "first_paid_visit", "campaign_used"})) {
    return codec::take_error(req);
  }
  auto rules = codec::read_rules(req.body.field("rules"));
  if (!rules.ok()) return rules.take_error();
  referral::SettleRequest s = read_settle(req.body, true);
  if (!req.body.ok()) return codec::take_error(req);
  auto r = referral::settle(*rules, s);
  if (!r.ok()) return r.take_error();
  object out = referral::codec::write_settlement(*r, req);
  out["balance"] = codec::write_balance(
      *rules,
      [&] {
        std::vector<Entry> l = s.inviter_ledger;
        l.insert(l.end(), r->inviter_entries.begin(), r->inviter_entries.end());
        return l;
      }(),
      s.visit_at_ms, 30, req);
  return value(std::move(out));
}

}  // namespace clinic::points::ops
