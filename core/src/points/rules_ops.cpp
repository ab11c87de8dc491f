// rules.validate and rules.simulate.
#include <boost/json.hpp>

#include "clinic/points/simulate.h"
#include "codec.h"
#include "ops.h"

namespace clinic::points::ops {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Result<value> rules_validate(const OpRequest& req) {
  if (!req.allow_fields({"rules"})) return codec::take_error(req);
  auto rules = codec::read_rules(req.body.field("rules"));
  if (!rules.ok()) return rules.take_error();
  object out;
  out["valid"] = true;
  out["schema"] = kRulesSchema;
  out["schema_version"] = kRulesSchemaVersion;
  out["version"] = rules->version;
  out["clinic_id"] = rules->clinic_id;
  out["counts"] = object{{"earning", rules->earning.size()},
                         {"streak_badges", rules->badges.size()},
                         {"tiers", rules->tiers.levels.size()},
                         {"catalogue", rules->catalogue.size()},
                         {"campaigns", rules->campaigns.size()}};
  return value(std::move(out));
}

namespace {

object totals(const SimTotals& t) {
  return object{{"points_issued", t.points_issued}, {"rebates_fen", t.rebates_fen}};
}
object diff(const SimTotals& a, const SimTotals& b) {
  return object{{"points", b.points_issued - a.points_issued}, {"rebates_fen", b.rebates_fen - a.rebates_fen}};
}

}  // namespace

Result<value> rules_simulate(const OpRequest& req) {
  if (!req.allow_fields({"current", "candidate", "events", "all_members"})) return codec::take_error(req);
  auto current = codec::read_rules(req.body.field("current"));
  if (!current.ok()) return current.take_error();
  auto candidate = codec::read_rules(req.body.field("candidate"));
  if (!candidate.ok()) return candidate.take_error();
  bool all = req.body.opt_bool("all_members", false);
  std::vector<SimEvent> events;
  req.body.field("events").for_each(5000, [&](const JsonReader& j, size_t) {
    if (!j.expect_object({"member_id", "event", "referral"})) return;
    SimEvent se;
    se.member_id = j.req_string("member_id", 128);
    codec::AnyEvent any = codec::read_any_event(j.field("event"));
    se.event = any.event;
    se.cancel_target = any.cancel_target;
    JsonReader ref = j.field("referral");
    if (ref.present() && ref.expect_object({"inviter_id", "campaign_id", "inviter_staff"})) {
      se.inviter_id = ref.req_string("inviter_id", 128);
      se.campaign_id = ref.req_string("campaign_id", 64);
      se.inviter_staff = ref.opt_bool("inviter_staff", false);
      if (ref.ok() && se.inviter_id == se.member_id)
        ref.field("inviter_id").fail(ErrorCode::forbidden, "不能邀请自己", "self-referral is not allowed");
    }
    events.push_back(std::move(se));
  });
  if (!req.body.ok()) return codec::take_error(req);
  SimResult r = simulate(*current, *candidate, events);
  object out;
  out["current_version"] = current->version;
  out["candidate_version"] = candidate->version;
  out["events"] = r.events;
  out["refused"] = r.refused;
  array members;
  int64_t changed = 0;
  for (const SimMember& m : r.members) {
    bool differs =
        m.current.points_issued != m.candidate.points_issued || m.current.rebates_fen != m.candidate.rebates_fen;
    changed += differs ? 1 : 0;
    if (!differs && !all) continue;
    members.push_back(object{{"member_id", m.member_id},
                             {"current", totals(m.current)},
                             {"candidate", totals(m.candidate)},
                             {"diff", diff(m.current, m.candidate)}});
  }
  out["members_total"] = r.members.size();
  out["members_changed"] = changed;
  out["members"] = std::move(members);
  out["totals"] = object{
      {"current", totals(r.current)}, {"candidate", totals(r.candidate)}, {"diff", diff(r.current, r.candidate)}};
  array budget;
  for (const auto& [campaign, used] : r.budget_used) {
    budget.push_back(object{{"campaign_id", campaign}, {"current", used.first}, {"candidate", used.second}});
  }
  out["budget_used"] = std::move(budget);
  return value(std::move(out));
}

}  // namespace clinic::points::ops
