#include "member_code/member_code_ops.h"

#include "clinic/member_code/totp.h"

namespace clinic::member_code::ops {

// Instants up to 2^53 - 1 ms so JavaScript reads them exactly (RFC 6238's vectors go to year 2603).
constexpr int64_t kMaxSafeMs = 9'007'199'254'740'991;

Result<boost::json::value> totp(const OpRequest& req) {
  if (!req.allow_fields({"member_id", "secret", "now_ms"})) return req.body.context().take_error();
  int64_t member_id = req.body.req_int("member_id", 1, kMaxSafeMs);
  std::string secret_text = req.body.req_string("secret", 64);
  int64_t now_ms = req.body.req_int("now_ms", 0, kMaxSafeMs);
  if (!req.body.ok()) return req.body.context().take_error();
  std::optional<std::string> secret = base64url_decode(secret_text);
  if (!secret || secret->size() != kSecretBytes) {
    return make_error(ErrorCode::invalid_field, "secret 应为 32 字节的 base64url 文本",
                      "secret must be 32 bytes in URL-safe base64 without padding", "$.secret");
  }
  Code c = member_code_at(member_id, *secret, now_ms);
  return boost::json::value(
      boost::json::object{{"code", c.code}, {"valid_from_ms", c.valid_from_ms}, {"valid_to_ms", c.valid_to_ms}});
}

}  // namespace clinic::member_code::ops
