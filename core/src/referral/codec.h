// JSON <-> referral structs for the op layer.
#pragma once

#include <boost/json/value.hpp>

#include "clinic/command.h"
#include "clinic/referral/referral.h"

namespace clinic::referral::codec {

// {"invitee_id","inviter_id","campaign_id","inviter_rewardable"?,...} (extra keys of a
// stored binding, such as bound_at_ms, are accepted and ignored).
Binding read_binding(const JsonReader& field);
// {"member_id","staff"?} (with_history: also "ledger"? or "account"/"related"/"lot_fates",
// read by points::codec::read_member).
Member read_member(const JsonReader& field, bool with_history);
boost::json::object write_binding(const Binding& b);
boost::json::object write_settlement(const Settlement& s, const OpRequest& req);

}  // namespace clinic::referral::codec
