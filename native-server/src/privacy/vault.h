// Encryption at rest for personal data (names, phones, ID numbers, WeChat session keys).
// One 32-byte master key lives in a key file (created on first run, mode 0600); two
// subkeys are derived from it: one for XChaCha20-Poly1305 (AEAD, random nonce per
// value, the field name as associated data so a phone blob cannot pass as a name) and
// one for the keyed BLAKE2b hash used to look values up without decrypting.
// Thread-safe after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clinic::server {

class Vault {
 public:
  // Reads the key file, or creates it (0600) when missing. Throws std::runtime_error
  // with a clear message when the file is unreadable, the wrong size or too open.
  static Vault open(const std::string& key_file);
  // For tests: a vault over a given 32-byte key.
  explicit Vault(const std::string& master_key);

  // nonce || ciphertext, as bytes (stored as a BLOB).
  std::string seal(std::string_view field, std::string_view plaintext) const;
  // nullopt when the blob was tampered with or belongs to another field/key.
  std::optional<std::string> open_sealed(std::string_view field, std::string_view blob) const;
  // Keyed hash, hex; equal inputs give equal hashes (lookup), the key keeps them unguessable.
  std::string lookup_hash(std::string_view field, std::string_view normalized) const;

 private:
  std::string enc_key_;
  std::string hash_key_;
};

// Masking for output: 13812345678 → 138****5678; 张三丰 → 张**; ID → first 3 + stars + last 4.
std::string mask_phone(std::string_view phone);
std::string mask_name(std::string_view name);
std::string mask_id_number(std::string_view id_number);
// Digits only, with a leading +86 / 86 country code removed.
std::string normalize_phone(std::string_view phone);

// Random bytes as URL-safe base64 (no padding): session tokens, CSRF tokens, passwords.
std::string random_token(size_t bytes = 32);
// BLAKE2b-256 hex of a token (what the sessions table stores instead of the token).
std::string token_hash(std::string_view token);
// Constant-time equality.
bool equal_secret(std::string_view a, std::string_view b);
// Initializes libsodium once; throws if it cannot.
void init_sodium();

}  // namespace clinic::server
