// One error model for the server: a stable code, a message and the offending field.
// The HTTP status of every code (the core's clinic::ErrorCode names and the server's
// own codes) comes from ONE table in errors.cpp; nothing else picks statuses.
// Inside the server an ApiError may be thrown from any layer (store jobs, auth, the
// WeChat client); the request handler is the one place that turns it into a response.
#pragma once

#include <ostream>  // beast/http/status.hpp streams without including it

#include <boost/beast/http/status.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"

namespace clinic::server {

// Text for people in both languages. The response picks one by the request's language
// (zh-CN unless Accept-Language: en or ?lang=en), so a message is written once, where the
// error is raised, and every layer below the handler can raise it without knowing the request.
struct Text {
  std::string zh;
  std::string en;
  Text(std::string zh_, std::string en_) : zh(std::move(zh_)), en(std::move(en_)) {}
  // Text that is already in the request's language (the core answers in the language asked).
  static Text as_is(std::string s) { return Text(s, s); }
  const std::string& in(std::string_view lang) const { return lang == "en" ? en : zh; }
};

struct ApiError : std::runtime_error {
  std::string code;   // e.g. "unauthorized", "invalid_field"
  Text message;       // for people, both languages
  std::string field;  // JSON path / parameter name, empty when not about a field
  // rate_limited: seconds until a retry can succeed (the Retry-After header); 0 = not set.
  int64_t retry_after_s = 0;

  ApiError(std::string code_, Text message_, std::string field_ = {})
      : std::runtime_error(code_ + ": " + message_.en),
        code(std::move(code_)),
        message(std::move(message_)),
        field(std::move(field_)) {}
};

struct ErrorSpec {
  std::string_view code;
  boost::beast::http::status status;
};

// A 429 rate_limited whose Retry-After is the true remaining wait.
inline ApiError rate_limited(Text message, int64_t retry_after_s) {
  ApiError e("rate_limited", std::move(message));
  e.retry_after_s = retry_after_s < 1 ? 1 : retry_after_s;
  return e;
}

// The table (core codes first, then server codes).
const std::vector<ErrorSpec>& error_table();
// Status for a code; unknown codes are a bug and map to 500.
boost::beast::http::status status_for(std::string_view code);
// {"error":{"code":…,"message":…,"field":…}}
std::string error_body(std::string_view code, std::string_view message, std::string_view field = {});
// Core error → ApiError (keeps the core's code, both messages and the path).
ApiError from_core(const Error& e);

}  // namespace clinic::server
