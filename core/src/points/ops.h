// Op handlers of the points engine (rows in core/src/op_table.cpp); the referral ops are in
// core/src/referral/referral_ops.h.
// Shapes are documented in README.md ("Points & referral ops").
#pragma once

#include "clinic/command.h"

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
Result<boost::json::value> account_replay(const OpRequest& req);
Result<boost::json::value> account_figures(const OpRequest& req);
Result<boost::json::value> account_apply(const OpRequest& req);

}  // namespace clinic::points::ops
