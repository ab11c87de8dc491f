// Rule simulation: replay a history of past events under the current and a candidate
// rule document and report per-member differences and totals (points issued, rebates,
// campaign budget used). Each run starts from empty ledgers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "clinic/points/earning.h"
#include "clinic/points/rules.h"

namespace clinic::points {

struct SimEvent {
  std::string member_id;
  Event event;
  std::string cancel_target;  // non-empty: this event cancels/refunds that event id
  // visit_completed of a referred member: settle the inviter's reward on the first visit.
  std::string inviter_id, campaign_id;
  bool inviter_staff = false;
};

struct SimTotals {
  int64_t points_issued = 0;  // net points credited by earning (after reversals), incl. badges and referral points
  int64_t rebates_fen = 0;    // net rebate credit
};

struct SimMember {
  std::string member_id;
  SimTotals current, candidate;
};

struct SimResult {
  std::vector<SimMember> members;  // sorted by member id
  SimTotals current, candidate;
  std::map<std::string, std::pair<int64_t, int64_t>> budget_used;  // campaign -> (current, candidate)
  int64_t events = 0, refused = 0;  // refused: events an engine answered with an error (in either run)
};

SimResult simulate(const Rules& current, const Rules& candidate, const std::vector<SimEvent>& events);

}  // namespace clinic::points
