#include "domain/member_code.h"

#include <charconv>

#include "errors.h"

namespace clinic::server {
namespace {

std::string tag(const Vault& vault, int64_t member_id, int64_t issued_ms) {
  return vault.lookup_hash("member_code", std::to_string(member_id) + "." + std::to_string(issued_ms)).substr(0, 32);
}

bool parse_i64(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && out > 0;
}

}  // namespace

std::string make_member_code(const Vault& vault, int64_t member_id, int64_t now_ms) {
  return "MC1." + std::to_string(member_id) + "." + std::to_string(now_ms) + "." + tag(vault, member_id, now_ms);
}

int64_t verify_member_code(const Vault& vault, const std::string& code, int64_t now_ms) {
  ApiError bad("invalid_field", {"会员码无效", "not a valid member code"}, "$.code");
  if (code.size() > 80 || code.rfind("MC1.", 0) != 0) throw bad;
  std::string_view rest(code);
  rest.remove_prefix(4);
  size_t a = rest.find('.');
  if (a == std::string_view::npos) throw bad;
  size_t b = rest.find('.', a + 1);
  if (b == std::string_view::npos) throw bad;
  int64_t id = 0, issued = 0;
  if (!parse_i64(rest.substr(0, a), id) || !parse_i64(rest.substr(a + 1, b - a - 1), issued)) throw bad;
  if (!equal_secret(rest.substr(b + 1), tag(vault, id, issued))) throw bad;
  if (now_ms < issued - 5'000 || now_ms >= issued + kMemberCodeTtlMs) {
    throw ApiError("token_expired", {"会员码已过期，请刷新", "member code expired; refresh it"}, "$.code");
  }
  return id;
}

}  // namespace clinic::server
