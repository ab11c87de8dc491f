#include "auth/passwords.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "privacy/vault.h"

namespace clinic::server {
namespace {

class Gate {
 public:
  void enter() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return busy_ < 2; });
    ++busy_;
  }
  void leave() {
    std::lock_guard<std::mutex> lock(mu_);
    --busy_;
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int busy_ = 0;
};

Gate& gate() {
  static Gate g;
  return g;
}

struct Inside {
  Inside() { gate().enter(); }
  ~Inside() { gate().leave(); }
};

}  // namespace

std::string hash_password(const std::string& password) {
  init_sodium();
  Inside inside;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  init_sodium();
  Inside inside;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void burn_password_time(const std::string& password) {
  static const std::string dummy = hash_password("not-a-real-password");
  verify_password(dummy, password);
}

}  // namespace clinic::server
