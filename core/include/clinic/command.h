// The one command API: {"op":"points.apply","v":1,"lang":"zh-CN",...} in,
// {"ok":{...}} or {"error":{"code","message","path"}} out. The server calls it
// in-process, the wasm module exports it, clinic-core reads it on stdin: this is
// the parity seam, so it is pure and deterministic (same bytes in, same bytes out).
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"
#include "clinic/json_reader.h"

namespace clinic {

namespace points {
struct Rules;
}

// Requests larger than this are refused before parsing (rule documents fit easily).
inline constexpr size_t kMaxRequestBytes = 1 << 20;
// Deeper nesting is refused by the parser (no recursion blow-ups on hostile input).
inline constexpr size_t kMaxJsonDepth = 64;

// Runs one command. Never throws; always returns one JSON document (no newline).
// Thread-safe: no shared mutable state.
std::string call(std::string_view request);

// In-process for hosts (the server): runs op `op` (version 1) on a request body that is already
// a JSON value, with rules parsed once by the host (points::parse_rules_document) — no request
// text to serialize and parse, no rule document to validate per call, no 1 MiB limit.
// Same handlers, same answers as call() with the document in "rules".
Result<boost::json::value> call_with_rules(std::string_view op, const boost::json::value& body,
                                           const points::Rules& rules, std::string_view lang);

// In-process for hosts, any op: `body` holds the op's fields as a JSON value (no request text
// to serialize and parse). Same handlers, same answers as call(); rule-taking ops read "rules".
Result<boost::json::value> call_value(std::string_view op, const boost::json::value& body, std::string_view lang);

// Serializes an error the way call() does, in `lang` ("zh-CN" or "en").
std::string error_response(const Error& error, std::string_view lang);

// What an op handler receives. `body` is the whole request object.
struct OpRequest {
  JsonReader body;
  std::string lang;  // "zh-CN" or "en"
  int version = 1;
  // A host's rule document parsed and validated once (call_with_rules): the points ops use
  // it instead of reading "rules" from the body.
  const points::Rules* rules = nullptr;

  bool english() const { return lang == "en"; }
  // Allows only these op-specific fields besides the envelope (op, v, lang).
  bool allow_fields(std::initializer_list<std::string_view> keys) const;
};

using OpHandler = Result<boost::json::value> (*)(const OpRequest&);

struct OpInfo {
  std::string_view name;  // "engine.verb"
  int min_version;
  int max_version;
  OpHandler handler;
  std::string_view summary;  // one line, English, for the harness and core.version
};

// Every op, in one table (core/src/op_table.cpp).
const std::vector<OpInfo>& op_table();

// Reads a rule/protocol document from an op field: either an object or a string
// holding JSON (the server stores rule documents as text). Returns nullptr and
// records an error on failure; `storage` keeps a parsed string document alive.
const boost::json::value* embedded_document(const JsonReader& field, boost::json::value& storage);

}  // namespace clinic
