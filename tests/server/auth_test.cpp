// Authentication (auth/auth.h, auth/passwords.h) on a real SQLite store, with explicit
// clocks: member sessions (verify, expiry, revoke), the member login limit per address,
// staff password login (case-insensitive names, one answer for every failure), the guess
// throttle and the known-device budget, staff sessions with CSRF, roles and clinic scope.
// WeChat is a closed port, except for the member login test (the fake WeChat API).
#include "auth/auth.h"

#include <doctest/doctest.h>

#include "auth/passwords.h"
#include "domain_fixture.h"
#include "fake_wechat.h"
#include "wechat/url.h"

using namespace clinic::server;
using namespace clinic::server::testing;

namespace {

const std::string kPassword = "right horse battery";

// One argon2id hash for every staff member of the tests (hashing is the slow part).
const std::string& password_hash() {
  static const std::string h = hash_password(kPassword);
  return h;
}

WeChatClient closed_wechat() {
  std::string why;
  return WeChatClient("wx", "s", *parse_url("http://127.0.0.1:1", why), 2'000);
}

struct AuthFixture : ClinicFixture {
  Config config;
  WeChatClient wechat = closed_wechat();
  std::unique_ptr<Auth> auth;
  Staff desk, manager, admin, disabled, stranger;
  int64_t west = 0;

  AuthFixture() {
    config.staff_login_max_failures = 2;
    config.staff_login_base_delay_s = 15;
    config.staff_login_window_s = 900;
    config.member_logins_per_minute = 3;
    store->write([&](Repos& r) {
      west = add_clinic(r, "west");
      desk = staff(r, org, clinic, "desk", "desk");
      manager = staff(r, org, clinic, "manager", "manager");
      admin = staff(r, org, std::nullopt, "admin", "admin");
      disabled = staff(r, org, clinic, "gone", "desk", true);
      int64_t other = r.create_org("other", kT0);
      stranger = staff(r, other, std::nullopt, "stranger", "admin");
    });
    auth = std::make_unique<Auth>(config, *store, wechat, vault, org);
  }
  Staff staff(Repos& r, int64_t in_org, std::optional<int64_t> at, const std::string& name, const std::string& role,
              bool off = false) {
    Staff s;
    s.org_id = in_org;
    s.clinic_id = at;
    s.username = name;
    s.display_name = name;
    s.role = role;
    s.password_hash = password_hash();
    s.disabled = off;
    s.id = r.create_staff(s, kT0);
    return s;
  }
  // A member session as member_login stores it (the token's hash only).
  std::string member_session(int64_t member_id, int64_t expires_at_ms) {
    std::string token = random_token();
    store->write([&](Repos& r) {
      SessionRow s;
      s.kind = "member";
      s.subject_id = member_id;
      s.created_at_ms = kT0;
      s.expires_at_ms = expires_at_ms;
      r.create_session(token_hash(token), s);
    });
    return token;
  }
  StaffLoginResult login(const std::string& user, const std::string& password, const std::string& remote = "10.0.0.1",
                         const std::string& device = {}, int64_t now_ms = kT0) {
    return auth->staff_login(user, password, remote, device, now_ms);
  }
  ApiError refused_login(const std::string& user, const std::string& password, const std::string& remote = "10.0.0.1",
                         const std::string& device = {}, int64_t now_ms = kT0) {
    return api_error([&] { login(user, password, remote, device, now_ms); });
  }
};

Request request(http::verb v, const std::string& bearer = {}, const std::string& cookie = {},
                const std::string& csrf = {}) {
  Request r{v, "/api/x", 11};
  if (!bearer.empty()) r.set(http::field::authorization, "Bearer " + bearer);
  if (!cookie.empty()) r.set(http::field::cookie, cookie);
  if (!csrf.empty()) r.set(kCsrfHeader, csrf);
  return r;
}

RequestContext at(const Request& req, int64_t now_ms) {
  RequestContext ctx{req};
  ctx.now_ms = now_ms;
  return ctx;
}

// The value of the Set-Cookie text ("name=value; Path=…").
std::string cookie_value(const std::string& set_cookie) {
  size_t eq = set_cookie.find('='), semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

}  // namespace

TEST_SUITE("auth") {
  TEST_CASE("passwords: argon2id with a salt per hash; only the right password verifies") {
    std::string a = hash_password("secret");
    std::string b = hash_password("secret");
    CHECK(a.rfind("$argon2id$", 0) == 0);
    CHECK(a != b);
    CHECK(verify_password(a, "secret"));
    CHECK(verify_password(b, "secret"));
    CHECK_FALSE(verify_password(a, "Secret"));
    CHECK_FALSE(verify_password("not a hash", "secret"));
  }

  TEST_CASE("a member session verifies until its expiry instant, then is token_expired") {
    AuthFixture f;
    int64_t m = f.member("o1");
    std::string token = f.member_session(m, kT0 + 1'000);
    Request req = request(http::verb::get, token);
    MemberPrincipal who = f.auth->require_member(at(req, kT0 + 999));
    CHECK(who.member_id == m);
    CHECK(who.org_id == f.org);
    CHECK(who.expires_at_ms == kT0 + 1'000);
    CHECK(who.token_hash == token_hash(token));
    CHECK(api_error([&] { f.auth->require_member(at(req, kT0 + 1'000)); }).code == "token_expired");
  }

  TEST_CASE("member sessions: missing, unknown, revoked, of an erased member, or a staff token: unauthorized") {
    AuthFixture f;
    int64_t m = f.member("o1");
    auto refused = [&](const Request& req) { return api_error([&] { f.auth->require_member(at(req, kT0)); }).code; };
    CHECK(refused(request(http::verb::get)) == "unauthorized");
    CHECK(refused(request(http::verb::get, random_token())) == "unauthorized");
    Request basic{http::verb::get, "/api/x", 11};
    basic.set(http::field::authorization, "Basic abc");
    CHECK(refused(basic) == "unauthorized");
    std::string token = f.member_session(m, kT0 + kDayMs);
    MemberPrincipal who = f.auth->require_member(at(request(http::verb::get, token), kT0));
    f.auth->member_logout(who, kT0 + 1);
    CHECK(refused(request(http::verb::get, token)) == "unauthorized");
    int64_t gone = f.member("o2");
    std::string theirs = f.member_session(gone, kT0 + kDayMs);
    f.store->write([&](Repos& r) { r.erase_member(gone, kT0); });
    CHECK(refused(request(http::verb::get, theirs)) == "unauthorized");
    StaffLoginResult staff = f.login("desk", kPassword);
    CHECK(refused(request(http::verb::get, staff.token)) == "unauthorized");
  }

  TEST_CASE("member login: the first creates the member, the next finds it; only the token's hash is stored") {
    AuthFixture f;
    FakeWechat fake;
    std::string why;
    WeChatClient wx("wx-a", "s-1", *parse_url(fake.url(), why), 5'000);
    Auth auth(f.config, *f.store, wx, f.vault, f.org);
    MemberLoginResult first = auth.member_login("erin.1", "1.1.1.1", kT0);
    CHECK(first.created);
    CHECK(first.expires_at_ms == kT0 + f.config.member_session_ttl_s * 1000);
    MemberLoginResult again = auth.member_login("erin.2", "1.1.1.1", kT0 + 1);
    CHECK_FALSE(again.created);
    CHECK(again.member_id == first.member_id);
    CHECK(again.token != first.token);
    CHECK(auth.member_login("frank.1", "1.1.1.1", kT0 + 2).member_id != first.member_id);
    CHECK(f.store->read([&](Repos& r) { return r.session_by_token_hash(token_hash(first.token)); }));
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.session_by_token_hash(first.token); }));
    // Both sessions of the member verify; logging one out leaves the other.
    MemberPrincipal who = auth.require_member(at(request(http::verb::get, first.token), kT0 + 3));
    CHECK(who.member_id == first.member_id);
    auth.member_logout(who, kT0 + 4);
    CHECK(api_error([&] { auth.require_member(at(request(http::verb::get, first.token), kT0 + 5)); }).code ==
          "unauthorized");
    CHECK(auth.require_member(at(request(http::verb::get, again.token), kT0 + 5)).member_id == first.member_id);
    // WeChat refusing the code is answered with its own error.
    CHECK(api_error([&] { auth.member_login("bad-code", "1.1.1.2", kT0 + 6); }).code == "wechat_invalid_code");
  }

  TEST_CASE("member logins are limited per address by the clock, before WeChat is asked") {
    AuthFixture f;  // 3 per minute
    CHECK(api_error([&] { f.auth->member_login("", "1.1.1.1", kT0); }).code == "invalid_field");
    for (int i = 0; i < 3; ++i) {
      CHECK(api_error([&] { f.auth->member_login("code", "1.1.1.1", kT0 + i); }).code == "wechat_unavailable");
    }
    ApiError limited = api_error([&] { f.auth->member_login("code", "1.1.1.1", kT0 + 10); });
    CHECK(limited.code == "rate_limited");
    CHECK(limited.retry_after_s == 60);
    CHECK(api_error([&] { f.auth->member_login("code", "2.2.2.2", kT0 + 10); }).code == "wechat_unavailable");
    CHECK(api_error([&] { f.auth->member_login("code", "1.1.1.1", kT0 + 60'000); }).code == "wechat_unavailable");
  }

  TEST_CASE("staff login: a session, a CSRF token and a device cookie; the name is case-insensitive") {
    AuthFixture f;
    StaffLoginResult out = f.login("DeSk", kPassword, "10.0.0.1", {}, kT0);
    CHECK(out.staff.id == f.desk.id);
    CHECK(out.expires_at_ms == kT0 + f.config.staff_session_ttl_s * 1000);
    CHECK_FALSE(out.token.empty());
    CHECK_FALSE(out.csrf_token.empty());
    CHECK(out.token != out.csrf_token);
    CHECK(out.device_cookie.rfind("clinic_device=" + std::to_string(f.desk.id) + ".", 0) == 0);
    CHECK(out.device_cookie.find("HttpOnly; SameSite=Strict") != std::string::npos);
    auto rows = f.store->read([&](Repos& r) { return r.audit_rows(f.org, std::nullopt, INT64_MAX, 10); });
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front().action == "staff.login");
    CHECK(rows.front().staff_id == f.desk.id);
  }

  TEST_CASE("a wrong password, an unknown name and a disabled account get the same answer") {
    AuthFixture f;
    ApiError wrong = f.refused_login("desk", "wrong", "10.0.0.1");
    ApiError unknown = f.refused_login("nobody", kPassword, "10.0.0.2");
    ApiError off = f.refused_login("gone", kPassword, "10.0.0.3");
    CHECK(wrong.code == "bad_credentials");
    CHECK(unknown.code == wrong.code);
    CHECK(off.code == wrong.code);
    CHECK(unknown.message.en == wrong.message.en);
    CHECK(off.message.en == wrong.message.en);
    CHECK(f.refused_login("", kPassword).code == "invalid_field");
    CHECK(f.refused_login("desk", "").code == "invalid_field");
    auto rows = f.store->read([&](Repos& r) { return r.audit_rows(f.org, std::nullopt, INT64_MAX, 10); });
    int failed = 0;
    for (const AuditRow& row : rows) failed += row.action == "staff.login_failed";
    CHECK(failed == 2);  // the known accounts (desk, gone); nothing for an unknown name
  }

  TEST_CASE("guesses: free failures, then a growing wait by the clock, the right password included") {
    AuthFixture f;  // 2 free failures per account and address, base 15 s
    CHECK(f.refused_login("desk", "x1").code == "bad_credentials");
    CHECK(f.refused_login("desk", "x2", "10.0.0.1", {}, kT0 + 1).code == "bad_credentials");
    ApiError wait = f.refused_login("desk", kPassword, "10.0.0.1", {}, kT0 + 2);
    CHECK(wait.code == "rate_limited");
    CHECK(wait.retry_after_s == 15);
    CHECK(f.refused_login("desk", "x3", "10.0.0.1", {}, kT0 + 1 + 15'000).code == "bad_credentials");
    ApiError longer = f.refused_login("desk", kPassword, "10.0.0.1", {}, kT0 + 2 + 15'000);
    CHECK(longer.code == "rate_limited");
    CHECK(longer.retry_after_s == 30);
    // Another address has its own account+address budget.
    CHECK(f.login("desk", kPassword, "10.0.0.9", {}, kT0 + 3 + 15'000).staff.id == f.desk.id);
    // After the wait the owner gets in, and their account+address history is forgotten.
    CHECK(f.login("desk", kPassword, "10.0.0.1", {}, kT0 + 1 + 45'000).staff.id == f.desk.id);
    CHECK(f.refused_login("desk", "x4", "10.0.0.1", {}, kT0 + 2 + 45'000).code == "bad_credentials");
  }

  TEST_CASE("a known device keeps its own budget when the account is under attack; a forged one does not") {
    AuthFixture f;  // account budget: 4 x 2 = 8 failures from anywhere
    std::string device = cookie_value(f.login("desk", kPassword, "10.0.0.1").device_cookie);
    for (int i = 0; i < 8; ++i) {
      std::string attacker = "203.0.113." + std::to_string(i / 2);
      CHECK(f.refused_login("desk", "guess", attacker, {}, kT0 + 10 + i).code == "bad_credentials");
    }
    CHECK(f.refused_login("desk", kPassword, "10.0.0.1", {}, kT0 + 100).code == "rate_limited");
    CHECK(f.login("desk", kPassword, "10.0.0.1", device, kT0 + 100).staff.id == f.desk.id);
    CHECK(f.login("desk", kPassword, "198.51.100.7", device, kT0 + 101).staff.id == f.desk.id);  // travels
    std::string forged = device.substr(0, device.size() - 1) + (device.back() == 'a' ? "b" : "a");
    CHECK(f.refused_login("desk", kPassword, "10.0.0.1", forged, kT0 + 102).code == "rate_limited");
    // Another account's device cookie is no device of this one.
    std::string managers = cookie_value(f.login("manager", kPassword, "10.0.0.1").device_cookie);
    CHECK(f.refused_login("desk", kPassword, "10.0.0.1", managers, kT0 + 103).code == "rate_limited");
  }

  TEST_CASE("staff sessions: the cookie on reads; the CSRF token on every unsafe method") {
    AuthFixture f;
    StaffLoginResult out = f.login("desk", kPassword);
    std::string cookie = "other=1; clinic_staff=" + out.token;
    StaffPrincipal who = f.auth->require_staff(at(request(http::verb::get, {}, cookie), kT0 + 1));
    CHECK(who.staff.id == f.desk.id);
    CHECK(who.csrf_token == out.csrf_token);
    auto code = [&](http::verb v, const std::string& csrf, int64_t now_ms = kT0 + 1) {
      return api_error([&] { f.auth->require_staff(at(request(v, {}, cookie, csrf), now_ms)); }).code;
    };
    CHECK(code(http::verb::post, "") == "csrf_failed");
    CHECK(code(http::verb::delete_, "wrong") == "csrf_failed");
    CHECK(code(http::verb::put, out.token) == "csrf_failed");  // the session token is not the CSRF token
    CHECK(f.auth->require_staff(at(request(http::verb::post, {}, cookie, out.csrf_token), kT0 + 1)).staff.id ==
          f.desk.id);
    CHECK(f.auth->require_staff(at(request(http::verb::head, {}, cookie), kT0 + 1)).staff.id == f.desk.id);
    CHECK(code(http::verb::get, "", out.expires_at_ms) == "token_expired");
    CHECK(api_error([&] { f.auth->require_staff(at(request(http::verb::get), kT0)); }).code == "unauthorized");
    CHECK(api_error([&] {
            f.auth->require_staff(at(request(http::verb::get, {}, "clinic_staff=" + random_token()), kT0));
          }).code == "unauthorized");
  }

  TEST_CASE("staff sessions end at logout and when the account is disabled; a member token is no staff session") {
    AuthFixture f;
    StaffLoginResult out = f.login("desk", kPassword);
    Request get = request(http::verb::get, {}, "clinic_staff=" + out.token);
    StaffPrincipal who = f.auth->require_staff(at(get, kT0 + 1));
    f.auth->staff_logout(who, kT0 + 2);
    CHECK(api_error([&] { f.auth->require_staff(at(get, kT0 + 3)); }).code == "unauthorized");
    // A session of an account disabled since (disabling is a flag on the staff row): refused.
    std::string token = random_token();
    f.store->write([&](Repos& r) {
      SessionRow s;
      s.kind = "staff";
      s.subject_id = f.disabled.id;
      s.csrf_token = "csrf";
      s.created_at_ms = kT0;
      s.expires_at_ms = kT0 + kDayMs;
      r.create_session(token_hash(token), s);
    });
    CHECK(api_error([&] {
            f.auth->require_staff(at(request(http::verb::get, {}, "clinic_staff=" + token), kT0 + 4));
          }).code == "unauthorized");
    int64_t m = f.member("o1");
    std::string member_token = f.member_session(m, kT0 + kDayMs);
    CHECK(api_error([&] {
            f.auth->require_staff(at(request(http::verb::get, {}, "clinic_staff=" + member_token), kT0));
          }).code == "unauthorized");
  }

  TEST_CASE("roles and clinic scope: desk and managers their own clinic, admins every clinic of their organization") {
    AuthFixture f;
    auto principal = [&](const Staff& s) { return StaffPrincipal{s, "csrf", kT0 + kDayMs, "hash"}; };
    CHECK_NOTHROW(Auth::require_role(principal(f.manager), {"manager", "admin"}));
    CHECK(api_error([&] { Auth::require_role(principal(f.desk), {"manager", "admin"}); }).code == "role_forbidden");
    CHECK(f.auth->require_clinic(principal(f.desk), f.clinic).id == f.clinic);
    ApiError west = api_error([&] { f.auth->require_clinic(principal(f.desk), f.west); });
    CHECK(west.code == "out_of_scope");
    CHECK(west.field == "clinic_id");
    CHECK(f.auth->require_clinic(principal(f.admin), f.west).id == f.west);
    CHECK(api_error([&] { f.auth->require_clinic(principal(f.admin), 9'999); }).code == "out_of_scope");
    CHECK(api_error([&] { f.auth->require_clinic(principal(f.stranger), f.clinic); }).code == "out_of_scope");
    // The three checks together, from a request.
    StaffLoginResult out = f.login("desk", kPassword);
    Request get = request(http::verb::get, {}, "clinic_staff=" + out.token);
    CHECK(f.auth->require_clinic_staff(at(get, kT0 + 1), f.clinic).clinic.id == f.clinic);
    CHECK(api_error([&] { f.auth->require_clinic_staff(at(get, kT0 + 1), f.clinic, {"manager"}); }).code ==
          "role_forbidden");
    CHECK(api_error([&] { f.auth->require_clinic_staff(at(get, kT0 + 1), f.west); }).code == "out_of_scope");
  }

  TEST_CASE("cookies: HttpOnly, SameSite=Strict, Secure when configured; logout expires the cookie") {
    AuthFixture f;
    std::string c = f.auth->session_cookie("tok");
    CHECK(c.rfind("clinic_staff=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=", 0) == 0);
    CHECK(c.find("Secure") == std::string::npos);
    CHECK(f.auth->expired_cookie().find("Max-Age=0") != std::string::npos);
    f.config.cookie_secure = true;  // Auth reads its Config by reference
    CHECK(f.auth->session_cookie("tok").find("; Secure") != std::string::npos);
    CHECK(f.auth->expired_cookie().find("; Secure") != std::string::npos);
  }
}
