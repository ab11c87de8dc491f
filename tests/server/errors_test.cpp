#include "errors.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "openapi_text.h"
#include "wechat/wechat_client.h"

using namespace clinic::server;
using boost::beast::http::status;
using clinic::server::testing::openapi_enum;

TEST_CASE("the error list: one row a code, a status and both texts each") {
  std::set<std::string_view> seen;
  for (const ErrorSpec& s : kErrors) {
    CHECK_MESSAGE(seen.insert(s.code).second, "duplicate row ", s.code);
    CHECK_MESSAGE(static_cast<unsigned>(s.http_status) >= 400, s.code);
    CHECK_MESSAGE(!s.zh.empty(), s.code);
    CHECK_MESSAGE(!s.en.empty(), s.code);
    CHECK_MESSAGE(s.zh != s.en, s.code);
    REQUIRE(ErrorName::find(s.code));
    CHECK(ErrorName::find(s.code)->name() == s.code);
  }
}

TEST_CASE("core error codes are the list's first rows, in clinic::ErrorCode order") {
  for (int c = 0; c <= static_cast<int>(clinic::ErrorCode::internal); ++c) {
    auto code = static_cast<clinic::ErrorCode>(c);
    CHECK(kErrors[c].code == clinic::error_code_name(code));
    CHECK(ErrorName(code).name() == clinic::error_code_name(code));
  }
}

TEST_CASE("docs/openapi.yaml's error code enums are the list") {
  std::vector<std::string> all, core;
  for (size_t i = 0; i < std::size(kErrors); ++i) {
    all.emplace_back(kErrors[i].code);
    if (i <= static_cast<size_t>(clinic::ErrorCode::internal)) core.emplace_back(kErrors[i].code);
  }
  CHECK(openapi_enum("Error", "code") == all);
  CHECK(openapi_enum("CoreError", "code") == core);
}

TEST_CASE("an unknown code at run time is named, never a silent 500") {
  ApiError e(std::string("a_code_nobody_added"), Text("中", "en"), "$.x");
  CHECK(e.code == "internal");
  CHECK(e.message.en.find("a_code_nobody_added") != std::string::npos);
  CHECK(e.message.zh.find("a_code_nobody_added") != std::string::npos);
  CHECK(e.field == "$.x");
  ApiError known(std::string("conflict"), Text("中", "en"));
  CHECK(known.code == "conflict");
  CHECK(known.message.en == "en");
  ApiError plain = ApiError::standard("not_found");  // the code's default texts
  CHECK(plain.message.en == "not found");
  CHECK(plain.message.zh == "没有找到");
}

TEST_CASE("statuses") {
  CHECK(status_for("bad_json") == status::bad_request);
  CHECK(status_for("too_large") == status::payload_too_large);
  CHECK(status_for("unknown_op") == status::not_found);
  CHECK(status_for("conflict") == status::conflict);
  CHECK(status_for("unauthorized") == status::unauthorized);
  CHECK(status_for("token_expired") == status::unauthorized);
  CHECK(status_for("csrf_failed") == status::forbidden);
  CHECK(status_for("rate_limited") == status::too_many_requests);
  CHECK(status_for("headers_too_large") == status::request_header_fields_too_large);
  CHECK(status_for("internal") == status::internal_server_error);
  CHECK(status_for("storage_full") == status::service_unavailable);  // disk full: try again later
  CHECK(status_for("storage_unavailable") == status::service_unavailable);
  CHECK(ErrorName("rate_limited").http_status() == status::too_many_requests);
}

TEST_CASE("error body shape") {
  CHECK(error_body("invalid_field", "bad", "$.x") ==
        R"({"error":{"code":"invalid_field","message":"bad","field":"$.x"}})");
  auto e = from_core(clinic::make_error(clinic::ErrorCode::missing_field, "缺少", "missing", "$.a"));
  CHECK(e.code == "missing_field");
  CHECK(e.message.in("en") == "missing");
  CHECK(e.message.in("zh-CN") == "缺少");
  CHECK(e.field == "$.a");
}

TEST_CASE("WeChat errcodes map to clear codes and statuses") {
  struct Row {
    int64_t errcode;
    const char* code;
    status st;
  };
  for (Row r :
       {Row{40029, "wechat_invalid_code", status::bad_request}, Row{40163, "wechat_invalid_code", status::bad_request},
        Row{45011, "wechat_rate_limited", status::too_many_requests}, Row{40226, "wechat_high_risk", status::forbidden},
        Row{-1, "wechat_busy", status::service_unavailable}, Row{40125, "wechat_misconfigured", status::bad_gateway},
        Row{99999, "wechat_unavailable", status::bad_gateway}}) {
    ApiError e = WeChatClient::error_for(r.errcode, "x");
    CHECK(e.code == r.code);
    CHECK(status_for(e.code) == r.st);
    CHECK_FALSE(e.message.zh.empty());
    CHECK_FALSE(e.message.en.empty());
    CHECK(e.message.zh != e.message.en);  // a real translation, not one text twice
  }
}
