// A member's invite code: made once (8 letters and digits, unique), then the same code for the
// share path (GET /api/v1/invite) and the mini-program code (GET /api/v1/invite/qr). Call it
// inside a write job.
#pragma once

#include <cstdint>
#include <string>

#include "store/repositories.h"

namespace clinic::server {

std::string ensure_invite_code(Repos& r, int64_t member_id, int64_t now_ms);

}  // namespace clinic::server
