// Visits at the desk: preview (visit.price, nothing stored), confirm (one transaction:
// the visit row, the member's visit points, coupon consumption, the invitee discount and
// the inviter's referral settlement) and refund (visit.refund: reverses exactly, the
// inviter's rebate included).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/repositories.h"

namespace clinic::server {

struct VisitInput {
  int64_t clinic_id = 0;
  int64_t member_id = 0;
  std::string visit_ref;     // the desk's order number (confirm only)
  boost::json::array items;  // [{sku, qty}] from the desk; priced from the catalogue
  std::vector<std::string> coupon_codes;
  int64_t at_ms = 0;
  std::optional<int64_t> staff_id;
  std::optional<int64_t> patient_id;  // who was seen (issue 15); the desk's routes check and link it
};

// visit.price's referral inputs for a member: only an invitee's first paid visit carries
// the invitee discount ({campaign_id}) and the inviter block; both are null otherwise. The
// inviter block holds only the figures the rebate rules need (account.figures), never the
// inviter's ledger or account.
struct ReferralInputs {
  std::optional<BindingRow> binding;
  bool first_paid = true;
  boost::json::value invitee_discount;
  boost::json::value referral;
};
ReferralInputs referral_inputs(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t at_ms);

// Reads {member_id, visit_ref?, items, coupon_codes?} (JsonReader paths in errors).
VisitInput read_visit_input(const boost::json::object& body, int64_t clinic_id, int64_t at_ms, bool with_ref);
boost::json::object preview_visit(Repos& r, const VisitInput& in, const std::string& lang);

// Confirm and refund in two halves around the single writer (domain/account_write.h): the
// plan runs on a read snapshot (pricing, the member's visit points, the inviter's settlement,
// the refund's reversals: all the core's work) and throws the refusals; the commit, inside
// Store::write, throws StaleAccount when an account, coupon, visit or referral figure the plan
// read has moved, and otherwise only stores what the plan computed.
struct VisitPlan;
struct RefundPlan;
std::shared_ptr<VisitPlan> plan_visit(Repos& r, const VisitInput& in, const std::string& lang);
boost::json::object commit_visit(Repos& r, VisitPlan& plan);
std::shared_ptr<RefundPlan> plan_refund(Repos& r, int64_t clinic_id, int64_t visit_id, int64_t at_ms,
                                        const std::string& lang);
boost::json::object commit_refund(Repos& r, RefundPlan& plan);
// Both halves on one Repos: for jobs already in the writer (setup, tools), never for requests.
boost::json::object confirm_visit(Repos& r, const VisitInput& in, const std::string& lang);
boost::json::object refund_visit(Repos& r, int64_t clinic_id, int64_t visit_id, int64_t at_ms, const std::string& lang);
boost::json::object visit_json(const VisitRow& v);

}  // namespace clinic::server
