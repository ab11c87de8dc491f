// The referral ops (rows in core/src/op_table.cpp): referral.bind and referral.settle.
// Shapes are documented in README.md ("Points & referral ops").
#pragma once

#include <memory>
#include <optional>

#include "../points/codec.h"
#include "clinic/command.h"
#include "clinic/points/member_view.h"
#include "clinic/referral/referral.h"

namespace clinic::referral::ops {

Result<boost::json::value> bind(const OpRequest& req);
Result<boost::json::value> settle(const OpRequest& req);

// Settlement inputs (binding, inviter, first_paid_visit, campaign_used [, visit]) read
// from `root`; shared by referral.settle and visit.price's rebate preview.
// The inviter's history is read into `inviter` (kept alive by the caller); `view`
// answers for it and the request points at it.
struct SettleInput {
  SettleRequest req;
  points::codec::MemberInput inviter;
  std::unique_ptr<points::AccountView> view;
  std::optional<points::InviterFigures> figures;  // a preview's inviter given as figures only
  std::unique_ptr<points::MemberView> figures_view;
};
void read_settle(const JsonReader& root, bool with_visit, const points::Rules& rules, SettleInput& out);
void use_inviter_view(const points::Rules& rules, SettleInput& in);

}  // namespace clinic::referral::ops
