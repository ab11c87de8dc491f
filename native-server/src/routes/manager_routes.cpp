// Manager API (/api/v1/manager/clinics/:clinic_id/…, manager or admin): rule versions,
// rules simulate over stored events, daily report, staff, audit log.
#include <boost/json.hpp>

#include "app.h"

namespace clinic::server {

void App::add_manager_routes() {}

}  // namespace clinic::server
