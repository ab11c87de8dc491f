// One error model for the server: a stable code, a message and the offending field.
// Every code (the core's clinic::ErrorCode names and the server's own), its HTTP status and
// default texts are ONE list, kErrors below; nothing else picks statuses or invents codes.
// Inside the server an ApiError may be thrown from any layer (store jobs, auth, the
// WeChat client); the request handler is the one place that turns it into a response.
#pragma once

#include <ostream>  // beast/http/status.hpp streams without including it

#include <boost/beast/http/status.hpp>

#include <concepts>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

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

using HttpStatus = boost::beast::http::status;

// THE list of error codes: wire name, HTTP status, default texts (zh, en). Core codes first,
// in clinic::ErrorCode order (core/include/clinic/error.h; a test holds them equal), then the
// server's own. Nothing else names a code's status or adds a code: a string literal that is not
// here does not compile where an ApiError is raised (ErrorName), and docs/openapi.yaml's
// Error.code enum is tested against it.
struct ErrorSpec {
  std::string_view code;
  HttpStatus http_status;
  std::string_view zh;  // default texts, for a raiser with nothing more specific to say
  std::string_view en;
};

inline constexpr ErrorSpec kErrors[] = {
    // clinic::ErrorCode (core/include/clinic/error.h), same order
    {"bad_json", HttpStatus::bad_request, "请求不是有效的 JSON", "the request is not valid JSON"},
    {"too_large", HttpStatus::payload_too_large, "请求过大", "the request is too large"},
    {"invalid_request", HttpStatus::bad_request, "请求格式有误", "the request is malformed"},
    {"unknown_op", HttpStatus::not_found, "没有这个操作", "no such operation"},
    {"unsupported_version", HttpStatus::bad_request, "不支持该版本", "this version is not supported"},
    {"missing_field", HttpStatus::bad_request, "缺少必填字段", "a required field is missing"},
    {"invalid_field", HttpStatus::bad_request, "字段值无效", "a field has an invalid value"},
    {"invalid_rules", HttpStatus::unprocessable_entity, "规则文档无效", "the rules document is invalid"},
    {"not_found", HttpStatus::not_found, "没有找到", "not found"},
    {"conflict", HttpStatus::conflict, "当前状态不允许此操作", "the current state does not allow this"},
    {"forbidden", HttpStatus::forbidden, "不允许此操作", "this is not allowed"},
    {"limit_reached", HttpStatus::unprocessable_entity, "已达上限", "a limit has been reached"},
    {"insufficient_points", HttpStatus::unprocessable_entity, "积分不足", "not enough points"},
    {"internal", HttpStatus::internal_server_error, "服务器内部错误", "internal server error"},
    // the server's own codes
    {"route_not_found", HttpStatus::not_found, "没有这个接口", "no such route"},
    {"method_not_allowed", HttpStatus::method_not_allowed, "该地址不支持此方法", "method not allowed on this route"},
    {"unsupported_media_type", HttpStatus::unsupported_media_type, "不支持的内容类型", "unsupported content type"},
    {"headers_too_large", HttpStatus::request_header_fields_too_large, "请求头过大", "request headers too large"},
    {"unauthorized", HttpStatus::unauthorized, "请先登录", "please sign in"},
    {"token_expired", HttpStatus::unauthorized, "登录已过期，请重新登录", "the session expired; sign in again"},
    {"bad_credentials", HttpStatus::unauthorized, "账号或密码错误", "wrong user name or password"},
    {"csrf_failed", HttpStatus::forbidden, "请求来源校验失败", "the request failed the CSRF check"},
    {"role_forbidden", HttpStatus::forbidden, "当前角色无权操作", "your role may not do this"},
    {"out_of_scope", HttpStatus::forbidden, "超出您的管理范围", "outside what you may manage"},
    {"rate_limited", HttpStatus::too_many_requests, "请求过于频繁，请稍后再试", "too many requests; retry later"},
    // a staff-only op on the public POST /api/core
    {"op_not_public", HttpStatus::forbidden, "该操作不对外开放", "this op is not public"},
    {"idempotency_mismatch", HttpStatus::unprocessable_entity, "同一幂等键的请求内容不同",
     "the idempotency key was used with a different request"},
    {"result_mismatch", HttpStatus::conflict, "结果与服务器计算不一致", "the result differs from the server's"},
    {"wechat_invalid_code", HttpStatus::bad_request, "登录凭证无效或已使用，请重新登录", "invalid or used login code"},
    {"wechat_rate_limited", HttpStatus::too_many_requests, "登录过于频繁，请稍后再试",
     "WeChat rate limit, retry later"},
    {"wechat_high_risk", HttpStatus::forbidden, "微信判定该账号存在风险，暂不能登录",
     "WeChat flagged this user as high risk"},
    {"wechat_busy", HttpStatus::service_unavailable, "微信系统繁忙，请稍后再试", "WeChat is busy, retry later"},
    {"wechat_unavailable", HttpStatus::bad_gateway, "无法连接微信接口，请重试",
     "WeChat API is unreachable; please retry"},
    {"wechat_misconfigured", HttpStatus::bad_gateway, "服务端微信配置有误", "server WeChat appid/secret rejected"},
    {"unavailable", HttpStatus::service_unavailable, "服务暂不可用，请稍后再试",
     "temporarily unavailable; retry later"},
    {"store_failed", HttpStatus::internal_server_error, "数据保存失败", "the data could not be stored"},
    // disk full: the write was rolled back whole
    {"storage_full", HttpStatus::service_unavailable, "存储空间已满，请稍后再试", "storage is full; retry later"},
    // I/O error from the database files
    {"storage_unavailable", HttpStatus::service_unavailable, "存储暂不可用，请稍后再试",
     "storage is unavailable; retry later"},
};

// A code from kErrors. From a string literal it is checked while compiling: ApiError("no_such_code", …)
// does not build. Codes known only at run time (a core reply) go through find() or ApiError's checked path.
class ErrorName {
 public:
  consteval ErrorName(const char* name) : index_(index_of(name)) {}  // NOLINT(google-explicit-constructor)
  ErrorName(clinic::ErrorCode core);                                 // NOLINT(google-explicit-constructor)
  static std::optional<ErrorName> find(std::string_view name);

  const ErrorSpec& spec() const { return kErrors[index_]; }
  std::string_view name() const { return spec().code; }
  HttpStatus http_status() const { return spec().http_status; }
  friend bool operator==(ErrorName a, ErrorName b) { return a.index_ == b.index_; }

 private:
  explicit constexpr ErrorName(size_t index, int) : index_(index) {}
  static consteval size_t index_of(std::string_view name) {
    for (size_t i = 0; i < std::size(kErrors); ++i) {
      if (kErrors[i].code == name) return i;
    }
    throw "unknown error code: add it to kErrors (native-server/src/errors.h)";  // not a constant: fails to compile
  }
  size_t index_;
};

struct ApiError : std::runtime_error {
  std::string code;   // e.g. "unauthorized", "invalid_field": always a row of kErrors
  Text message;       // for people, both languages
  std::string field;  // JSON path / parameter name, empty when not about a field
  // rate_limited: seconds until a retry can succeed (the Retry-After header); 0 = not set.
  int64_t retry_after_s = 0;

  ApiError(ErrorName code_, Text message_, std::string field_ = {})
      : std::runtime_error(std::string(code_.name()) + ": " + message_.en),
        code(code_.name()),
        message(std::move(message_)),
        field(std::move(field_)) {}
  // A code known only at run time (e.g. error_code_name() of a core error, a core reply's "code"):
  // checked against kErrors; one that is not listed is a bug, logged and answered as "internal"
  // with the unknown code named in the message (never a silent 500).
  template <class S>
  requires std::same_as<std::remove_cvref_t<S>, std::string> ApiError(S&& code_, Text message_, std::string field_ = {})
      : ApiError(ErrorName::find(code_).value_or(kInternalError), std::move(message_), std::move(field_)) {
    if (code != code_) name_unknown(code_);
  }

  // With the code's default texts (kErrors), for a raiser with nothing more specific to say.
  static ApiError standard(ErrorName code_, std::string field_ = {}) {
    return ApiError(code_, Text(std::string(code_.spec().zh), std::string(code_.spec().en)), std::move(field_));
  }

 private:
  static constexpr ErrorName kInternalError = "internal";
  void name_unknown(std::string_view unknown);  // logs it and says it in the message
};

// A 429 rate_limited whose Retry-After is the true remaining wait.
inline ApiError rate_limited(Text message, int64_t retry_after_s) {
  ApiError e("rate_limited", std::move(message));
  e.retry_after_s = retry_after_s < 1 ? 1 : retry_after_s;
  return e;
}

// Status for a code known only at run time (the code of a core reply, already an ApiError's code).
// A code not in kErrors is a bug: logged, and 500.
HttpStatus status_for(std::string_view code);
// {"error":{"code":…,"message":…,"field":…}}
std::string error_body(std::string_view code, std::string_view message, std::string_view field = {});
// Core error → ApiError (keeps the core's code, both messages and the path).
ApiError from_core(const Error& e);

}  // namespace clinic::server
