#include "domain/invite_code.h"

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

}  // namespace clinic::server
