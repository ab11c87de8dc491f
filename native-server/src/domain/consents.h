// A member's current consent decisions (the latest per kind: "health_data", "marketing").
#pragma once

#include <cstdint>
#include <string_view>

#include "store/repositories.h"

namespace clinic::server {

// Whether the member's latest decision of `kind` grants it (no decision: not granted).
inline bool consent_granted(Repos& r, int64_t member_id, std::string_view kind) {
  for (const Consent& c : r.current_consents(member_id)) {
    if (c.kind == kind) return c.granted;
  }
  return false;
}

}  // namespace clinic::server
