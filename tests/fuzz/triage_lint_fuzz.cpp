// libFuzzer target: the triage protocol reader followed by the exhaustive lint walk on
// every accepted document (see triage_protocol_fuzz.cpp). Corpus: triage_protocol's.
#define CLINIC_FUZZ_LINT 1
#include "triage_protocol_fuzz.cpp"
