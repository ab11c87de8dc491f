#include "clinic/error.h"

namespace clinic {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_json:
      return "bad_json";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::invalid_request:
      return "invalid_request";
    case ErrorCode::unknown_op:
      return "unknown_op";
    case ErrorCode::unsupported_version:
      return "unsupported_version";
    case ErrorCode::missing_field:
      return "missing_field";
    case ErrorCode::invalid_field:
      return "invalid_field";
    case ErrorCode::invalid_rules:
      return "invalid_rules";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::limit_reached:
      return "limit_reached";
    case ErrorCode::insufficient_points:
      return "insufficient_points";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace clinic
