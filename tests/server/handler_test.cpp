// The request handler without a network: App::handle(request) → response.
#include "app.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "clinic/command.h"
#include "test_support.h"

using namespace clinic::server;

namespace {

Config test_config(const std::string& dir, bool demo) {
  Config c;
  c.db_path = dir + "/h.db";
  c.wechat_appid = "wx";
  c.wechat_secret = "s";
  c.wechat_api_base = "http://127.0.0.1:1";  // never reached by these tests
  c.access_log = "";
  c.log_level = "error";
  c.demo = demo;
  c.rules_dir = dir + "/no-rules";
  c.static_dir = dir + "/static";
  finish_config(c);
  return c;
}

Request make(http::verb v, std::string target, std::string body = {}, std::string type = "application/json") {
  Request r{v, target, 11};
  if (!body.empty()) {
    r.set(http::field::content_type, type);
    r.body() = std::move(body);
  }
  r.prepare_payload();
  return r;
}

std::string password_of(const Config& c, const std::string& user) {
  std::ifstream in(c.demo_credentials_file);
  std::string u, p, role, clinic;
  while (in >> u >> p >> role >> clinic) {
    if (u == user) return p;
  }
  return {};
}

}  // namespace

TEST_CASE("ops routes, 404, 405 and the command API status mapping") {
  std::string dir = testing::temp_dir();
  App app(test_config(dir, false));
  auto res = app.handle(make(http::verb::get, "/healthz"), "t");
  CHECK(res.result() == http::status::ok);
  CHECK(res.body() == R"({"status":"ok"})");
  CHECK(app.handle(make(http::verb::get, "/readyz"), "t").result() == http::status::ok);

  res = app.handle(make(http::verb::get, "/api/none"), "t");
  CHECK(res.result() == http::status::not_found);
  CHECK(res.body() == R"({"error":{"code":"route_not_found","message":"没有这个接口","field":""}})");
  res = app.handle(make(http::verb::put, "/healthz"), "t");
  CHECK(res.result() == http::status::method_not_allowed);
  CHECK(res[http::field::allow] == "GET");

  res = app.handle(make(http::verb::post, "/api/core", R"({"op":"core.version","v":1})"), "t");
  CHECK(res.result() == http::status::ok);
  CHECK(res.body() == clinic::call(R"({"op":"core.version","v":1})"));
  res = app.handle(make(http::verb::post, "/api/core", R"({"op":"x.y","v":1})"), "t");
  CHECK(res.result() == http::status::not_found);
  // Only the phone's bounded ops are public; an escaped op name is the same op (parsed as the core parses).
  for (const char* body : {R"({"op":"triage.lint","v":1})", R"({"op":"triage.\u006cint","v":1})",
                           R"({"op":"rules.simulate","v":1})", R"({"op":"points.balance","v":1})"}) {
    CAPTURE(body);
    res = app.handle(make(http::verb::post, "/api/core", body), "t");
    CHECK(res.result() == http::status::forbidden);
    CHECK(res.body().find("\"op_not_public\"") != std::string::npos);
  }
  // The staff route needs a session.
  CHECK(app.handle(make(http::verb::post, "/api/staff/core", R"({"op":"triage.lint","v":1})"), "t").result() ==
        http::status::unauthorized);
  res = app.handle(make(http::verb::post, "/api/core", "{nope"), "t");
  CHECK(res.result() == http::status::bad_request);
  CHECK(res.body().find("\"bad_json\"") != std::string::npos);

  // Which requests the session may answer on its I/O thread: cheap, non-blocking work only.
  CHECK(app.runs_on_io(make(http::verb::get, "/healthz")));
  CHECK(app.runs_on_io(make(http::verb::post, "/api/core", R"({"op":"triage.evaluate","v":1})")));
  CHECK_FALSE(app.runs_on_io(make(http::verb::post, "/api/core", R"({"op":"triage.lint","v":1})")));
  CHECK_FALSE(app.runs_on_io(make(http::verb::post, "/api/core", R"({"op":"triage.\u006cint","v":1})")));
  CHECK_FALSE(app.runs_on_io(make(http::verb::post, "/api/core", "{nope")));
  CHECK_FALSE(app.runs_on_io(make(http::verb::post, "/api/core",
                                  R"({"op":"triage.evaluate","v":1,"pad":")" + std::string(5000, 'x') + R"("})")));
  CHECK_FALSE(app.runs_on_io(make(http::verb::get, "/readyz")));  // reads the store
  CHECK_FALSE(app.runs_on_io(make(http::verb::get, "/api/none")));

  res = app.handle(make(http::verb::post, "/api/v1/auth/login", "code=1", "text/plain"), "t");
  CHECK(res.result() == http::status::unsupported_media_type);

  app.begin_drain();
  CHECK(app.handle(make(http::verb::get, "/readyz"), "t").result() == http::status::service_unavailable);
  CHECK_FALSE(app.handle(make(http::verb::get, "/healthz"), "t").keep_alive());

  auto metrics = app.handle(make(http::verb::get, "/metrics"), "t").body();
  CHECK(metrics.find(R"(clinic_http_requests_total{route="/api/core",method="POST",status="404"} 1)") !=
        std::string::npos);
  CHECK(metrics.find(R"(clinic_http_requests_total{route="-",method="GET",status="404"} 1)") != std::string::npos);
}

TEST_CASE("static files: content types, index, no escape from the folder") {
  std::string dir = testing::temp_dir();
  Config c = test_config(dir, false);
  std::filesystem::create_directories(c.static_dir + "/desk");
  std::ofstream(c.static_dir + "/index.html") << "<h1>desk</h1>";
  std::ofstream(c.static_dir + "/desk/app.js") << "export {}";
  std::ofstream(dir + "/secret.txt") << "secret";
  App app(c);
  auto res = app.handle(make(http::verb::get, "/"), "t");
  CHECK(res.result() == http::status::ok);
  CHECK(res[http::field::content_type] == "text/html; charset=utf-8");
  CHECK(res.body() == "<h1>desk</h1>");
  res = app.handle(make(http::verb::get, "/desk/app.js"), "t");
  CHECK(res[http::field::content_type] == "text/javascript; charset=utf-8");
  res = app.handle(make(http::verb::head, "/desk/app.js"), "t");
  CHECK(res.result() == http::status::ok);
  CHECK(res.body().empty());
  CHECK(app.handle(make(http::verb::get, "/../secret.txt"), "t").result() == http::status::not_found);
  CHECK(app.handle(make(http::verb::get, "/desk/../../secret.txt"), "t").result() == http::status::not_found);
  CHECK(app.handle(make(http::verb::get, "/.hidden"), "t").result() == http::status::not_found);
}

TEST_CASE("staff login, CSRF and roles without a network") {
  std::string dir = testing::temp_dir();
  Config c = test_config(dir, true);
  App app(c);
  std::string pw = password_of(c, "desk");
  REQUIRE_FALSE(pw.empty());
  auto res =
      app.handle(make(http::verb::post, "/api/staff/login", R"({"username":"desk","password":")" + pw + "\"}"), "t");
  REQUIRE(res.result() == http::status::ok);
  std::string cookie(res[http::field::set_cookie]);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  std::string session = cookie.substr(0, cookie.find(';'));

  Request create = make(http::verb::post, "/api/admin/staff", R"({"username":"n","role":"desk","clinic_id":1})");
  create.set(http::field::cookie, session);
  res = app.handle(create, "t");
  CHECK(res.result() == http::status::forbidden);
  CHECK(res.body().find("csrf_failed") != std::string::npos);

  Request me = make(http::verb::get, "/api/staff/me");
  me.set(http::field::cookie, "other=1; " + session);
  res = app.handle(me, "t");
  REQUIRE(res.result() == http::status::ok);
  boost::json::value v = boost::json::parse(res.body());
  std::string csrf(v.at("csrf_token").as_string());
  create.set("X-CSRF-Token", csrf);
  res = app.handle(create, "t");
  CHECK(res.result() == http::status::forbidden);
  CHECK(res.body().find("role_forbidden") != std::string::npos);

  // Every demo member's phone is stored sealed and found through the keyed hash.
  auto found = app.store().read([&](Repos& r) { return r.members_by_phone(app.auth().org_id(), "13812345678"); });
  REQUIRE(found.size() == 1);
  CHECK(mask_phone(*found[0].phone) == "138****5678");
}
