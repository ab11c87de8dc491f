// `clinic-core triage`: the triage self-test in a terminal over the native core —
// the same session as `node wasm/harness.mjs triage` (interactive, or --script to
// replay a JSON answers file and print the transcript and outcome).
#pragma once

namespace clinic::cli {

// argv holds the arguments after "triage". Returns the process exit code.
int run_triage_session(int argc, char** argv);

}  // namespace clinic::cli
