// libFuzzer target: the triage protocol reader followed by the exhaustive lint walk (what
// triage.lint runs on an attached protocol). A refusal must name a JSON path under "$"; an
// accepted document with at most kMaxLintQuestions questions is linted twice and must
// finish and agree with itself.
// Why the bound: the walk is exponential in the questions (a full shipped protocol costs
// ~20 ms, so runs stayed far below a million); small protocols exercise every part of the
// walk (ask_if, red flags, rules, every question kind, every representative patient) at
// thousands of runs a second. Its corpus (tests/fuzz/corpus/triage_lint) holds the small
// shipped protocols and cut-down ones; full documents still exercise the reader here, and
// triage_protocol fuzzes the reader alone on the full shipped corpus.
#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "clinic/json_reader.h"
#include "clinic/triage/lint.h"
#include "clinic/triage/protocol_reader.h"

namespace {
constexpr size_t kMaxLintQuestions = 5;
}

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
  if (protocol->questions.size() > kMaxLintQuestions) return 0;
  clinic::triage::LintReport a = clinic::triage::lint_protocol(*protocol, catalogue->common);
  clinic::triage::LintReport b = clinic::triage::lint_protocol(*protocol, catalogue->common);
  if (a.issues.size() != b.issues.size() || a.paths_walked != b.paths_walked || a.longest_path != b.longest_path) {
    std::abort();
  }
  return 0;
}
