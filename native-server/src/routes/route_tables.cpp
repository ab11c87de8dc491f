// The one list of route tables, in registration order (`clinic-server routes` prints them so).
#include "routes/route_table.h"

namespace clinic::server {

std::vector<const RouteTable*> route_tables() {
  return {&ops_routes(),
          &auth_routes(),
          &staff_routes(),
          &patient_appointment_routes(),
          &family_patient_routes(),
          &family_routes(),
          &desk_member_routes(),
          &manager_routes(),
          &engagement_routes(),
          &invite_qr_routes(),
          &patient_routes(),
          &patient_triage_routes(),
          &desk_routes(),
          &review_routes()};
}

}  // namespace clinic::server
