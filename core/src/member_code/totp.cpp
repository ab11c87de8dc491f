#include "clinic/member_code/totp.h"

namespace clinic::member_code {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

uint32_t hotp_sha256(std::string_view secret, uint64_t counter, int digits) {
  char msg[8];
  for (int i = 0; i < 8; ++i) msg[i] = static_cast<char>(counter >> (56 - 8 * i));
  Digest mac = hmac_sha256(secret, std::string_view(msg, 8));
  size_t offset = mac[mac.size() - 1] & 0x0f;
  uint32_t bin = (uint32_t{mac[offset]} & 0x7f) << 24 | uint32_t{mac[offset + 1]} << 16 |
                 uint32_t{mac[offset + 2]} << 8 | uint32_t{mac[offset + 3]};
  uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  return bin % mod;
}

std::string format_code(int64_t member_id, uint32_t value) {
  std::string digits = std::to_string(value);
  return std::to_string(member_id) + "." + std::string(kDigits - digits.size(), '0') + digits;
}

Code member_code_at(int64_t member_id, std::string_view secret, int64_t now_ms) {
  uint64_t step = time_step(now_ms);
  int64_t from = static_cast<int64_t>(step) * kStepMs;
  return Code{format_code(member_id, hotp_sha256(secret, step, kDigits)), from, from + kStepMs};
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = sextet(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical trailing bits
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

}  // namespace clinic::member_code
