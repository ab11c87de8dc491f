#include "errors.h"

#include <boost/json.hpp>

#include "log.h"

namespace clinic::server {

namespace {
constexpr ErrorName kInternal = "internal";
}  // namespace

ErrorName::ErrorName(clinic::ErrorCode core) : ErrorName(find(error_code_name(core)).value_or(kInternal)) {}

std::optional<ErrorName> ErrorName::find(std::string_view name) {
  for (size_t i = 0; i < std::size(kErrors); ++i) {
    if (kErrors[i].code == name) return ErrorName(i, 0);
  }
  return std::nullopt;
}

void ApiError::name_unknown(std::string_view unknown) {
  log_error("error code not in kErrors (errors.h): \"" + std::string(unknown) + "\": " + message.en);
  message = Text("内部错误：未知错误代码 " + std::string(unknown) + "：" + message.zh,
                 "internal error: unknown error code " + std::string(unknown) + ": " + message.en);
}

HttpStatus status_for(std::string_view code) {
  if (std::optional<ErrorName> known = ErrorName::find(code)) return known->http_status();
  log_error("status asked for an error code not in kErrors (errors.h): \"" + std::string(code) + "\"");
  return HttpStatus::internal_server_error;
}

std::string error_body(std::string_view code, std::string_view message, std::string_view field) {
  boost::json::object e;
  e["code"] = code;
  e["message"] = message;
  e["field"] = field;
  return boost::json::serialize(boost::json::object{{"error", std::move(e)}});
}

ApiError from_core(const Error& e) {
  return ApiError(ErrorName(e.code), Text(e.message("zh-CN"), e.message("en")), e.path);
}

}  // namespace clinic::server
