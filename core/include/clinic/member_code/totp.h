// The offline member code (issue 15): the phone shows "<member id>.<8 digits>", a
// time-based one-time password (RFC 6238 with HMAC-SHA256, 30-second steps) over a secret
// the server provisioned at login, so the code keeps working at a desk without signal and
// the server, holding the same secret, verifies it. SHA-256 and HMAC are implemented here
// in plain C++ (FIPS 180-4, RFC 2104): the core links no crypto library and the wasm and
// native builds give the same digits. Pure: the time is an argument.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clinic::member_code {

inline constexpr int64_t kStepMs = 30'000;
inline constexpr int kDigits = 8;
inline constexpr size_t kSecretBytes = 32;

using Digest = std::array<uint8_t, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::string_view key, std::string_view message);

// RFC 4226 HOTP with HMAC-SHA256 (dynamic truncation), `digits` decimal digits (1..9).
uint32_t hotp_sha256(std::string_view secret, uint64_t counter, int digits);
// The time step that `now_ms` falls in (floor division; now_ms ≥ 0).
inline uint64_t time_step(int64_t now_ms) {
  return static_cast<uint64_t>(now_ms / kStepMs);
}

struct Code {
  std::string code;                            // "<member_id>.<8 digits>"
  int64_t valid_from_ms = 0, valid_to_ms = 0;  // the step's bounds [from, to)
};
// The code for `member_id` in the step of `now_ms`.
Code member_code_at(int64_t member_id, std::string_view secret, int64_t now_ms);
// The code string of one step.
std::string format_code(int64_t member_id, uint32_t value);

// URL-safe base64 without padding (what the server hands out); nullopt on anything else.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

}  // namespace clinic::member_code
