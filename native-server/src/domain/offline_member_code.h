// The offline member code at the desk (issue 15). The phone holds a secret provisioned by
// POST /api/v1/member-code/secret (sealed at rest, tied to the session that asked for it, so
// logout and account deletion end it) and computes "<member id>.<8 digits>" with the core op
// member_code.totp; this server recomputes the same code with the same core functions.
// Accepted: the current and the previous 30-second step (a code shown just before the step
// changed still scans). Within its step a code can be scanned again: it is used for LOOKUPS
// only (member search and member lookup at the desk). Nothing that credits or spends takes a
// member code: visits, refunds and coupons name the member id the lookup returned and run under
// the staff session, idempotency keys and audit rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/repositories.h"

namespace clinic::server {

inline constexpr int64_t kMemberCodeSecretTtlMs = 7LL * 86'400'000;

// True when `code` has the offline shape "<digits>.<8 digits>".
bool is_offline_member_code(const std::string& code);
// The member id when the code is valid now (current or previous step) for one of the member's
// live secrets; throws ApiError token_expired when it matches only an older step (within the
// last 10 minutes, to tell the desk "ask for a fresh code") and invalid_field otherwise.
int64_t verify_offline_member_code(Repos& r, const std::string& code, int64_t now_ms);

}  // namespace clinic::server
