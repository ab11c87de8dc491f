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

struct RouteInfo {
  http::verb method;
  std::string pattern;
  std::string summary;
};

class Router {
 public:
  void add(http::verb method, std::string pattern, std::string summary, Handler handler);

  struct Match {
    const Handler* handler = nullptr;   // null: no route
    const std::string* pattern = nullptr;
    bool method_mismatch = false;       // path exists under another method → 405
    std::string allow;                  // methods for the Allow header
    std::map<std::string, std::string> params;
  };
  Match match(http::verb method, std::string_view path) const;
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace clinic::server
