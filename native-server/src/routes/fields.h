// Reading request fields with errors that name the field ("$.username").
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "errors.h"

namespace clinic::server {

inline std::optional<std::string> opt_string(const boost::json::object& o, const char* key, size_t max_bytes = 256) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw ApiError("invalid_field", std::string(key) + " must be a string", std::string("$.") + key);
  if (v->get_string().size() > max_bytes) {
    throw ApiError("invalid_field", std::string(key) + " is too long", std::string("$.") + key);
  }
  return std::string(v->get_string());
}

inline std::string req_string(const boost::json::object& o, const char* key, size_t max_bytes = 256) {
  auto s = opt_string(o, key, max_bytes);
  if (!s || s->empty()) throw ApiError("missing_field", std::string(key) + " is required", std::string("$.") + key);
  return *s;
}

inline std::optional<int64_t> opt_int(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_int64()) throw ApiError("invalid_field", std::string(key) + " must be an integer", std::string("$.") + key);
  return v->get_int64();
}

inline void allow_keys(const boost::json::object& o, std::initializer_list<const char*> keys) {
  for (const auto& kv : o) {
    bool known = false;
    for (const char* k : keys) known = known || kv.key() == k;
    if (!known) throw ApiError("invalid_field", "unknown field", "$." + std::string(kv.key()));
  }
}

}  // namespace clinic::server
