// Op handler of the offline member code (row in core/src/op_table.cpp).
#pragma once

#include "clinic/command.h"

namespace clinic::member_code::ops {

// member_code.totp: {member_id, secret (base64url, 32 bytes), now_ms} -> {code, valid_from_ms, valid_to_ms}.
Result<boost::json::value> totp(const OpRequest& req);

}  // namespace clinic::member_code::ops
