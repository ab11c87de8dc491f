// referral.bind and referral.settle.
#include <boost/json.hpp>

#include "referral_ops.h"

#include "codec.h"

namespace clinic::referral::ops {

using boost::json::object;
using boost::json::value;

Result<value> bind(const OpRequest& req) {
  if (!req.allow_fields({"rules", "campaign_id", "inviter", "invitee", "shared_at_ms", "at_ms"})) {
    return points::codec::take_error(req);
  }
  auto rules = points::codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  referral::BindRequest b;
  b.campaign_id = req.body.req_string("campaign_id", 64);
  b.inviter = codec::read_member(req.body.field("inviter"), false);
  JsonReader inv = req.body.field("invitee");
  if (inv.expect_object({"member_id", "registered_at_ms", "bound_inviter_id"})) {
    b.invitee_id = inv.req_string("member_id", 128);
    b.invitee_registered_at_ms = inv.req_epoch_ms("registered_at_ms");
    b.existing_inviter_id = inv.opt_string("bound_inviter_id", "", 128);
  }
  b.shared_at_ms = req.body.req_epoch_ms("shared_at_ms");
  b.at_ms = req.body.req_epoch_ms("at_ms");
  if (!req.body.ok()) return points::codec::take_error(req);
  auto r = referral::bind(*rules, b);
  if (!r.ok()) return r.take_error();
  object out;
  out["already_bound"] = r->already_bound;
  out["binding"] = codec::write_binding(*r);
  const points::Campaign* c = rules->campaign(b.campaign_id);
  out["invitee_benefit"] =
      c && c->invitee_benefit ? value(points::codec::write_benefit(*c->invitee_benefit)) : value(nullptr);
  return value(std::move(out));
}

// Reads the settlement inputs shared by referral.settle and visit.price's rebate preview.
void read_settle(const JsonReader& root, bool with_visit, const points::Rules& rules, SettleInput& out) {
  SettleRequest& s = out.req;
  s.binding = codec::read_binding(root.field("binding"));
  s.inviter = codec::read_member(root.field("inviter"), true);
  JsonReader inviter = root.field("inviter");
  if (root.ok() && inviter.field("figures").present()) {
    if (with_visit) {
      inviter.field("figures").fail("结算需要邀请人的账户，数字只用于预览",
                                    "settling needs the inviter's account; figures are for a preview only");
    } else {
      out.figures = points::codec::read_figures(inviter.field("figures"));
      for (std::string_view k : {"ledger", "account", "related", "lot_fates"}) {
        if (inviter.field(k).present()) inviter.field(k).fail("与 figures 不能同时给", "not with figures");
      }
    }
  } else if (root.ok()) {
    out.inviter = points::codec::read_member(inviter, rules);
  }
  s.first_paid_visit = root.opt_bool("first_paid_visit", true);
  s.campaign_used = root.opt_int("campaign_used", 0, 0, 1000000000000);
  if (with_visit) {
    JsonReader v = root.field("visit");
    if (v.expect_object({"event_id", "at_ms", "paid_confirmed", "items", "coupons", "invitee_discount"})) {
      s.visit_event_id = v.req_string("event_id", 128);
      s.visit_at_ms = v.req_epoch_ms("at_ms");
      s.paid_confirmed = v.req_bool("paid_confirmed");
      s.items = points::codec::read_items(v.field("items"));
      s.coupons = points::codec::read_coupons(v.field("coupons"));
      s.invitee_discount = v.opt_bool("invitee_discount", false);
      if (v.ok() && s.visit_event_id.empty()) v.field("event_id").fail("不能为空", "must not be empty");
    }
  }
}

// Points the request at the inviter's figures or account (a ledger was replayed into one).
void use_inviter_view(const points::Rules& rules, SettleInput& in) {
  if (in.figures) {
    in.figures_view = points::figures_view(rules, *in.figures);
    in.req.inviter_view = in.figures_view.get();
    return;
  }
  in.view = std::make_unique<points::AccountView>(rules, in.inviter.account, in.inviter.related);
  in.req.inviter_view = in.view.get();
}

Result<value> settle(const OpRequest& req) {
  if (!req.allow_fields({"rules", "binding", "inviter", "visit", "first_paid_visit", "campaign_used"})) {
    return points::codec::take_error(req);
  }
  auto rules = points::codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  SettleInput in;
  read_settle(req.body, true, *rules, in);
  if (req.body.ok() && in.inviter.account_form) {
    points::codec::check_event_time(req.body.field("visit").field("at_ms"), in.inviter, in.req.visit_at_ms);
  }
  if (!req.body.ok()) return points::codec::take_error(req);
  use_inviter_view(*rules, in);
  auto r = referral::settle(*rules, in.req);
  if (!r.ok()) return r.take_error();
  object out = codec::write_settlement(*r, req);
  auto fates = points::codec::fold_member(*rules, in.inviter, r->inviter_entries, "inviter.account");
  if (!fates.ok()) return fates.take_error();
  if (in.inviter.account_form) {
    out["inviter_account"] = points::codec::write_account(in.inviter.account);
    out["inviter_lot_fates"] = points::codec::write_fates(*fates);
  }
  out["balance"] = points::codec::write_balance(*rules, in.inviter.account, in.req.visit_at_ms, 30, req);
  return value(std::move(out));
}

}  // namespace clinic::referral::ops
