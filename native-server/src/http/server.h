// Runs the HTTP server until SIGINT/SIGTERM, then drains: stop accepting, close idle
// connections, let in-flight requests finish (their commits included) within the grace
// period, stop the store writer (commits what is queued, checkpoints), return 0.
#pragma once

#include "app.h"

namespace clinic::server {

int run_server(App& app);

}  // namespace clinic::server
