#include "privacy/vault.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace clinic::server {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "clinicv1";

std::string to_hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

Vault::Vault(const std::string& master_key) {
  init_sodium();
  if (master_key.size() != crypto_kdf_KEYBYTES) throw std::runtime_error("vault: master key must be 32 bytes");
  enc_key_.resize(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  hash_key_.resize(crypto_generichash_KEYBYTES);
  const auto* mk = reinterpret_cast<const unsigned char*>(master_key.data());
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(enc_key_.data()), enc_key_.size(), 1, kKdfContext, mk);
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(hash_key_.data()), hash_key_.size(), 2, kKdfContext, mk);
}

Vault Vault::open(const std::string& key_file) {
  init_sodium();
  int fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    // First run: create it exclusively with 0600 so no other user can ever read it.
    std::string key(crypto_kdf_KEYBYTES, '\0');
    crypto_kdf_keygen(reinterpret_cast<unsigned char*>(key.data()));
    int out = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) throw std::runtime_error("key file " + key_file + ": cannot create (" + std::strerror(errno) + ")");
    bool ok = ::write(out, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(out) == 0;
    ::close(out);
    if (!ok) throw std::runtime_error("key file " + key_file + ": cannot write");
    return Vault(key);
  }
  if (fd < 0) throw std::runtime_error("key file " + key_file + ": cannot open (" + std::strerror(errno) + ")");
  struct stat st {};
  ::fstat(fd, &st);
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    throw std::runtime_error("key file " + key_file + ": permissions are too open (want 0600)");
  }
  std::string key(crypto_kdf_KEYBYTES + 1, '\0');
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(crypto_kdf_KEYBYTES)) {
    throw std::runtime_error("key file " + key_file + ": must hold exactly 32 bytes");
  }
  key.resize(crypto_kdf_KEYBYTES);
  return Vault(key);
}

std::string Vault::seal(std::string_view field, std::string_view plaintext) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(o, kNonce);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kNonce, &clen,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(field.data()), field.size(),
                                             nullptr, o, reinterpret_cast<const unsigned char*>(enc_key_.data()));
  out.resize(kNonce + clen);
  return out;
}

std::optional<std::string> Vault::open_sealed(std::string_view field, std::string_view blob) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (blob.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
  std::string out(blob.size() - kNonce, '\0');
  unsigned long long mlen = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(blob.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr,
                                                 b + kNonce, blob.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(field.data()), field.size(), b,
                                                 reinterpret_cast<const unsigned char*>(enc_key_.data())) != 0) {
    return std::nullopt;
  }
  out.resize(mlen);
  return out;
}

std::string Vault::lookup_hash(std::string_view field, std::string_view normalized) const {
  unsigned char h[32];
  crypto_generichash_state st;
  crypto_generichash_init(&st, reinterpret_cast<const unsigned char*>(hash_key_.data()), hash_key_.size(), sizeof h);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  const unsigned char sep = 0;
  crypto_generichash_update(&st, &sep, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size());
  crypto_generichash_final(&st, h, sizeof h);
  return to_hex(h, sizeof h);
}

namespace {

// Splits UTF-8 text into code points (as byte strings) so masking never cuts a character.
std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string normalize_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits = digits.substr(2);
  return digits;
}

std::string mask_phone(std::string_view phone) {
  std::string d = normalize_phone(phone);
  if (d.size() < 7) return std::string(d.size(), '*');
  return d.substr(0, 3) + std::string(d.size() - 7, '*') + d.substr(d.size() - 4);
}

std::string mask_name(std::string_view name) {
  auto cps = code_points(name);
  if (cps.empty()) return "";
  std::string out = cps[0];
  for (size_t i = 1; i < cps.size(); ++i) out += "*";
  if (cps.size() == 1) out += "*";
  return out;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 7) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') + std::string(id.substr(id.size() - 4));
}

std::string random_token(size_t bytes) {
  init_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string token_hash(std::string_view token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return to_hex(h, sizeof h);
}

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace clinic::server
