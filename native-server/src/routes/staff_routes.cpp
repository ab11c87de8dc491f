// Staff session, password change, visible clinics, staff account creation (roles + scope).
#include <boost/json.hpp>

#include "auth/passwords.h"
#include "routes/route_table.h"
#include "validation/fields.h"
#include "validation/validate.h"

namespace clinic::server {
namespace {

boost::json::object staff_json(const Staff& s) {
  boost::json::object o{
      {"id", s.id}, {"username", s.username}, {"display_name", s.display_name}, {"role", s.role}, {"org_id", s.org_id}};
  o["clinic_id"] = s.clinic_id ? boost::json::value(*s.clinic_id) : boost::json::value(nullptr);
  return o;
}

// `field` is where the password came from: $.new_password (change) or $.password (new account).
void check_new_password(const std::string& p, const char* field) {
  if (p.size() < 10)
    throw ApiError("invalid_field", {"密码至少 10 个字符", "password must have at least 10 characters"}, field);
}

Response login(Services& s, RequestContext& ctx) {
  boost::json::object body = ctx.json_body();
  allow_keys(body, {"username", "password"});
  std::string username = req_string(body, "username");
  if (auto bad = display_text_problem(username)) throw ApiError("invalid_field", *bad, "$.username");
  StaffLoginResult r =
      s.auth->staff_login(username, req_string(body, "password"), ctx.remote, ctx.cookie(kDeviceCookie), ctx.now_ms);
  Response res = json_response(
      ctx.req, http::status::ok,
      boost::json::object{
          {"staff", staff_json(r.staff)}, {"csrf_token", r.csrf_token}, {"expires_at_ms", r.expires_at_ms}});
  res.set(http::field::set_cookie, s.auth->session_cookie(r.token));
  res.insert(http::field::set_cookie, r.device_cookie);
  return res;
}

Response logout(Services& s, RequestContext& ctx) {
  StaffPrincipal who = s.auth->require_staff(ctx);
  s.auth->staff_logout(who, ctx.now_ms);
  Response res = json_response(ctx.req, http::status::ok, boost::json::object{{"logged_out", true}});
  res.set(http::field::set_cookie, s.auth->expired_cookie());
  return res;
}

Response me(Services& s, RequestContext& ctx) {
  StaffPrincipal who = s.auth->require_staff(ctx);
  return json_response(
      ctx.req, http::status::ok,
      boost::json::object{
          {"staff", staff_json(who.staff)}, {"csrf_token", who.csrf_token}, {"expires_at_ms", who.expires_at_ms}});
}

Response change_password(Services& s, RequestContext& ctx) {
  StaffPrincipal who = s.auth->require_staff(ctx);
  boost::json::object body = ctx.json_body();
  allow_keys(body, {"old_password", "new_password"});
  std::string old_pw = req_string(body, "old_password"), new_pw = req_string(body, "new_password");
  check_new_password(new_pw, "$.new_password");
  if (!verify_password(who.staff.password_hash, old_pw)) {
    throw ApiError("bad_credentials", {"旧密码错误", "old password is wrong"}, "$.old_password");
  }
  std::string hash = hash_password(new_pw);
  s.auth->staff_write(who, who.staff.clinic_id, "staff.password", "staff:" + std::to_string(who.staff.id), "{}",
                      ctx.now_ms, [&](Repos& r) {
                        r.set_staff_password(who.staff.id, hash);
                        r.revoke_sessions_of("staff", who.staff.id, ctx.now_ms);
                        return 0;
                      });
  return json_response(ctx.req, http::status::ok, boost::json::object{{"changed", true}});
}

Response clinics(Services& s, RequestContext& ctx) {
  StaffPrincipal who = s.auth->require_staff(ctx);
  auto clinics = s.store->read([&](Repos& r) { return r.clinics_in_org(who.staff.org_id); });
  boost::json::array out;
  for (const Clinic& c : clinics) {
    if (who.staff.role != "admin" && (!who.staff.clinic_id || *who.staff.clinic_id != c.id)) continue;
    out.push_back(boost::json::object{{"id", c.id}, {"name", c.name}, {"utc_offset_min", c.utc_offset_min}});
  }
  return json_response(ctx.req, http::status::ok, boost::json::object{{"clinics", std::move(out)}});
}

// The account a create-staff body describes, checked against what `who` may create.
Staff new_staff(Auth& auth, const StaffPrincipal& who, const boost::json::object& body) {
  Staff s;
  s.org_id = who.staff.org_id;
  s.username = req_string(body, "username", 64);
  for (char& c : s.username) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  check_display_text(s.username, "$.username");
  s.display_name = opt_string(body, "display_name", 128).value_or(s.username);
  check_display_text(s.display_name, "$.display_name");
  s.role = req_string(body, "role", 16);
  if (s.role != "desk" && s.role != "manager" && s.role != "admin") {
    throw ApiError("invalid_field", {"角色须为 desk、manager 或 admin", "role must be desk, manager or admin"},
                   "$.role");
  }
  s.clinic_id = opt_int(body, "clinic_id");
  if (s.role == "admin") {
    Auth::require_role(who, {"admin"});
    s.clinic_id.reset();
    return s;
  }
  if (!s.clinic_id)
    throw ApiError("missing_field",
                   {"前台和经理账号须指定诊所 clinic_id", "clinic_id is required for desk and manager accounts"},
                   "$.clinic_id");
  auth.require_clinic(who, *s.clinic_id);
  if (who.staff.role == "manager" && s.role != "desk") {
    throw ApiError("role_forbidden", {"经理只能创建前台账号", "managers may create desk accounts only"}, "$.role");
  }
  return s;
}

Response create_staff(Services& s, RequestContext& ctx) {
  StaffPrincipal who = s.auth->require_staff(ctx);
  Auth::require_role(who, {"manager", "admin"});
  boost::json::object body = ctx.json_body();
  allow_keys(body, {"username", "display_name", "role", "clinic_id", "password"});
  Staff staff = new_staff(*s.auth, who, body);
  std::optional<std::string> given = opt_string(body, "password", 256);
  std::string password = given.value_or(random_token(12));
  if (given) check_new_password(password, "$.password");
  staff.password_hash = hash_password(password);
  staff.id = s.auth->staff_write(who, staff.clinic_id, "staff.create", "staff:" + staff.username,
                                 boost::json::serialize(boost::json::object{{"role", staff.role}}), ctx.now_ms,
                                 [&](Repos& r) { return r.create_staff(staff, ctx.now_ms); });
  boost::json::object out{{"staff", staff_json(staff)}};
  if (!given) out["password"] = password;  // shown once
  return json_response(ctx.req, http::status::created, out);
}

}  // namespace

const RouteTable& staff_routes() {
  static const RouteTable table = {
      {http::verb::post, "/api/staff/login", "staff password login → session cookie + CSRF token", login},
      {http::verb::post, "/api/staff/logout", "end the staff session", logout},
      {http::verb::get, "/api/staff/me", "the signed-in staff member and CSRF token", me},
      {http::verb::post, "/api/staff/password", "change own password (ends every session of this account)",
       change_password},
      {http::verb::get, "/api/staff/clinics", "clinics in the staff member's scope", clinics},
      {http::verb::post, "/api/admin/staff", "create a staff account (manager: desk in own clinic; admin: any)",
       create_staff},
  };
  return table;
}

}  // namespace clinic::server
