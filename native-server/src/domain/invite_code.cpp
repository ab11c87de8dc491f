#include "domain/invite_code.h"

#include <map>

#include "domain/ledger_service.h"
#include "privacy/vault.h"

namespace clinic::server {

std::string ensure_invite_code(Repos& r, int64_t member_id, int64_t now_ms) {
  if (auto c = r.referrals().invite_code_of(member_id)) return *c;
  std::string fresh;
  do {
    fresh = random_token(6);  // base64url of 6 bytes: 8 characters; '-' and '_' read badly on a poster
    for (char& ch : fresh) {
      if (ch == '-' || ch == '_') ch = 'X';
    }
  } while (r.referrals().member_by_invite_code(fresh));
  r.referrals().save_invite_code(fresh, member_id, now_ms);
  return fresh;
}

boost::json::object invite_friends(Repos& r, int64_t member_id) {
  std::map<std::string, InviteRewardRow> rewards;
  for (InviteRewardRow& row : r.referrals().invite_rewards(member_id)) rewards[row.invitee_ref] = std::move(row);
  boost::json::array friends;
  int64_t reward_points = 0, reward_fen = 0;
  for (const BindingRow& b : r.referrals().bindings_by_inviter(member_id)) {
    auto m = r.member_by_id(b.invitee_id);
    bool visited = !r.visits().visits_of(b.invitee_id).empty();
    auto it = rewards.find(member_ref(b.invitee_id));
    int64_t pts = it == rewards.end() ? 0 : it->second.points;
    int64_t fen = it == rewards.end() ? 0 : it->second.credit_fen;
    reward_points += pts;
    reward_fen += fen;
    friends.push_back(boost::json::object{{"name", m && m->name ? mask_name(*m->name) : std::string("微信用户")},
                                          {"joined_at_ms", b.bound_at_ms},
                                          {"visited", visited},
                                          {"reward_points", pts},
                                          {"reward_fen", fen}});
  }
  return boost::json::object{{"friends", std::move(friends)},
                             {"rewards", boost::json::object{{"points", reward_points}, {"credit_fen", reward_fen}}}};
}

}  // namespace clinic::server
