// libFuzzer target: arbitrary bytes as a clinic-edited triage protocol document, straight
// into the core's protocol reader (triage::read_protocol, against the built-in common
// texts). A refusal must name a JSON path under "$"; an acceptance records no error.
// The lint walk on accepted documents is fuzzed by triage_lint_fuzz.cpp (small protocols).
#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "clinic/json_reader.h"
#include "clinic/triage/protocol_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const clinic::triage::Catalogue* catalogue = [] {
    auto c = clinic::triage::builtin_catalogue();
    if (!c) std::abort();  // the shipped protocols are broken: not the fuzzer's business
    return *c;
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::parse_options opts;
  opts.max_depth = 64;
  boost::json::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec, {}, opts);
  if (ec) return 0;  // the JSON parser has its own fuzzers; we want documents
  clinic::ReadContext ctx;
  auto protocol = clinic::triage::read_protocol(clinic::JsonReader(&doc, "$", ctx), catalogue->common);
  if (!protocol) {
    if (ctx.ok() || ctx.error().path.rfind("$", 0) != 0) std::abort();
    return 0;
  }
  if (!ctx.ok()) std::abort();  // accepted, yet an error was recorded
  return 0;
}
