#include "codec.h"

#include <boost/json.hpp>

#include "../points/codec.h"

namespace clinic::referral::codec {

Binding read_binding(const JsonReader& j) {
  Binding b;
  if (!j.expect_object({"invitee_id", "inviter_id", "campaign_id", "inviter_rewardable", "shared_at_ms", "bound_at_ms",
                        "rule_version"})) {
    return b;
  }
  b.invitee_id = j.req_string("invitee_id", 128);
  b.inviter_id = j.req_string("inviter_id", 128);
  b.campaign_id = j.req_string("campaign_id", 64);
  b.inviter_rewardable = j.opt_bool("inviter_rewardable", true);
  b.shared_at_ms = j.opt_int("shared_at_ms", 0, 0, 7258118399999);
  b.bound_at_ms = j.opt_int("bound_at_ms", 0, 0, 7258118399999);
  b.rule_version = j.opt_string("rule_version", "", 64);
  return b;
}

Member read_member(const JsonReader& j, bool with_history) {
  Member m;
  if (with_history ? !j.expect_object({"member_id", "staff", "ledger", "account", "related", "lot_fates", "figures"})
                   : !j.expect_object({"member_id", "staff"})) {
    return m;
  }
  m.id = j.req_string("member_id", 128);
  if (j.ok() && m.id.empty()) j.field("member_id").fail("不能为空", "must not be empty");
  m.staff = j.opt_bool("staff", false);
  return m;
}

boost::json::object write_binding(const Binding& b) {
  return boost::json::object{{"invitee_id", b.invitee_id},     {"inviter_id", b.inviter_id},
                             {"campaign_id", b.campaign_id},   {"inviter_rewardable", b.inviter_rewardable},
                             {"shared_at_ms", b.shared_at_ms}, {"bound_at_ms", b.bound_at_ms},
                             {"rule_version", b.rule_version}};
}

boost::json::object write_settlement(const Settlement& s, const OpRequest& req) {
  boost::json::object o;
  o["duplicate"] = s.duplicate;
  o["rewarded"] = s.rewarded;
  o["unit"] = s.unit;
  o["amount"] = s.amount;
  o["eligible_fen"] = s.eligible_paid_fen;
  o["bonus_points"] = s.bonus_points;
  o["reasons"] = points::codec::write_reasons(s.reasons, req);
  o["inviter_entries"] = points::codec::write_entries(s.inviter_entries);
  return o;
}

}  // namespace clinic::referral::codec
