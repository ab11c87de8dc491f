// Ops that describe the core itself and expose its shared primitives.
#pragma once

#include "clinic/command.h"

namespace clinic::ops {

// core.version: build id, op list and the rule-schema versions this core reads.
Result<boost::json::value> core_version(const OpRequest& req);
// calendar.local: an instant + UTC offset -> the clinic's local date, day number, weekday.
Result<boost::json::value> calendar_local(const OpRequest& req);
// money.allocate: split fen over weights exactly (largest remainder).
Result<boost::json::value> money_allocate(const OpRequest& req);

}  // namespace clinic::ops
