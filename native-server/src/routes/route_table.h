// Routes as data: each routes/*.cpp file is a list of small handler functions and one table
// naming them (method, pattern, summary, handler, where it runs), as core/src/op_table.cpp
// lists the core's ops. App registers every table listed in route_tables() in that order.
#pragma once

#include <vector>

#include "http/message.h"
#include "router.h"
#include "routes/services.h"

namespace clinic::server {

using RouteFn = Response (*)(Services&, RequestContext&);
using IoGateFn = bool (*)(const Request&);

struct RouteDef {
  http::verb method;
  const char* pattern;
  const char* summary;
  RouteFn handler;
  Exec exec = Exec::worker;  // Exec::io only for handlers that touch no Store, network or file
  IoGateFn gate = nullptr;   // optional per-request check for an Exec::io route
};
using RouteTable = std::vector<RouteDef>;

// One function per route file (routes/<file>.cpp), in registration order.
const RouteTable& ops_routes();

// Every table above, in the order App registers them.
std::vector<const RouteTable*> route_tables();

}  // namespace clinic::server
