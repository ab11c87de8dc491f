#include "router.h"

#include <doctest/doctest.h>

using namespace clinic::server;

namespace {

Response tag(const Request& req, std::string t) {
  return text_response(req, http::status::ok, std::move(t), "text/plain");
}

}  // namespace

TEST_CASE("router matches literal and captured segments") {
  Router r;
  r.add(http::verb::get, "/healthz", "", [](RequestContext& c) { return tag(c.req, "health"); });
  r.add(http::verb::get, "/api/clinics/:clinic_id/slots", "",
        [](RequestContext& c) { return tag(c.req, c.params.at("clinic_id")); });
  r.add(http::verb::post, "/api/clinics/:clinic_id/slots", "", [](RequestContext& c) { return tag(c.req, "post"); });

  SUBCASE("literal") {
    auto m = r.match(http::verb::get, "/healthz");
    REQUIRE(m.handler);
    CHECK(*m.pattern == "/healthz");
  }
  SUBCASE("capture") {
    auto m = r.match(http::verb::get, "/api/clinics/7/slots");
    REQUIRE(m.handler);
    CHECK(m.params.at("clinic_id") == "7");
    CHECK(*m.pattern == "/api/clinics/:clinic_id/slots");
  }
  SUBCASE("same path, other method") {
    auto m = r.match(http::verb::post, "/api/clinics/7/slots");
    REQUIRE(m.handler);
    Request req{http::verb::post, "/api/clinics/7/slots", 11};
    RequestContext ctx{req, m.params, *m.pattern, 0, {}, {}};
    CHECK((*m.handler)(ctx).body() == "post");
  }
  SUBCASE("405 lists the allowed methods") {
    auto m = r.match(http::verb::delete_, "/api/clinics/7/slots");
    CHECK_FALSE(m.handler);
    CHECK(m.method_mismatch);
    CHECK(m.allow == "GET, POST");
  }
  SUBCASE("404") {
    auto m = r.match(http::verb::get, "/api/clinics/7");
    CHECK_FALSE(m.handler);
    CHECK_FALSE(m.method_mismatch);
    CHECK_FALSE(r.match(http::verb::get, "/api/clinics//slots").handler);
  }
  SUBCASE("HEAD is served by GET routes") {
    CHECK(r.match(http::verb::head, "/healthz").handler);
  }
}

TEST_CASE("router reports where a route runs (worker by default, io with an optional gate)") {
  Router r;
  r.add(http::verb::get, "/slow", "", [](RequestContext& c) { return tag(c.req, "slow"); });
  r.add(
      http::verb::get, "/fast", "", [](RequestContext& c) { return tag(c.req, "fast"); }, Exec::io);
  r.add(
      http::verb::post, "/gated/:id", "", [](RequestContext& c) { return tag(c.req, c.params.at("id")); }, Exec::io,
      [](const Request& req) { return req.body() == "cheap"; });
  auto slow = r.match(http::verb::get, "/slow");
  CHECK(slow.exec == Exec::worker);
  auto fast = r.match(http::verb::get, "/fast");
  CHECK(fast.exec == Exec::io);
  REQUIRE(fast.gate);
  CHECK_FALSE(*fast.gate);
  auto gated = r.match(http::verb::post, "/gated/42");
  REQUIRE(gated.handler);
  CHECK(gated.exec == Exec::io);
  CHECK(gated.params.at("id") == "42");
  Request cheap{http::verb::post, "/gated/42", 11}, dear{http::verb::post, "/gated/42", 11};
  cheap.body() = "cheap";
  dear.body() = "dear";
  CHECK((*gated.gate)(cheap));
  CHECK_FALSE((*gated.gate)(dear));
  CHECK_FALSE(r.match(http::verb::get, "/none").handler);
}
