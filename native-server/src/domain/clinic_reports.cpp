#include "domain/clinic_reports.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "clinic/points/rules.h"
#include "domain/account_service.h"
#include "domain/ledger_service.h"
#include "domain/rules_document.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string str_field(const object& o, const char* k) {
  const value* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Events that carry nothing but their type (kEventTypes): a visit needs its cart, a referral is not replayed.
bool plain_event(const std::string& type) {
  std::optional<points::EventType> t = points::parse_event_type(type);
  return t && *t != points::EventType::visit_completed && *t != points::EventType::referral_success;
}

struct TimedEvent {
  int64_t at, order;
  object item;
};

// One member's events at the clinic since from_ms (each event id once), appended to `out`.
void member_events(Repos& r, int64_t member, int64_t clinic_id, int64_t from_ms, std::vector<TimedEvent>& out) {
  std::set<std::string> seen;
  std::map<std::string, VisitRow> visits;
  for (const VisitRow& v : r.visits().visits_of(member)) visits.emplace(v.event_id, v);
  auto binding = r.referrals().binding_of(member);
  for (const LedgerEntry& e : r.ledger_entries(member, 0, 4000)) {
    if (e.at_ms < from_ms || e.clinic_id != clinic_id) continue;
    object entry = parse_stored(e.entry).as_object();
    std::string event_id = str_field(entry, "event_id"), type = str_field(entry, "event_type"),
                kind = str_field(entry, "kind");
    if (!seen.insert(event_id).second) continue;
    object ev{{"id", event_id}, {"at_ms", e.at_ms}};
    object item{{"member_id", member_ref(member)}};
    if (kind == "reverse") {
      std::string target = str_field(entry, "reverses");
      target = target.substr(0, target.rfind('#'));
      if (target.empty()) continue;
      ev["type"] = "cancel";
      ev["target_event_id"] = target;
    } else if (kind == "earn" && plain_event(type)) {
      ev["type"] = type;
    } else if (kind == "earn" && points::parse_event_type(type) == points::EventType::visit_completed &&
               visits.count(event_id)) {
      const VisitRow& v = visits.at(event_id);
      ev["type"] = type;
      ev["items"] = parse_stored(v.cart);
      if (v.inviter_id && binding) {
        ev["invitee_discount"] = object{{"campaign_id", binding->campaign_id}};
        item["referral"] = object{{"inviter_id", member_ref(*v.inviter_id)}, {"campaign_id", binding->campaign_id}};
      }
    } else {
      continue;  // spends, rebates and referral bonuses are derived, not events
    }
    item["event"] = std::move(ev);
    out.push_back(TimedEvent{e.at_ms, e.id, std::move(item)});
  }
}

}  // namespace

array simulation_events(Repos& r, int64_t clinic_id, int64_t from_ms) {
  std::vector<TimedEvent> events;
  for (int64_t member : r.reports().active_members(clinic_id, from_ms))
    member_events(r, member, clinic_id, from_ms, events);
  std::sort(events.begin(), events.end(),
            [](const TimedEvent& a, const TimedEvent& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
  array out;
  for (TimedEvent& e : events) out.push_back(std::move(e.item));
  return out;
}

int64_t points_expired_between(Repos& r, int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  RuleVersion rules = active_points_rules(r, clinic_id);
  int64_t total = 0;
  for (int64_t member_id : r.reports().active_members(clinic_id, 0)) {
    total += expired_between(r, member_id, rules, from_ms, to_ms);
  }
  return total;
}

array campaign_budgets(Repos& r, int64_t clinic_id) {
  array budget;
  auto rules = r.active_rule(clinic_id, kPointsRulesKind);
  if (!rules) return budget;
  for (const ReferralCampaign& c : referral_campaigns(*rules)) {
    budget.push_back(object{{"campaign_id", c.id}, {"budget", c.budget}, {"used", r.referrals().campaign_used(c.id)}});
  }
  return budget;
}

}  // namespace clinic::server
