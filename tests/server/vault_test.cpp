#include "privacy/vault.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "test_support.h"

using namespace clinic::server;

TEST_CASE("seal and open round-trip; field name is bound; tampering detected") {
  Vault v(std::string(32, 'k'));
  std::string blob = v.seal("phone", "13812345678");
  CHECK(blob.find("13812345678") == std::string::npos);
  CHECK(v.open_sealed("phone", blob) == std::optional<std::string>("13812345678"));
  CHECK_FALSE(v.open_sealed("name", blob));  // a phone blob cannot pass as a name
  std::string bad = blob;
  bad.back() ^= 1;
  CHECK_FALSE(v.open_sealed("phone", bad));
  CHECK(v.seal("phone", "13812345678") != blob);  // random nonce each time
  Vault other(std::string(32, 'z'));
  CHECK_FALSE(other.open_sealed("phone", blob));
}

TEST_CASE("keyed lookup hash is stable per key and field") {
  Vault v(std::string(32, 'k')), w(std::string(32, 'w'));
  CHECK(v.lookup_hash("phone", "13812345678") == v.lookup_hash("phone", "13812345678"));
  CHECK(v.lookup_hash("phone", "13812345678") != w.lookup_hash("phone", "13812345678"));
  CHECK(v.lookup_hash("phone", "1") != v.lookup_hash("id_number", "1"));
  CHECK(v.lookup_hash("phone", "1").size() == 64);
}

TEST_CASE("key file: created 0600 on first run, reused, refused when too open or wrong size") {
  std::string dir = testing::temp_dir();
  std::string key = dir + "/k.key";
  Vault a = Vault::open(key);
  struct stat st {};
  REQUIRE(::stat(key.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 32);
  Vault b = Vault::open(key);
  CHECK(b.open_sealed("name", a.seal("name", "张三")) == std::optional<std::string>("张三"));
  ::chmod(key.c_str(), 0644);
  CHECK_THROWS_WITH(Vault::open(key), doctest::Contains("permissions are too open"));
  std::string shortkey = dir + "/short.key";
  std::ofstream(shortkey) << "abc";
  ::chmod(shortkey.c_str(), 0600);
  CHECK_THROWS_WITH(Vault::open(shortkey), doctest::Contains("exactly 32 bytes"));
}

TEST_CASE("masking") {
  CHECK(mask_phone("13812345678") == "138****5678");
  CHECK(mask_phone("+86 138-1234-5678") == "138****5678");
  CHECK(mask_phone("12") == "**");
  CHECK(mask_name("张三丰") == "张**");
  CHECK(mask_name("李") == "李*");
  CHECK(mask_name("Alice") == "A****");
  CHECK(mask_id_number("110101199003071234") == "110***********1234");
  CHECK(normalize_phone("+86 138 1234 5678") == "13812345678");
}

TEST_CASE("tokens") {
  std::string t = random_token();
  CHECK(t.size() == 43);
  CHECK(t != random_token());
  CHECK(token_hash(t).size() == 64);
  CHECK(token_hash(t) == token_hash(t));
  CHECK(equal_secret("abc", "abc"));
  CHECK_FALSE(equal_secret("abc", "abd"));
  CHECK_FALSE(equal_secret("abc", "ab"));
}
