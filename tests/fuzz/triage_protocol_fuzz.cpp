// libFuzzer target: arbitrary bytes as a clinic-edited triage protocol document, straight
// into the core's protocol reader (triage::read_protocol, against the built-in common
// texts). A refusal must name a JSON path under "$"; an acceptance records no error.
// The lint walk on accepted documents is fuzzed by triage_lint_fuzz.cpp (small protocols).
#include "fuzzed_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  clinic::fuzz::read_fuzzed_protocol(data, size);  // the reader's contract is checked inside
  return 0;
}
