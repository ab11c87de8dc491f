#include "errors.h"

#include <boost/json.hpp>

namespace clinic::server {

using boost::beast::http::status;

const std::vector<ErrorSpec>& error_table() {
  static const std::vector<ErrorSpec> table = {
      // clinic::ErrorCode (core/include/clinic/error.h)
      {"bad_json", status::bad_request},
      {"too_large", status::payload_too_large},
      {"invalid_request", status::bad_request},
      {"unknown_op", status::not_found},
      {"unsupported_version", status::bad_request},
      {"missing_field", status::bad_request},
      {"invalid_field", status::bad_request},
      {"invalid_rules", status::unprocessable_entity},
      {"not_found", status::not_found},
      {"conflict", status::conflict},
      {"forbidden", status::forbidden},
      {"limit_reached", status::unprocessable_entity},
      {"insufficient_points", status::unprocessable_entity},
      {"internal", status::internal_server_error},
      // server codes
      {"route_not_found", status::not_found},
      {"method_not_allowed", status::method_not_allowed},
      {"unsupported_media_type", status::unsupported_media_type},
      {"headers_too_large", status::request_header_fields_too_large},
      {"unauthorized", status::unauthorized},
      {"token_expired", status::unauthorized},
      {"bad_credentials", status::unauthorized},
      {"csrf_failed", status::forbidden},
      {"role_forbidden", status::forbidden},
      {"out_of_scope", status::forbidden},
      {"rate_limited", status::too_many_requests},
      {"op_not_public", status::forbidden},  // a staff-only op on the public POST /api/core
      {"idempotency_mismatch", status::unprocessable_entity},
      {"result_mismatch", status::conflict},
      {"wechat_invalid_code", status::bad_request},
      {"wechat_rate_limited", status::too_many_requests},
      {"wechat_high_risk", status::forbidden},
      {"wechat_busy", status::service_unavailable},
      {"wechat_unavailable", status::bad_gateway},
      {"wechat_misconfigured", status::bad_gateway},
      {"unavailable", status::service_unavailable},
      {"store_failed", status::internal_server_error},
      {"storage_full", status::service_unavailable},         // disk full: the write was rolled back whole
      {"storage_unavailable", status::service_unavailable},  // I/O error from the database files
  };
  return table;
}

status status_for(std::string_view code) {
  for (const ErrorSpec& spec : error_table()) {
    if (spec.code == code) return spec.status;
  }
  return status::internal_server_error;
}

std::string error_body(std::string_view code, std::string_view message, std::string_view field) {
  boost::json::object e;
  e["code"] = code;
  e["message"] = message;
  e["field"] = field;
  return boost::json::serialize(boost::json::object{{"error", std::move(e)}});
}

ApiError from_core(const Error& e) {
  return ApiError(std::string(error_code_name(e.code)), Text(e.message("zh-CN"), e.message("en")), e.path);
}

}  // namespace clinic::server
