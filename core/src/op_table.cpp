// The registry: every op the core answers, in one place. An engine adds its rows
// here and declares its handlers in its own header.
#include "clinic/command.h"
#include "ops/core_ops.h"
#include "triage/triage_ops.h"

namespace clinic {

const std::vector<OpInfo>& op_table() {
  static const std::vector<OpInfo> kOps = {
      {"core.version", 1, 1, &ops::core_version, "build id, op list and rule-schema versions"},
      {"calendar.local", 1, 1, &ops::calendar_local, "instant + UTC offset -> clinic-local date, day number, weekday"},
      {"money.allocate", 1, 1, &ops::money_allocate, "split fen over weights exactly (largest remainder)"},
      {"triage.catalog", 1, 1, &triage::ops::catalog, "triage complaints (names, synonyms, age bands), departments, levels"},
      {"triage.match", 1, 1, &triage::ops::match, "free text (zh/en) -> ranked triage complaints"},
      {"triage.start", 1, 1, &triage::ops::start, "complaint + patient -> first question and the session state"},
      {"triage.answer", 1, 1, &triage::ops::answer, "session state + answer -> next question or the outcome"},
      {"triage.evaluate", 1, 1, &triage::ops::evaluate, "all answers at once -> outcome + path (server verification)"},
      {"triage.lint", 1, 1, &triage::ops::lint, "static checks and exhaustive walk of the triage protocols"},
  };
  return kOps;
}

}  // namespace clinic
