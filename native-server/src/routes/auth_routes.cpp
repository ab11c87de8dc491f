// The member session: check, logout (login is POST /api/v1/auth/login, patient_routes.cpp).
#include <boost/json.hpp>

#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

Response session(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  return json_response(ctx.req, http::status::ok,
                       boost::json::object{{"member_id", who.member_id}, {"expires_at_ms", who.expires_at_ms}});
}

Response logout(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  s.auth->member_logout(who, ctx.now_ms);
  return json_response(ctx.req, http::status::ok, boost::json::object{{"logged_out", true}});
}

}  // namespace

const RouteTable& auth_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/auth/session", "the current member session", session},
      {http::verb::post, "/api/auth/logout", "revoke the member session", logout},
  };
  return table;
}

}  // namespace clinic::server
