// Invite QR codes (邀请小程序码): GET /api/v1/invite/qr answers the member's mini-program
// code from wxa/getwxacodeunlimit (scene = the invite code, page = pages/home/home), made
// once and kept in the database, so repeated views never spend WeChat's per-minute quota.
// The desk poster of a clinic is the same kind of code with the scene "clinic=<id>".
#include <boost/json.hpp>

#include "domain/invite_code.h"
#include "routes/api_common.h"
#include "routes/route_table.h"

namespace clinic::server {
namespace {

constexpr const char* kHomePage = "pages/home/home";

Response png_response(const Request& req, std::string png) {
  Response res = text_response(req, http::status::ok, std::move(png), "image/png");
  res.set(http::field::cache_control, "private, max-age=86400");
  return res;
}

Response invite_qr(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  if (auto png = s.store->read([&](Repos& r) { return r.engagement().invite_qr(who.member_id); }))
    return png_response(ctx.req, std::move(*png));
  std::string code = s.store->write([&](Repos& r) { return ensure_invite_code(r, who.member_id, ctx.now_ms); });
  std::string png = s.wechat->wxacode_unlimit(code, kHomePage, ctx.now_ms);
  // INSERT OR IGNORE, then read back: two first views keep one code.
  std::string kept = s.store->write([&](Repos& r) {
    r.engagement().save_invite_qr(who.member_id, code, png, ctx.now_ms);
    return *r.engagement().invite_qr(who.member_id);
  });
  return png_response(ctx.req, std::move(kept));
}

Response clinic_poster(Services& s, RequestContext& ctx) {
  const ClinicStaff scope = clinic_staff(*s.auth, ctx);
  int64_t clinic = scope.clinic.id;
  if (auto png = s.store->read([&](Repos& r) { return r.engagement().clinic_poster(clinic); }))
    return png_response(ctx.req, std::move(*png));
  std::string scene = "clinic=" + std::to_string(clinic);
  std::string png = s.wechat->wxacode_unlimit(scene, kHomePage, ctx.now_ms);
  std::string kept = s.store->write([&](Repos& r) {
    r.engagement().save_clinic_poster(clinic, scene, png, ctx.now_ms);
    return *r.engagement().clinic_poster(clinic);
  });
  return png_response(ctx.req, std::move(kept));
}

}  // namespace

const RouteTable& invite_qr_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/invite/qr",
       "my invite mini-program code (PNG; scene = invite code, page = home), made once and cached", invite_qr},
      {http::verb::get, "/api/v1/desk/clinics/:clinic_id/poster.png",
       "the clinic's desk poster: a mini-program code opening home with scene clinic=<id> (PNG, cached)",
       clinic_poster},
  };
  return table;
}

}  // namespace clinic::server
