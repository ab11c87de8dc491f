// The one list of route tables, in registration order (`clinic-server routes` prints them so).
#include "routes/route_table.h"

namespace clinic::server {

std::vector<const RouteTable*> route_tables() {
  return {&ops_routes()};
}

}  // namespace clinic::server
