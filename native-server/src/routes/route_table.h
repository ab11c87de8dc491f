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
using EnabledFn = bool (*)(const Config&);

struct RouteDef {
  http::verb method;
  const char* pattern;
  const char* summary;
  RouteFn handler;
  Exec exec = Exec::worker;     // Exec::io only for handlers that touch no Store, network or file
  IoGateFn gate = nullptr;      // optional per-request check for an Exec::io route
  EnabledFn enabled = nullptr;  // when set, registered only if it answers true (test hooks)
};
using RouteTable = std::vector<RouteDef>;

// One function per route file (routes/<file>.cpp), in registration order.
const RouteTable& ops_routes();
const RouteTable& auth_routes();
const RouteTable& staff_routes();
const RouteTable& patient_appointment_routes();
const RouteTable& family_patient_routes();
const RouteTable& family_routes();
const RouteTable& desk_member_routes();
const RouteTable& manager_routes();
const RouteTable& engagement_routes();
const RouteTable& invite_qr_routes();
const RouteTable& patient_routes();
const RouteTable& patient_triage_routes();
const RouteTable& desk_routes();
const RouteTable& review_routes();

// Every table above, in the order App registers them.
std::vector<const RouteTable*> route_tables();

}  // namespace clinic::server
