// A member's invite code: made once (8 letters and digits, unique), then the same code for the
// share path (GET /api/v1/invite) and the mini-program code (GET /api/v1/invite/qr). Call it
// inside a write job. And what the inviter sees of the friends it brought.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>

#include "store/repositories.h"

namespace clinic::server {

std::string ensure_invite_code(Repos& r, int64_t member_id, int64_t now_ms);

// {"friends": [{name (masked), joined_at_ms, visited, reward_points, reward_fen}],
//  "rewards": {points, credit_fen}}: the rewards are what the inviter's ledger credits per
// invitee (one query); privacy: a masked name and whether a visit happened, never what care.
boost::json::object invite_friends(Repos& r, int64_t member_id);

}  // namespace clinic::server
