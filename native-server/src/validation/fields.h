// Reading request fields. The internals are the core's clinic::JsonReader (zh-CN/en
// messages, JSON paths); check_read() is the one bridge from its recorded error to an
// ApiError in the request's language (set per request by App::handle).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "clinic/json_reader.h"
#include "errors.h"

namespace clinic::server {

// The language of the request being handled on this thread ("zh-CN" or "en").
inline thread_local std::string t_request_lang = "zh-CN";

// Throws the first error recorded in `rc` as an ApiError (code, message, JSON path).
inline void check_read(const ReadContext& rc) {
  if (!rc.ok()) throw from_core(rc.error());
}

// A parsed request body read with JsonReader: `root()` reads, `done()` throws the first error.
struct BodyReader {
  boost::json::value doc;
  ReadContext rc;
  explicit BodyReader(boost::json::object o) : doc(std::move(o)) {}
  JsonReader root() { return JsonReader(&doc, "$", rc); }
  void done() const { check_read(rc); }
};

inline std::optional<std::string> opt_string(const boost::json::object& o, const char* key, size_t max_bytes = 256) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  ReadContext rc;
  std::string s = JsonReader(v, std::string("$.") + key, rc).as_string(max_bytes);
  check_read(rc);
  return s;
}

inline std::string req_string(const boost::json::object& o, const char* key, size_t max_bytes = 256) {
  ReadContext rc;
  std::string s = JsonReader(o.if_contains(key), std::string("$.") + key, rc).as_string(max_bytes);
  if (rc.ok() && s.empty())
    rc.fail(make_error(ErrorCode::missing_field, "不能为空", "must not be empty", std::string("$.") + key));
  check_read(rc);
  return s;
}

inline std::optional<int64_t> opt_int(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  ReadContext rc;
  int64_t n = JsonReader(v, std::string("$.") + key, rc).as_int(INT64_MIN, INT64_MAX);
  check_read(rc);
  return n;
}

inline void allow_keys(const boost::json::object& o, std::initializer_list<std::string_view> keys) {
  boost::json::value doc(o);
  ReadContext rc;
  JsonReader(&doc, "$", rc).expect_object(keys);
  check_read(rc);
}

}  // namespace clinic::server
