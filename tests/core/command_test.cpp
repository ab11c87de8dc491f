#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <string>

#include "clinic/command.h"

using clinic::call;

namespace {
boost::json::object parse(const std::string& s) {
  return boost::json::parse(s).as_object();
}
std::string code_of(const std::string& response) {
  return std::string(parse(response).at("error").at("code").as_string());
}
std::string path_of(const std::string& response) {
  return std::string(parse(response).at("error").at("path").as_string());
}
}  // namespace

TEST_CASE("envelope errors are values with a code and a path") {
  CHECK(code_of(call("")) == "bad_json");
  CHECK(code_of(call("{")) == "bad_json");
  CHECK(code_of(call("[1]")) == "invalid_request");
  CHECK(code_of(call(R"({"v":1})")) == "invalid_request");
  CHECK(path_of(call(R"({"v":1})")) == "$.op");
  CHECK(code_of(call(R"({"op":"core.version"})")) == "invalid_request");
  CHECK(code_of(call(R"({"op":"core.version","v":"1"})")) == "invalid_field");
  CHECK(code_of(call(R"({"op":"nope","v":1})")) == "unknown_op");
  CHECK(code_of(call(R"({"op":"core.version","v":2})")) == "unsupported_version");
  CHECK(path_of(call(R"({"op":"core.version","v":2})")) == "$.v");
  CHECK(code_of(call(R"({"op":"core.version","v":1,"extra":true})")) == "invalid_field");
  CHECK(path_of(call(R"({"op":"core.version","v":1,"extra":true})")) == "$.extra");
}

TEST_CASE("language selects the message; zh-CN is the default") {
  auto zh = parse(call(R"({"op":"nope","v":1})"));
  auto en = parse(call(R"({"op":"nope","v":1,"lang":"en"})"));
  CHECK(std::string(zh.at("error").at("message").as_string()) == "未知操作：nope");
  CHECK(std::string(en.at("error").at("message").as_string()) == "unknown op: nope");
  CHECK(code_of(call(R"({"op":"nope","v":1,"lang":"fr"})")) == "invalid_field");
}

TEST_CASE("hostile input is refused, not crashed on") {
  SUBCASE("oversized") {
    std::string big(clinic::kMaxRequestBytes + 1, ' ');
    CHECK(code_of(call(big)) == "too_large");
  }
  SUBCASE("deep nesting") {
    std::string deep(10000, '[');
    CHECK(code_of(call(deep)) == "bad_json");
  }
  SUBCASE("invalid UTF-8") {
    std::string bad = "{\"op\":\"core.version\",\"v\":1,\"lang\":\"\xff\"}";
    CHECK(code_of(call(bad)) == "bad_json");
  }
  SUBCASE("huge numbers") {
    CHECK(code_of(call(R"({"op":"core.version","v":99999999999999999999999})")) == "invalid_field");
    CHECK(code_of(call(R"({"op":"calendar.local","v":1,"at_ms":1e300})")) == "invalid_field");
  }
}

TEST_CASE("core.version lists every op in the table") {
  auto ok = parse(call(R"({"op":"core.version","v":1})")).at("ok").as_object();
  CHECK(ok.at("ops").as_array().size() == clinic::op_table().size());
  CHECK(ok.contains("build"));
  CHECK(ok.at("schemas").is_object());
}

TEST_CASE("calendar.local validates its fields with paths") {
  auto r = call(R"({"op":"calendar.local","v":1,"at_ms":1769875200000,"utc_offset_min":480})");
  auto ok = parse(r).at("ok").as_object();
  CHECK(std::string(ok.at("date").as_string()) == "2026-02-01");
  CHECK(path_of(call(R"({"op":"calendar.local","v":1,"at_ms":5})")) == "$.at_ms");
  CHECK(path_of(call(R"({"op":"calendar.local","v":1,"at_ms":1769875200000,"utc_offset_min":9999})")) ==
        "$.utc_offset_min");
}

TEST_CASE("the same request always yields the same bytes") {
  const char* req = R"({"op":"money.allocate","v":1,"total_fen":1001,"weights":[1,2,3,4]})";
  std::string first = call(req);
  for (int i = 0; i < 100; ++i) CHECK(call(req) == first);
}
