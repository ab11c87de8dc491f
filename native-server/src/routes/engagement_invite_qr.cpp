// Invite QR codes (邀请小程序码): GET /api/v1/invite/qr answers the member's mini-program
// code from wxa/getwxacodeunlimit (scene = the invite code, page = pages/home/home), made
// once and kept in the database, so repeated views never spend WeChat's per-minute quota.
// The desk poster of a clinic is the same kind of code with the scene "clinic=<id>".
#include <boost/json.hpp>

#include "app.h"
#include "domain/invite_code.h"
#include "routes/api_common.h"

namespace clinic::server {
namespace {

constexpr const char* kHomePage = "pages/home/home";

Response png_response(const Request& req, std::string png) {
  Response res = text_response(req, http::status::ok, std::move(png), "image/png");
  res.set(http::field::cache_control, "private, max-age=86400");
  return res;
}

}  // namespace

void App::add_invite_qr_routes() {
  router_.add(http::verb::get, "/api/v1/invite/qr",
              "my invite mini-program code (PNG; scene = invite code, page = home), made once and cached",
              [this](RequestContext& ctx) {
                MemberPrincipal who = auth_->require_member(ctx);
                if (auto png = store_->read([&](Repos& r) { return r.engagement().invite_qr(who.member_id); }))
                  return png_response(ctx.req, std::move(*png));
                std::string code =
                    store_->write([&](Repos& r) { return ensure_invite_code(r, who.member_id, ctx.now_ms); });
                std::string png = wechat_->wxacode_unlimit(code, kHomePage, ctx.now_ms);
                // INSERT OR IGNORE, then read back: two first views keep one code.
                std::string kept = store_->write([&](Repos& r) {
                  r.engagement().save_invite_qr(who.member_id, code, png, ctx.now_ms);
                  return *r.engagement().invite_qr(who.member_id);
                });
                return png_response(ctx.req, std::move(kept));
              });

  router_.add(http::verb::get, "/api/v1/desk/clinics/:clinic_id/poster.png",
              "the clinic's desk poster: a mini-program code opening home with scene clinic=<id> (PNG, cached)",
              [this](RequestContext& ctx) {
                const ClinicStaff scope = clinic_staff(*auth_, ctx);
                int64_t clinic = scope.clinic.id;
                if (auto png = store_->read([&](Repos& r) { return r.engagement().clinic_poster(clinic); }))
                  return png_response(ctx.req, std::move(*png));
                std::string scene = "clinic=" + std::to_string(clinic);
                std::string png = wechat_->wxacode_unlimit(scene, kHomePage, ctx.now_ms);
                std::string kept = store_->write([&](Repos& r) {
                  r.engagement().save_clinic_poster(clinic, scene, png, ctx.now_ms);
                  return *r.engagement().clinic_poster(clinic);
                });
                return png_response(ctx.req, std::move(kept));
              });
}

}  // namespace clinic::server
