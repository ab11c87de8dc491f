// The offline member code's crypto: SHA-256 (FIPS 180-4 examples), HMAC-SHA256 (all seven
// RFC 4231 test cases) and HOTP/TOTP with HMAC-SHA256 (RFC 6238 appendix B, also replayed
// through the op by tests/vectors/member-code.json, natively and on wasm).
#include <doctest/doctest.h>

#include <string>

#include "clinic/member_code/totp.h"

using namespace clinic::member_code;

namespace {

std::string hex(const Digest& d, size_t bytes = 32) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    out.push_back(kHex[d[i] >> 4]);
    out.push_back(kHex[d[i] & 15]);
  }
  return out;
}

std::string repeat(char c, size_t n) {
  return std::string(n, c);
}

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples, including the two-block padding edge") {
  CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(sha256(repeat('a', 55))) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(hex(sha256(repeat('a', 64))) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("hmac_sha256 passes RFC 4231 test cases 1-7") {
  std::string key4;
  for (char c = 1; c <= 25; ++c) key4.push_back(c);
  CHECK(hex(hmac_sha256(repeat('\x0b', 20), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hex(hmac_sha256(repeat('\xaa', 20), repeat('\xdd', 50))) ==
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  CHECK(hex(hmac_sha256(key4, repeat('\xcd', 50))) ==
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  // Case 5 is truncated to 128 bits in the RFC.
  CHECK(hex(hmac_sha256(repeat('\x0c', 20), "Test With Truncation"), 16) == "a3b6167473100ee06e0c796c2955552b");
  CHECK(hex(hmac_sha256(repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(hex(hmac_sha256(repeat('\xaa', 131),
                        "This is a test using a larger than block-size key and a larger than block-size data. The key "
                        "needs to be hashed before being used by the HMAC algorithm.")) ==
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("TOTP with HMAC-SHA256 gives RFC 6238 appendix B, including before 1971 and after 2200") {
  const std::string seed = "12345678901234567890123456789012";
  struct Row {
    int64_t seconds;
    const char* code;
  };
  for (Row row : {Row{59, "7.46119246"}, Row{1111111109, "7.68084774"}, Row{1111111111, "7.67062674"},
                  Row{1234567890, "7.91819424"}, Row{2000000000, "7.90698825"}, Row{20000000000, "7.77737706"}}) {
    CAPTURE(row.seconds);
    Code c = member_code_at(7, seed, row.seconds * 1000);
    CHECK(c.code == row.code);
    CHECK(c.valid_from_ms <= row.seconds * 1000);
    CHECK(c.valid_to_ms == c.valid_from_ms + kStepMs);
  }
  // Leading zeros are kept: 8 digits always.
  CHECK(format_code(12, 42) == "12.00000042");
}

TEST_CASE("base64url round-trips and refuses padding, standard-alphabet characters and stray bits") {
  const std::string seed = "12345678901234567890123456789012";
  CHECK(base64url_encode(seed) == "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI");
  CHECK(base64url_decode("MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI") == seed);
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(base64url_decode(base64url_encode(all)) == all);
  CHECK_FALSE(base64url_decode("MTIz=").has_value());
  CHECK_FALSE(base64url_decode("ab+/").has_value());
  CHECK_FALSE(base64url_decode("A").has_value());
  CHECK_FALSE(base64url_decode("AB").has_value());  // the 4 spare bits of 'B' are not zero
}
