// An issued coupon on the server: its JSON as the core and the apps see it, and which desks
// may use it.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>

#include "domain/ledger_service.h"  // parse_stored: the one stored-JSON reader
#include "errors.h"
#include "store/repositories.h"

namespace clinic::server {

// An issued coupon as the core wants it: the stored JSON with the server's status.
inline boost::json::object coupon_json(const CouponRow& c) {
  boost::json::object o = parse_stored(c.coupon).as_object();
  o["status"] = c.status;
  return o;
}

// Scope (README "Desk scope"): members belong to the organization (any of its desks may look a
// member up by member code or phone); a coupon belongs to the clinic that issued it (its
// clinic_id, the clinic whose rules priced it): only that clinic's desks see its code, verify,
// consume or apply it. There are no organization-wide coupons yet.
inline void require_coupon_clinic(const CouponRow& c, int64_t clinic_id, const std::string& field) {
  if (c.clinic_id != clinic_id)
    throw ApiError("out_of_scope",
                   {"这张券只能在发券的诊所使用", "this coupon can be used only at the clinic that issued it"}, field);
}

// The member's open coupons a desk of `clinic_id` may use (and so see in full).
inline boost::json::array desk_coupons(Repos& r, int64_t member_id, int64_t clinic_id) {
  boost::json::array out;
  for (const CouponRow& c : r.coupons().coupons_of(member_id)) {
    if (c.status == "issued" && c.clinic_id == clinic_id) out.push_back(coupon_json(c));
  }
  return out;
}

}  // namespace clinic::server
