// The real C++ WeChat client against the fake WeChat API over real HTTP (loopback):
// jscode2session, stable_token + getuserphonenumber, and every mapped errcode.
#include "wechat/wechat_client.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

extern char** environ;

using namespace clinic::server;

namespace {

class FakeWechat {
 public:
  FakeWechat() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::string script = std::string(CLINIC_SOURCE_DIR) + "/native-server/fake-wechat/server.mjs";
    const char* argv[] = {CLINIC_NODE, script.c_str(), "--port", "0", "--appid", "wx-a", "--secret", "s-1", nullptr};
    REQUIRE(posix_spawn(&pid_, CLINIC_NODE, &fa, nullptr, const_cast<char**>(argv), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[256] = {};
    REQUIRE(std::fgets(line, sizeof line, out_) != nullptr);
    std::string text(line);
    url_ = text.substr(text.find("http://"));
    while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r')) url_.pop_back();
  }
  ~FakeWechat() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    std::fclose(out_);
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = 0;
  std::FILE* out_ = nullptr;
  std::string url_;
};

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
