// The step both triage fuzz targets share: bytes → JSON → triage::read_protocol against the
// built-in common texts, with the reader's contract checked on the way (a refusal names a
// JSON path under "$"; an acceptance records no error). Aborts on a broken contract.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "clinic/json_reader.h"
#include "clinic/triage/protocol_reader.h"

namespace clinic::fuzz {

inline const triage::Catalogue& builtin_catalogue() {
  static const triage::Catalogue* catalogue = [] {
    auto c = triage::builtin_catalogue();
    if (!c) std::abort();  // the shipped protocols are broken: not the fuzzer's business
    return *c;
  }();
  return *catalogue;
}

// The protocol the bytes describe, or nullopt when they are not JSON or the reader refused them.
inline std::optional<triage::Protocol> read_fuzzed_protocol(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::parse_options opts;
  opts.max_depth = 64;
  boost::json::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec, {}, opts);
  if (ec) return {};  // the JSON parser has its own fuzzers; we want documents
  ReadContext ctx;
  auto protocol = triage::read_protocol(JsonReader(&doc, "$", ctx), builtin_catalogue().common);
  if (!protocol) {
    if (ctx.ok() || ctx.error().path.rfind("$", 0) != 0) std::abort();
    return protocol;
  }
  if (!ctx.ok()) std::abort();  // accepted, yet an error was recorded
  return protocol;
}

}  // namespace clinic::fuzz
