// What the server reads out of a stored points rules document itself, in one place (the core
// validated the document before it was stored; the engines read it through the ops): the
// referral campaigns, the coupon catalogue the member may redeem from, the document's label.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "store/repositories.h"

namespace clinic::server {

struct ReferralCampaign {
  std::string id;
  boost::json::value budget;  // as the rules document states it
};

// In the document's order; empty when the rules have no referral block.
std::vector<ReferralCampaign> referral_campaigns(const RuleVersion& rules);

// The campaign an invite without one joins: the rules' first, "" when there is none.
std::string default_campaign(const RuleVersion& rules);

// The "catalogue" the member may redeem points for, as the document states it.
boost::json::value coupon_catalogue(const RuleVersion& rules);

// A rules document's own label (its "version" field), null when it has none.
boost::json::value rules_label(const std::string& document);

}  // namespace clinic::server
