// visit.price: the desk's and the phone's view of one visit: line totals, discounts,
// payable, the points the visit would earn and the rebate it would credit.
#include <boost/json.hpp>

#include "../referral/referral_ops.h"
#include "clinic/points/earning.h"
#include "clinic/points/member_view.h"
#include "clinic/referral/referral.h"
#include "codec.h"
#include "ops.h"

namespace clinic::points::ops {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Result<value> visit_price(const OpRequest& req) {
  if (!req.allow_fields({"rules", "items", "coupons", "invitee_discount", "at_ms", "ledger", "account", "related",
                         "lot_fates", "referral"})) {
    return codec::take_error(req);
  }
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  Event ev;
  ev.id = "visit.price";  // a preview id: never stored
  ev.type = EventType::visit_completed;
  ev.items = codec::read_items(req.body.field("items"));
  ev.coupons = codec::read_coupons(req.body.field("coupons"));
  JsonReader inv = req.body.field("invitee_discount");
  if (inv.present() && inv.expect_object({"campaign_id"})) ev.invitee_campaign_id = inv.req_string("campaign_id", 64);
  ev.at_ms = req.body.req_epoch_ms("at_ms");
  codec::MemberInput m = codec::read_member(req.body, *rules);
  JsonReader ref = req.body.field("referral");
  bool with_referral = ref.present() && ref.expect_object({"binding", "inviter", "first_paid_visit", "campaign_used"});
  referral::ops::SettleInput settle_in;
  referral::SettleRequest& settle_req = settle_in.req;
  if (with_referral) referral::ops::read_settle(ref, false, *rules, settle_in);
  if (!req.body.ok()) return codec::take_error(req);

  auto priced = price_visit(*rules, ev.items, ev.coupons, ev.invitee_campaign_id, ev.at_ms);
  if (!priced.ok()) return priced.take_error();
  object out;
  array lines;
  for (const PricedLine& l : priced->lines) {
    object o;
    o["sku"] = l.item.sku;
    o["name"] = l.item.name;
    o["qty"] = l.item.qty;
    o["rx"] = l.item.rx;
    o["amount_fen"] = l.item.amount_fen;
    o["total_fen"] = l.total_fen;
    o["discount_fen"] = l.discount_fen;
    o["payable_fen"] = l.payable_fen;
    o["earns"] = !l.item.rx;
    if (l.item.rx) {
      o["note"] = req.english() ? "prescription item: no points, discount or rebate" : "处方药：不积分、不打折、不返利";
    }
    lines.push_back(std::move(o));
  }
  out["lines"] = std::move(lines);
  array discounts;
  for (const AppliedDiscount& d : priced->discounts) {
    discounts.push_back(
        object{{"source", d.source},
               {"code", d.code},
               {"applied", d.applied},
               {"amount_fen", d.amount_fen},
               {"reason", object{{"code", d.reason.code}, {"message", req.english() ? d.reason.en : d.reason.zh}}}});
  }
  out["discounts"] = std::move(discounts);
  out["total_fen"] = priced->total_fen;
  out["discount_fen"] = priced->discount_fen;
  out["payable_fen"] = priced->payable_fen;
  out["eligible_fen"] = priced->eligible_paid_fen;
  out["rx_fen"] = priced->rx_fen;

  // A preview asks the account when the visit is not dated before its newest entry.
  LedgerView ledger_view(*rules, m.related.entries);
  AccountView account_view(*rules, m.account, m.related);
  bool back_dated = ev.at_ms < m.account.clock_ms;
  auto earned = earn(*rules,
                     back_dated && !m.account_form ? static_cast<const MemberView&>(ledger_view)
                                                   : static_cast<const MemberView&>(account_view),
                     ev);
  if (!earned.ok()) return earned.take_error();
  object pts;
  pts["points"] = earned->points;
  pts["available_at_ms"] = earned->entries.empty() ? 0 : earned->entries.front().available_at_ms;
  pts["reasons"] = codec::write_reasons(earned->reasons, req);
  out["points"] = std::move(pts);

  array rebates;
  if (with_referral) {
    settle_req.visit_event_id = "visit.price";
    settle_req.visit_at_ms = ev.at_ms;
    settle_req.paid_confirmed = true;  // preview: as if the desk confirms payment
    settle_req.items = ev.items;
    settle_req.coupons = ev.coupons;
    settle_req.invitee_discount = !ev.invitee_campaign_id.empty();
    referral::ops::use_inviter_view(*rules, settle_in);
    auto s = referral::settle(*rules, settle_req);
    object r;
    r["inviter_id"] = settle_req.binding.inviter_id;
    if (s.ok()) {
      r["unit"] = s->unit;
      r["amount"] = s->amount;
      r["reasons"] = codec::write_reasons(s->reasons, req);
    } else {
      r["unit"] = "";
      r["amount"] = 0;
      const Error& e = s.error();
      r["reasons"] = array{object{{"code", error_code_name(e.code)}, {"message", e.message(req.lang)}, {"amount", 0}}};
    }
    rebates.push_back(std::move(r));
  }
  out["rebates"] = std::move(rebates);
  return value(std::move(out));
}

}  // namespace clinic::points::ops
