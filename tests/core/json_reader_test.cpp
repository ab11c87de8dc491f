#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "clinic/json_reader.h"

using namespace clinic;

TEST_CASE("the first error wins and names its path") {
  boost::json::value doc = boost::json::parse(R"({"items":[{"amount_fen":100},{"amount_fen":-1}],"name":7})");
  ReadContext ctx;
  JsonReader root(&doc, "$", ctx);
  int64_t sum = 0;
  root.field("items").for_each(10, [&](const JsonReader& item, size_t) { sum += item.req_fen("amount_fen"); });
  root.req_string("name");  // also wrong, but later
  REQUIRE_FALSE(ctx.ok());
  CHECK(ctx.error().path == "$.items[1].amount_fen");
  CHECK(ctx.error().code == ErrorCode::invalid_field);
  CHECK(ctx.error().message_en == "expected an integer from 0 to 1000000000000, got -1");
}

TEST_CASE("missing, wrong type, unknown keys, odd keys") {
  boost::json::value doc = boost::json::parse(R"({"a":1,"we ird":true})");
  SUBCASE("missing") {
    ReadContext ctx;
    JsonReader(&doc, "$", ctx).req_string("b");
    CHECK(ctx.error().code == ErrorCode::missing_field);
    CHECK(ctx.error().path == "$.b");
  }
  SUBCASE("unknown key is named with bracket syntax when needed") {
    ReadContext ctx;
    JsonReader(&doc, "$", ctx).expect_object({"a"});
    CHECK(ctx.error().path == "$[\"we ird\"]");
  }
  SUBCASE("enum") {
    boost::json::value v = boost::json::parse(R"({"level":"urgent"})");
    ReadContext ctx;
    JsonReader(&v, "$", ctx).field("level").as_enum({"low", "high"});
    CHECK(ctx.error().message_en == "invalid value, expected one of: low, high");
  }
  SUBCASE("optional falls back") {
    ReadContext ctx;
    JsonReader r(&doc, "$", ctx);
    CHECK(r.opt_int("missing", 42, 0, 100) == 42);
    CHECK(r.opt_int("a", 42, 0, 100) == 1);
    CHECK(ctx.ok());
  }
}
