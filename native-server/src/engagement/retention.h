// The retention view (留存): members by month of joining (clinic-local calendar months) ×
// the share of them active (check-in, self-test or visit) in each later month, plus per
// reminder kind the share of sent reminders followed by their action. Pure: stored events
// in, a table out (shares in basis points, integers: 10000 = 100 %).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "engagement/engagement_repo.h"

namespace clinic::server {

struct RetentionInput {
  std::vector<std::pair<int64_t, int64_t>> joins;     // member id, joined at
  std::vector<std::pair<int64_t, int64_t>> activity;  // member id, at
  std::vector<ReminderFollowUp> reminders;
  int utc_offset_min = 480;
  int64_t now_ms = 0;
  int months = 6;  // cohorts: this month and the months-1 before it
};

// The first instant of the clinic-local month `months_back` months before the month of now.
int64_t retention_from_ms(int64_t now_ms, int utc_offset_min, int months_back);
// {"cohorts":[{"month":"2026-11","members":n,"active":[{"offset":0,"members":k,"share_bp":b},…]}],
//  "reminders":[{"kind":…,"sent":n,"followed":k,"share_bp":b}]}
boost::json::object retention_table(const RetentionInput& in);

}  // namespace clinic::server
