// What the manager's tools read out of a clinic's stored ledger and rules (issue 17: the
// domain owns the ledger's meaning, routes only ask): the events rules.simulate replays,
// the points that expired in a time range, the referral campaigns' budgets and use.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>

#include "store/repositories.h"

namespace clinic::server {

// The events at a clinic since `from_ms`, rebuilt from the stored ledger and visits in the
// shape rules.simulate takes, chronological: plain earns by their type, visits with their
// cart (and invitee/referral block), reversals as cancels. Spends, rebates and referral
// bonuses are derived by the rules, so they are not events.
boost::json::array simulation_events(Repos& r, int64_t clinic_id, int64_t from_ms);

// Points that expired in [from_ms, to_ms) at a clinic: expiry exists only in the accounts (and a
// ledger replay), so each member with entries at this clinic is asked (expired_between: the
// member's account, or a replay for a member active since from_ms) and the growth of `expired`
// is summed.
int64_t points_expired_between(Repos& r, int64_t clinic_id, int64_t from_ms, int64_t to_ms);

// Each referral campaign of the clinic's active rules as {campaign_id, budget, used}; empty
// when no rules are active or they have no referral block.
boost::json::array campaign_budgets(Repos& r, int64_t clinic_id);

}  // namespace clinic::server
