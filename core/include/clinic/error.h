// One error model for the whole core: a code, a message in zh-CN and en, and the
// JSON path of the offending field. Errors are values; nothing throws across the API.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace clinic {

// Stable, machine-readable codes. The server maps each to an HTTP status in one
// table (native-server); add new codes here and there, never elsewhere.
enum class ErrorCode {
  bad_json,             // request is not well-formed JSON / UTF-8, or nests too deep
  too_large,            // request exceeds the size limit
  invalid_request,      // envelope problem: missing "op" / "v", not an object
  unknown_op,           // no such operation
  unsupported_version,  // op exists but not in this version
  missing_field,        // a required field is absent
  invalid_field,        // a field has the wrong type, range or format
  invalid_rules,        // a rule document failed validation
  not_found,            // a referenced thing (question, coupon, member) does not exist
  conflict,             // state does not allow it (already bound, already refunded, ...)
  forbidden,            // compliance guard refuses it (self-referral, rx item, staff rebate)
  limit_reached,        // a cap or budget would be exceeded
  insufficient_points,  // balance does not cover a redemption
  internal,             // a bug: should never be seen
};

// The snake_case name used on the wire, e.g. "invalid_field".
std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message_zh;  // shown by default (zh-CN first)
  std::string message_en;
  std::string path;  // JSONPath-like, e.g. "$.items[2].amount_fen"; empty when not about a field

  const std::string& message(std::string_view lang) const { return lang == "en" ? message_en : message_zh; }
};

inline Error make_error(ErrorCode code, std::string zh, std::string en, std::string path = {}) {
  return Error{code, std::move(zh), std::move(en), std::move(path)};
}

// A value or an Error. Accessors never throw (the wasm build has no exceptions):
// check ok() first.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return *std::get_if<T>(&v_); }
  const T& value() const { return *std::get_if<T>(&v_); }
  T* operator->() { return std::get_if<T>(&v_); }
  const T* operator->() const { return std::get_if<T>(&v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return *std::get_if<Error>(&v_); }
  Error take_error() { return std::move(*std::get_if<Error>(&v_)); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace clinic
