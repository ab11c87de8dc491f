#include "domain/offline_member_code.h"

#include "clinic/member_code/totp.h"
#include "errors.h"
#include "privacy/vault.h"

namespace clinic::server {
namespace {

constexpr int64_t kStaleStepsReported = 20;  // 10 minutes of older steps get "expired", not "invalid"

}  // namespace

bool is_offline_member_code(const std::string& code) {
  size_t dot = code.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 15 || code.size() != dot + 1 + member_code::kDigits) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i != dot && (code[i] < '0' || code[i] > '9')) return false;
  }
  return code[0] != '0';
}

int64_t verify_offline_member_code(Repos& r, const std::string& code, int64_t now_ms) {
  ApiError bad("invalid_field", {"会员码无效", "not a valid member code"}, "$.code");
  if (!is_offline_member_code(code)) throw bad;
  int64_t member_id = std::stoll(code.substr(0, code.find('.')));
  uint64_t step = member_code::time_step(now_ms);
  bool stale = false;
  for (const MemberCodeSecret& s : r.families().live_member_code_secrets(member_id, now_ms)) {
    for (uint64_t back = 0; back <= kStaleStepsReported && back <= step; ++back) {
      std::string expected =
          member_code::format_code(member_id, member_code::hotp_sha256(s.secret, step - back, member_code::kDigits));
      if (!equal_secret(expected, code)) continue;
      if (back <= 1) return member_id;
      stale = true;
    }
  }
  if (stale) throw ApiError("token_expired", {"会员码已过期，请刷新", "member code expired; refresh it"}, "$.code");
  throw bad;
}

}  // namespace clinic::server
