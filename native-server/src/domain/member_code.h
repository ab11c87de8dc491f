// The rotating member code the phone shows as a QR code for the desk to scan:
// "MC1.<member id>.<issued ms>.<tag>", where tag is a keyed BLAKE2b (libsodium
// crypto_generichash with the vault's lookup subkey, domain "member_code") over the id
// and time. Valid for 60 s from issue; the phone fetches a new one each minute, so a
// screenshot stops working quickly. No state on the server.
#pragma once

#include <cstdint>
#include <string>

#include "privacy/vault.h"

namespace clinic::server {

inline constexpr int64_t kMemberCodeTtlMs = 60'000;

std::string make_member_code(const Vault& vault, int64_t member_id, int64_t now_ms);
// The member id; throws ApiError invalid_field (bad or forged) / token_expired (too old).
int64_t verify_member_code(const Vault& vault, const std::string& code, int64_t now_ms);

}  // namespace clinic::server
