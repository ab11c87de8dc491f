// A member's balance and tier as an op answers them (points.balance, points.apply, ...).
#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "clinic/points/tiers.h"
#include "codec.h"

namespace clinic::points::codec {

boost::json::object write_balance(const Rules& rules, const Account& account, int64_t now_ms, int32_t expiring_days,
                                  const OpRequest& req) {
  if (account.clock_ms > now_ms) now_ms = account.clock_ms;
  int64_t until = now_ms + static_cast<int64_t>(expiring_days) * civil::kMsPerDay;
  Balance b = balance_of(account, now_ms, until);
  boost::json::object o;
  o["available"] = b.available;
  o["pending"] = b.pending;
  o["expired"] = b.expired;
  o["debt"] = b.debt;
  o["lifetime_earned"] = b.lifetime_earned;
  o["credit_fen"] = b.credit_fen;
  o["expiring"] = boost::json::object{{"within_days", expiring_days}, {"points", b.expiring_by(until)}};
  if (rules.tiers.levels.empty()) {
    o["tier"] = nullptr;
    return o;
  }
  TierStatus t = tier_at(rules, account, now_ms);
  const Tier& tier = rules.tiers.levels[t.index];
  boost::json::object to;
  to["id"] = tier.id;
  to["name"] = req.english() ? tier.name_en : tier.name_zh;
  to["multiplier_bp"] = tier.multiplier_bp;
  to["earned_in_window"] = t.earned_in_window;
  to["window_days"] = rules.tiers.window_days;
  boost::json::array coupons;
  for (int i = 0; i <= t.index; ++i) {
    for (const std::string& c : rules.tiers.levels[i].coupons) coupons.push_back(boost::json::value(c));
  }
  to["exclusive_coupons"] = std::move(coupons);
  if (static_cast<size_t>(t.index) + 1 < rules.tiers.levels.size()) {
    const Tier& next = rules.tiers.levels[t.index + 1];
    int64_t needed = next.min_earned - t.earned_in_window;
    to["next"] = boost::json::object{{"id", next.id},
                                     {"name", req.english() ? next.name_en : next.name_zh},
                                     {"min_earned", next.min_earned},
                                     {"points_needed", needed > 0 ? needed : 0}};
  } else {
    to["next"] = nullptr;
  }
  o["tier"] = std::move(to);
  return o;
}

}  // namespace clinic::points::codec
