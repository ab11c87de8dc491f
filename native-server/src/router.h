// Method + path pattern → handler. Patterns are literal segments and ":name" captures
// ("/api/staff/clinics/:clinic_id"). A path that matches a pattern under another method
// is 405, not 404. Pure: no I/O, testable on its own.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace clinic::server {

using Handler = std::function<Response(RequestContext&)>;

// Where a route's handler runs. Handlers block (on a commit, a read connection, WeChat), so
// by default they run on the worker pool; a handler that touches no Store, network or file
// and does bounded work may run on the I/O thread that read the request (`io`), which saves
// two cross-thread hand-offs per request (the main cost of a cheap route under load).
enum class Exec { worker, io };
// Optional per-request check for an Exec::io route (e.g. only some command API ops are cheap).
using IoGate = std::function<bool(const Request&)>;

struct RouteInfo {
  http::verb method;
  std::string pattern;
  std::string summary;
};

class Router {
 public:
  void add(http::verb method, std::string pattern, std::string summary, Handler handler, Exec exec = Exec::worker,
           IoGate gate = {});

  struct Match {
    const Handler* handler = nullptr;  // null: no route
    const std::string* pattern = nullptr;
    bool method_mismatch = false;  // path exists under another method → 405
    Exec exec = Exec::worker;      // of the matched route
    const IoGate* gate = nullptr;  // of the matched route (may be empty)
    std::string allow;             // methods for the Allow header
    std::map<std::string, std::string> params;
  };
  Match match(http::verb method, std::string_view path) const;
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
    Exec exec = Exec::worker;
    IoGate gate;
  };
  std::vector<Route> routes_;
};

}  // namespace clinic::server
