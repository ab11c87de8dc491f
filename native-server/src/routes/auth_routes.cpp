// The member session: check, logout (login is POST /api/v1/auth/login, patient_routes.cpp).
#include <boost/json.hpp>

#include "app.h"
#include "routes/fields.h"

namespace clinic::server {

void App::add_auth_routes() {
  router_.add(http::verb::get, "/api/auth/session", "the current member session", [this](RequestContext& ctx) {
    MemberPrincipal who = auth_->require_member(ctx);
    return json_response(ctx.req, http::status::ok,
                         boost::json::object{{"member_id", who.member_id}, {"expires_at_ms", who.expires_at_ms}});
  });

  router_.add(http::verb::post, "/api/auth/logout", "revoke the member session", [this](RequestContext& ctx) {
    MemberPrincipal who = auth_->require_member(ctx);
    auth_->member_logout(who, ctx.now_ms);
    return json_response(ctx.req, http::status::ok, boost::json::object{{"logged_out", true}});
  });
}

}  // namespace clinic::server
