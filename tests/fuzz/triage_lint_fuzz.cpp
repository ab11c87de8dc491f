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
#include <cstdlib>

#include "clinic/triage/lint.h"
#include "fuzzed_protocol.h"

namespace {
constexpr size_t kMaxLintQuestions = 5;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto protocol = clinic::fuzz::read_fuzzed_protocol(data, size);
  if (!protocol) return 0;
  const auto& catalogue = clinic::fuzz::builtin_catalogue();
  if (protocol->questions.size() > kMaxLintQuestions) return 0;
  clinic::triage::LintReport a = clinic::triage::lint_protocol(*protocol, catalogue.common);
  clinic::triage::LintReport b = clinic::triage::lint_protocol(*protocol, catalogue.common);
  if (a.issues.size() != b.issues.size() || a.paths_walked != b.paths_walked || a.longest_path != b.longest_path) {
    std::abort();
  }
  return 0;
}
