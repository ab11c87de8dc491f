// The real C++ WeChat client against the fake WeChat API over real HTTP (loopback):
// jscode2session, stable_token + getuserphonenumber, and every mapped errcode.
#include "wechat/wechat_client.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "fake_wechat.h"
#include "test_support.h"

using namespace clinic::server;
using clinic::server::testing::FakeWechat;

namespace {

WeChatClient client(const std::string& base, const std::string& secret = "s-1") {
  std::string why;
  auto url = parse_url(base, why);
  REQUIRE(url);
  return WeChatClient("wx-a", secret, *url, 3000);
}

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code;
  }
  return "no error";
}

}  // namespace

TEST_CASE("WeChat client against the fake WeChat API over HTTP") {
  FakeWechat fake;
  WeChatClient wx = client(fake.url());

  SUBCASE("jscode2session: same user, new code → same openid; session_key present") {
    WeChatSession a = wx.code_to_session("erin.1");
    WeChatSession b = wx.code_to_session("erin.2");
    CHECK(a.openid == b.openid);
    CHECK(a.openid.size() > 10);
    CHECK_FALSE(a.session_key.empty());
    CHECK(wx.code_to_session("frank.1").openid != a.openid);
  }
  SUBCASE("login errcodes") {
    CHECK(code_of([&] { wx.code_to_session("bad-code"); }) == "wechat_invalid_code");
    CHECK(code_of([&] { wx.code_to_session("rate-limit"); }) == "wechat_rate_limited");
    CHECK(code_of([&] { wx.code_to_session("high-risk"); }) == "wechat_high_risk");
    CHECK(code_of([&] { wx.code_to_session("busy"); }) == "wechat_busy");
    wx.code_to_session("once.1");
    CHECK(code_of([&] { wx.code_to_session("once.1"); }) == "wechat_invalid_code");
  }
  SUBCASE("wrong secret → misconfigured") {
    WeChatClient bad = client(fake.url(), "wrong");
    CHECK(code_of([&] { bad.code_to_session("x.1"); }) == "wechat_misconfigured");
  }
  SUBCASE("phone number through stable_token + getuserphonenumber") {
    WeChatPhone p = wx.phone_number("phone-13812345678", 1'000);
    CHECK(p.phone == "13812345678");
    CHECK(p.country_code == "86");
    CHECK(wx.phone_number("phone-13900000000", 2'000).phone == "13900000000");  // cached access token
    CHECK(code_of([&] { wx.phone_number("bad-code", 3'000); }) == "wechat_invalid_code");
    CHECK(code_of([&] { wx.phone_number("busy", 3'000); }) == "wechat_busy");
  }
  SUBCASE("unreachable API → wechat_unavailable") {
    WeChatClient down = client("http://127.0.0.1:1");
    CHECK(code_of([&] { down.code_to_session("x.1"); }) == "wechat_unavailable");
  }
}

TEST_CASE("https: the client verifies the server certificate (trusted → works, untrusted → refused)") {
  std::string dir = testing::temp_dir();
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
      "-keyout " +
      dir + "/key.pem -out " + dir + "/cert.pem >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  FakeWechat fake({"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"});
  REQUIRE(fake.url().rfind("https://127.0.0.1:", 0) == 0);
  WeChatClient wx = client(fake.url());
  // Not in the system trust store: the handshake must fail, never fall back to plain text.
  CHECK(code_of([&] { wx.code_to_session("tls.1"); }) == "wechat_unavailable");
  // Trusted through OpenSSL's SSL_CERT_FILE: the same client now completes the exchange.
  ::setenv("SSL_CERT_FILE", (dir + "/cert.pem").c_str(), 1);
  WeChatSession s = wx.code_to_session("tls.2");
  std::string phone = wx.phone_number("phone-13812345678", 1).phone;
  ::unsetenv("SSL_CERT_FILE");
  CHECK_FALSE(s.openid.empty());
  CHECK(phone == "13812345678");
}
