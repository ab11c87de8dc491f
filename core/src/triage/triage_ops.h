// The triage ops (rows in core/src/op_table.cpp). Request/response shapes are in
// README.md ("Triage self-test"); every op reads the built-in protocols unless the
// request carries its own "protocol" document (a clinic-edited version).
#pragma once

#include "clinic/command.h"

namespace clinic::triage::ops {

Result<boost::json::value> catalog(const OpRequest& req);
Result<boost::json::value> match(const OpRequest& req);
Result<boost::json::value> start(const OpRequest& req);
Result<boost::json::value> answer(const OpRequest& req);
Result<boost::json::value> evaluate(const OpRequest& req);
Result<boost::json::value> lint(const OpRequest& req);

}  // namespace clinic::triage::ops
