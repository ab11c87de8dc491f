// Patient login through WeChat, session check, logout.
#include <boost/json.hpp>

#include "app.h"
#include "routes/fields.h"

namespace clinic::server {

void App::add_auth_routes() {
  router_.add(http::verb::post, "/api/auth/wechat/login", "wx.login code → member session token",
              [this](RequestContext& ctx) {
                boost::json::object body = ctx.json_body();
                allow_keys(body, {"code"});
                std::string code = req_string(body, "code");
                MemberLoginResult r = auth_->member_login(code, ctx.remote, ctx.now_ms);
                return json_response(
                    ctx.req, http::status::ok,
                    boost::json::object{{"token", r.token},
                                        {"expires_at_ms", r.expires_at_ms},
                                        {"member", boost::json::object{{"id", r.member_id}, {"created", r.created}}}});
              });

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
