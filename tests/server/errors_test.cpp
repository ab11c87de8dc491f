#include "errors.h"

#include <doctest/doctest.h>

#include <set>

#include "wechat/wechat_client.h"

using namespace clinic::server;
using boost::beast::http::status;

TEST_CASE("every core error code has exactly one row in the table") {
  std::set<std::string_view> seen;
  for (const ErrorSpec& s : error_table()) {
    CHECK_MESSAGE(seen.insert(s.code).second, "duplicate row ", s.code);
  }
  for (int c = 0; c <= static_cast<int>(clinic::ErrorCode::internal); ++c) {
    std::string_view name = clinic::error_code_name(static_cast<clinic::ErrorCode>(c));
    CHECK_MESSAGE(seen.count(name) == 1, "no HTTP status for core code ", name);
  }
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
  CHECK(status_for("a_code_nobody_added") == status::internal_server_error);
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
