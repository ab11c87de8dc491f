// The registry: every op the core answers, in one place. An engine adds its rows
// here and declares its handlers in its own header.
#include "clinic/command.h"
#include "ops/core_ops.h"

namespace clinic {

const std::vector<OpInfo>& op_table() {
  static const std::vector<OpInfo> kOps = {
      {"core.version", 1, 1, &ops::core_version, "build id, op list and rule-schema versions"},
      {"calendar.local", 1, 1, &ops::calendar_local, "instant + UTC offset -> clinic-local date, day number, weekday"},
      {"money.allocate", 1, 1, &ops::money_allocate, "split fen over weights exactly (largest remainder)"},
  };
  return kOps;
}

}  // namespace clinic
