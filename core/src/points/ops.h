// Op handlers of the points and referral engines (rows in core/src/op_table.cpp).
// Shapes are documented in README.md ("Points & referral ops").
#pragma once

#include <memory>
#include <optional>
#include "clinic/command.h"

#include "clinic/points/member_view.h"
#include "clinic/referral/referral.h"
#include "codec.h"

namespace clinic::points::ops {

Result<boost::json::value> points_preview(const OpRequest& req);
Result<boost::json::value> points_apply(const OpRequest& req);
Result<boost::json::value> points_balance(const OpRequest& req);
Result<boost::json::value> checkin_apply(const OpRequest& req);
Result<boost::json::value> coupon_redeem(const OpRequest& req);
Result<boost::json::value> coupon_validate(const OpRequest& req);
Result<boost::json::value> visit_price(const OpRequest& req);
Result<boost::json::value> visit_refund(const OpRequest& req);
Result<boost::json::value> rules_validate(const OpRequest& req);
Result<boost::json::value> rules_simulate(const OpRequest& req);
Result<boost::json::value> referral_bind(const OpRequest& req);
Result<boost::json::value> referral_settle(const OpRequest& req);
Result<boost::json::value> account_replay(const OpRequest& req);
Result<boost::json::value> account_figures(const OpRequest& req);
Result<boost::json::value> account_apply(const OpRequest& req);

// Settlement inputs (binding, inviter, first_paid_visit, campaign_used [, visit]) read
// from `root`; shared by referral.settle and visit.price's rebate preview.
// The inviter's history is read into `inviter` (kept alive by the caller); `view`
// answers for it and the request points at it.
struct SettleInput {
  referral::SettleRequest req;
  codec::MemberInput inviter;
  std::unique_ptr<AccountView> view;
  std::optional<InviterFigures> figures;  // a preview's inviter given as figures only
  std::unique_ptr<MemberView> figures_view;
};
void read_settle(const JsonReader& root, bool with_visit, const Rules& rules, SettleInput& out);
void use_inviter_view(const Rules& rules, SettleInput& in);

}  // namespace clinic::points::ops
