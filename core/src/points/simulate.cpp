// Runs the same history through the earning and referral engines twice.
#include "clinic/points/simulate.h"

#include <set>

#include "clinic/points/account.h"
#include "clinic/points/member_view.h"
#include "clinic/referral/referral.h"

namespace clinic::points {
namespace {

// One member's history as the simulation goes: the ledger (as the related entries of every
// question: simulations are short) and the account folded beside it.
struct SimMemberState {
  Related history;
  Account account;
  bool started = false;
};

struct Run {
  std::map<std::string, SimMemberState> members;
  std::map<std::string, SimTotals> totals;
  std::set<std::string> visited;
  std::map<std::string, int64_t> budget;
  int64_t refused = 0;

  SimMemberState& state(const Rules& rules, const std::string& member) {
    SimMemberState& m = members[member];
    if (!m.started) m.account = new_account(rules), m.started = true;
    return m;
  }

  void count(const Rules& rules, const std::string& member, const std::vector<Entry>& entries) {
    SimTotals& t = totals[member];
    for (const Entry& e : entries) {
      bool points_credit = e.kind == EntryKind::earn || (e.kind == EntryKind::reverse && e.event_type != "coupon");
      if (points_credit) t.points_issued += e.points;
      t.rebates_fen += e.credit_fen;
    }
    SimMemberState& m = state(rules, member);
    LotFates changed;
    // The simulation's accounts keep every spend's takes (never missing).
    (void)points::apply(m.account, rules, entries, m.history, &changed);
    for (const auto& [id, x] : changed) m.history.fates[id] += x;
    m.history.entries.insert(m.history.entries.end(), entries.begin(), entries.end());
  }

  void apply(const Rules& rules, const SimEvent& se) {
    totals[se.member_id];  // every member appears, even with nothing earned
    SimMemberState& me = state(rules, se.member_id);
    if (!se.cancel_target.empty()) {
      auto r = reverse_event(rules, me.history.entries, se.event.id, se.cancel_target, se.event.at_ms);
      if (!r.ok()) {
        ++refused;
        return;
      }
      count(rules, se.member_id, *r);
      // The inviter's reward for that visit is reversed too.
      for (auto& [member, other] : members) {
        if (member == se.member_id || !other.history.has_event(se.cancel_target)) continue;
        auto rr = reverse_event(rules, other.history.entries, se.event.id, se.cancel_target, se.event.at_ms);
        if (rr.ok()) {
          for (const Entry& e : *rr) {
            if (e.event_type == "referral_reward") budget[e.campaign_id] += e.points + e.credit_fen;
          }
          count(rules, member, *rr);
        }
      }
      return;
    }
    auto r = earn(rules, AccountView(rules, me.account, me.history), se.event);
    if (!r.ok()) {
      ++refused;
      return;
    }
    count(rules, se.member_id, r->entries);
    if (se.event.type != EventType::visit_completed || se.inviter_id.empty()) return;
    referral::SettleRequest req;
    req.binding.invitee_id = se.member_id;
    req.binding.inviter_id = se.inviter_id;
    req.binding.campaign_id = se.campaign_id;
    req.binding.inviter_rewardable = !se.inviter_staff;
    req.inviter = referral::Member{se.inviter_id, se.inviter_staff};
    SimMemberState& inviter = state(rules, se.inviter_id);
    AccountView inviter_view(rules, inviter.account, inviter.history);
    req.inviter_view = &inviter_view;
    req.visit_event_id = se.event.id;
    req.visit_at_ms = se.event.at_ms;
    req.paid_confirmed = true;
    req.first_paid_visit = visited.insert(se.member_id).second;
    req.items = se.event.items;
    req.coupons = se.event.coupons;
    req.invitee_discount = !se.event.invitee_campaign_id.empty();
    req.campaign_used = budget[se.campaign_id];
    auto s = referral::settle(rules, req);
    if (!s.ok()) {
      ++refused;
      return;
    }
    for (const Entry& e : s->inviter_entries) {
      if (e.event_type == "referral_reward") budget[se.campaign_id] += e.points + e.credit_fen;
    }
    count(rules, se.inviter_id, s->inviter_entries);
  }
};

}  // namespace

SimResult simulate(const Rules& current, const Rules& candidate, const std::vector<SimEvent>& events) {
  Run a, b;
  for (const SimEvent& se : events) {
    a.apply(current, se);
    b.apply(candidate, se);
  }
  SimResult out;
  out.events = static_cast<int64_t>(events.size());
  out.refused = a.refused + b.refused;
  std::set<std::string> members;
  for (const auto& [m, t] : a.totals) members.insert(m);
  for (const auto& [m, t] : b.totals) members.insert(m);
  for (const std::string& m : members) {
    SimMember sm{m, a.totals[m], b.totals[m]};
    out.current.points_issued += sm.current.points_issued;
    out.current.rebates_fen += sm.current.rebates_fen;
    out.candidate.points_issued += sm.candidate.points_issued;
    out.candidate.rebates_fen += sm.candidate.rebates_fen;
    out.members.push_back(sm);
  }
  for (const auto& [c, used] : a.budget) out.budget_used[c].first = used;
  for (const auto& [c, used] : b.budget) out.budget_used[c].second = used;
  return out;
}

}  // namespace clinic::points
