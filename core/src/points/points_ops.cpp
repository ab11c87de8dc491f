// points.*, checkin.apply, coupon.*, visit.*: read JSON into structs, call the engine,
// write JSON. Every op that returns entries also returns the balance after them.
#include <boost/json.hpp>

#include <optional>

#include "clinic/civil_time.h"
#include "clinic/points/coupons.h"
#include "clinic/points/earning.h"
#include "clinic/points/member_view.h"
#include "codec.h"
#include "ops.h"

namespace clinic::points::ops {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using codec::MemberInput;
using codec::write_account;
using codec::write_fates;

object reason_object(const Reason& r, const OpRequest& req) {
  return object{{"code", r.code}, {"message", req.english() ? r.en : r.zh}};
}

object checkin_status(const Rules& rules, const Account& account, int64_t now_ms) {
  int64_t today = civil::local_day(now_ms, rules.utc_offset_min);
  int32_t streak_today = streak_ending(account, today);
  // A streak is still alive until the end of the day after its last check-in.
  int32_t streak = streak_today > 0 ? streak_today : streak_ending(account, today - 1);
  return object{{"checked_in_today", streak_today > 0}, {"streak_days", streak}};
}

// The engines ask the account (a ledger-form request was replayed into one).
struct Views {
  AccountView account;
  Views(const Rules& rules, const MemberInput& m) : account(rules, m.account, m.related) {}
  const MemberView& pick(const MemberInput&, int64_t) const { return account; }
};

// Folds the op's new entries into the account; the account form also answers with the
// next account and the lot fates to keep.
[[nodiscard]] std::optional<Error> finish(const Rules& rules, MemberInput& m, const std::vector<Entry>& entries,
                                          object& out, std::string_view key = "account",
                                          std::string_view fates_key = "lot_fates") {
  auto fates = codec::fold_member(rules, m, entries, key);
  if (!fates.ok()) return fates.take_error();
  if (!m.account_form) return std::nullopt;
  out[key] = write_account(m.account);
  out[fates_key] = write_fates(*fates);
  return std::nullopt;
}

Result<value> earn_op(const OpRequest& req, bool commit, bool checkin_only) {
  if (!req.allow_fields({"rules", "ledger", "account", "related", "lot_fates", "event"})) return codec::take_error(req);
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  MemberInput m = codec::read_member(req.body, *rules);
  JsonReader ev_reader = req.body.field("event");
  codec::AnyEvent any;
  if (checkin_only) {
    if (ev_reader.expect_object({"id", "at_ms"})) {
      any.event.id = ev_reader.req_string("id", 128);
      any.event.at_ms = ev_reader.req_epoch_ms("at_ms");
      any.event.type = EventType::daily_checkin;
      if (ev_reader.ok() && any.event.id.empty()) ev_reader.field("id").fail("不能为空", "must not be empty");
    }
  } else {
    any = codec::read_any_event(ev_reader);
    any.event.from_settlement = !commit;  // a preview writes nothing: it may show referral_success
  }
  codec::check_event_time(ev_reader.field("at_ms"), m, any.event.at_ms);
  if (!req.body.ok()) return codec::take_error(req);
  Views views(*rules, m);
  const MemberView& member = views.pick(m, any.event.at_ms);
  object out;
  std::vector<Entry> added;
  if (!any.cancel_target.empty()) {
    if (member.has_event(any.event.id)) {
      out["duplicate"] = true;
      out["points"] = 0;
      out["entries"] = array();
    } else {
      auto r = reverse_event(*rules, m.related.entries, any.event.id, any.cancel_target, any.event.at_ms);
      if (!r.ok()) return r.take_error();
      int64_t pts = 0;
      for (const Entry& e : *r) pts += e.points;
      out["duplicate"] = false;
      out["points"] = pts;
      out["entries"] = codec::write_entries(*r);
      added = std::move(*r);
    }
    out["reasons"] = array();
  } else {
    auto r = earn(*rules, member, any.event);
    if (!r.ok()) return r.take_error();
    out["duplicate"] = r->duplicate;
    if (any.event.type == EventType::daily_checkin) {
      out["already_checked_in"] = r->already_checked_in;
      out["streak_days"] = r->streak_days;
      array badges;
      for (const std::string& b : r->badges) badges.push_back(value(b));
      out["badges"] = std::move(badges);
    }
    if (any.event.type == EventType::visit_completed) out["eligible_fen"] = r->eligible_fen;
    out["points"] = r->points;
    out["reasons"] = codec::write_reasons(r->reasons, req);
    out["entries"] = codec::write_entries(r->entries);
    added = std::move(r->entries);
  }
  if (commit) {
    if (auto e = finish(*rules, m, added, out)) return std::move(*e);
    out["balance"] = codec::write_balance(*rules, m.account, any.event.at_ms, 30, req);
  }
  return value(std::move(out));
}

}  // namespace

Result<value> points_preview(const OpRequest& req) {
  return earn_op(req, false, false);
}
Result<value> points_apply(const OpRequest& req) {
  return earn_op(req, true, false);
}
Result<value> checkin_apply(const OpRequest& req) {
  return earn_op(req, true, true);
}

Result<value> points_balance(const OpRequest& req) {
  if (!req.allow_fields({"rules", "ledger", "account", "now_ms", "expiring_within_days"})) {
    return codec::take_error(req);
  }
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  int64_t now = req.body.req_epoch_ms("now_ms");
  int32_t days = static_cast<int32_t>(req.body.opt_int("expiring_within_days", 30, 0, 3650));
  // The balance at `now`: a ledger's entries dated later are left out; an account answers
  // at its newest entry at the earliest.
  MemberInput m = codec::read_member(req.body, *rules, {}, now);
  if (!req.body.ok()) return codec::take_error(req);
  object out = codec::write_balance(*rules, m.account, now, days, req);
  out["checkin"] = checkin_status(*rules, m.account, now);
  if (m.account_form) {
    const Account& a = m.account;
    array days_in_month;
    int32_t off = rules->utc_offset_min;
    if (a.month == civil::month_index(civil::local_date(std::max(now, a.clock_ms), off))) {
      for (int d = 1; d <= 31; ++d) {
        if (a.month_days & (1u << (d - 1))) days_in_month.push_back(d);
      }
    }
    out["checkin"].as_object()["month_days"] = std::move(days_in_month);
    array badges;
    for (const std::string& id : a.badges) {
      object b{{"id", id}, {"name", id}};
      for (const Badge& rb : rules->badges) {
        if (rb.id == id) b["name"] = req.english() ? rb.name_en : rb.name_zh;
      }
      badges.push_back(std::move(b));
    }
    out["badges"] = std::move(badges);
  }
  out["rule_version"] = rules->version;
  return value(std::move(out));
}

Result<value> coupon_redeem(const OpRequest& req) {
  if (!req.allow_fields(
          {"rules", "ledger", "account", "related", "lot_fates", "catalogue_id", "redemption_id", "at_ms"})) {
    return codec::take_error(req);
  }
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  MemberInput m = codec::read_member(req.body, *rules);
  std::string catalogue_id = req.body.req_string("catalogue_id", 64);
  std::string redemption_id = req.body.req_string("redemption_id", 128);
  int64_t at = req.body.req_epoch_ms("at_ms");
  if (req.body.ok() && redemption_id.empty()) req.body.field("redemption_id").fail("不能为空", "must not be empty");
  codec::check_event_time(req.body.field("at_ms"), m, at);
  if (!req.body.ok()) return codec::take_error(req);
  Views views(*rules, m);
  auto r = redeem(*rules, views.pick(m, at), catalogue_id, redemption_id, at);
  if (!r.ok()) return r.take_error();
  object out;
  out["duplicate"] = r->duplicate;
  out["coupon"] = codec::write_coupon(r->coupon, req);
  out["entries"] = codec::write_entries(r->entries);
  if (auto e = finish(*rules, m, r->entries, out)) return std::move(*e);
  out["balance"] = codec::write_balance(*rules, m.account, at, 30, req);
  return value(std::move(out));
}

Result<value> coupon_validate(const OpRequest& req) {
  if (!req.allow_fields({"rules", "coupon", "items", "at_ms"})) return codec::take_error(req);
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  IssuedCoupon coupon = codec::read_coupon(req.body.field("coupon"));
  std::vector<CartItem> items = codec::read_items(req.body.field("items"));
  int64_t at = req.body.req_epoch_ms("at_ms");
  if (!req.body.ok()) return codec::take_error(req);
  object out;
  if (auto problem = coupon_problem(*rules, coupon, items, at)) {
    out["valid"] = false;
    out["discount_fen"] = 0;
    out["reason"] = reason_object(*problem, req);
    return value(std::move(out));
  }
  auto priced = price_visit(*rules, items, {coupon}, "", at);
  if (!priced.ok()) return priced.take_error();
  out["valid"] = true;
  out["discount_fen"] = priced->discount_fen;
  out["payable_fen"] = priced->payable_fen;
  out["reason"] = reason_object(priced->discounts.back().reason, req);
  return value(std::move(out));
}

Result<value> visit_refund(const OpRequest& req) {
  if (!req.allow_fields({"rules", "ledger", "account", "related", "lot_fates", "refund", "inviter_ledger",
                         "inviter_account", "inviter_related", "inviter_lot_fates"})) {
    return codec::take_error(req);
  }
  auto rules = codec::rules_of(req);
  if (!rules.ok()) return rules.take_error();
  MemberInput m = codec::read_member(req.body, *rules);
  MemberInput inviter = codec::read_member(
      req.body, *rules, {"inviter_ledger", "inviter_account", "inviter_related", "inviter_lot_fates"});
  JsonReader rf = req.body.field("refund");
  std::string id, visit_id;
  int64_t at = 0;
  if (rf.expect_object({"id", "visit_event_id", "at_ms"})) {
    id = rf.req_string("id", 128);
    visit_id = rf.req_string("visit_event_id", 128);
    at = rf.req_epoch_ms("at_ms");
    if (rf.ok() && (id.empty() || visit_id.empty())) rf.fail("id 不能为空", "ids must not be empty");
  }
  codec::check_event_time(rf.field("at_ms"), m, at);
  if (!req.body.ok()) return codec::take_error(req);
  object out;
  if (m.related.has_event(id)) {
    out["duplicate"] = true;
    out["entries"] = array();
    out["inviter_entries"] = array();
    if (auto e = finish(*rules, m, {}, out)) return std::move(*e);
    out["balance"] = codec::write_balance(*rules, m.account, at, 30, req);
    return value(std::move(out));
  }
  auto mine = reverse_event(*rules, m.related.entries, id, visit_id, at);
  if (!mine.ok()) {
    Error e = mine.take_error();
    e.path = "$.refund.visit_event_id";
    return e;
  }
  std::vector<Entry> theirs;
  if (inviter.related.has_event(visit_id) && !inviter.related.has_event(id)) {
    auto r = reverse_event(*rules, inviter.related.entries, id, visit_id, at);
    if (r.ok()) theirs = std::move(*r);
  }
  out["duplicate"] = false;
  out["entries"] = codec::write_entries(*mine);
  out["inviter_entries"] = codec::write_entries(theirs);
  if (auto e = finish(*rules, m, *mine, out)) return std::move(*e);
  if (inviter.account_form) {
    if (auto e = finish(*rules, inviter, theirs, out, "inviter_account", "inviter_lot_fates")) return std::move(*e);
  }
  out["balance"] = codec::write_balance(*rules, m.account, at, 30, req);
  return value(std::move(out));
}

}  // namespace clinic::points::ops
