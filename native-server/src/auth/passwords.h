// Staff passwords: argon2id via libsodium crypto_pwhash_str (salt and parameters live
// inside the stored string). At most two hashes run at once: each takes 64 MiB.
#pragma once

#include <string>

namespace clinic::server {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);
// Runs a verification against a fixed hash so an unknown username costs the same time.
void burn_password_time(const std::string& password);

}  // namespace clinic::server
