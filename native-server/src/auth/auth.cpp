#include "auth/auth.h"

#include <algorithm>

#include "auth/passwords.h"
#include "privacy/vault.h"

namespace clinic::server {
namespace {

std::string bearer(const RequestContext& ctx) {
  std::string h = ctx.header(http::field::authorization);
  if (h.rfind("Bearer ", 0) != 0) return {};
  return h.substr(7);
}

bool unsafe(http::verb m) {
  return m != http::verb::get && m != http::verb::head && m != http::verb::options;
}

// Device cookie: "<staff id>.<random>.<tag>", the tag a keyed hash of the first two parts
// (the vault's lookup key), so it cannot be forged or moved to another account.
std::string device_tag(const Vault& vault, const std::string& body) {
  return vault.lookup_hash("staff_device", body);
}

// The device id of a valid cookie for `staff_id`, else empty.
std::string known_device(const Vault& vault, const std::string& cookie, int64_t staff_id) {
  size_t dot = cookie.rfind('.');
  if (dot == std::string::npos || cookie.size() > 200) return {};
  std::string body = cookie.substr(0, dot);
  if (body.rfind(std::to_string(staff_id) + ".", 0) != 0) return {};
  if (!equal_secret(cookie.substr(dot + 1), device_tag(vault, body))) return {};
  return body;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

MemberLoginResult Auth::member_login(const std::string& code, const std::string& remote, int64_t now_ms) {
  if (code.empty() || code.size() > 256)
    throw ApiError("invalid_field", {"登录凭证 code 不能为空", "code must be a non-empty wx.login code"}, "$.code");
  Admission a = member_logins_.hit("a:" + remote, now_ms, 60'000, config_.member_logins_per_minute);
  if (!a.ok) throw rate_limited({"登录过于频繁，请稍后再试", "too many logins from this address"}, a.retry_after_s());
  WeChatSession wx = wechat_.code_to_session(code);
  MemberLoginResult out;
  out.token = random_token();
  out.expires_at_ms = now_ms + config_.member_session_ttl_s * 1000;
  std::string hash = token_hash(out.token);
  store_.write([&](Repos& r) {
    MemberLogin login = r.upsert_member_login(org_id_, wx.openid, wx.unionid, wx.session_key, now_ms);
    SessionRow s;
    s.kind = "member";
    s.subject_id = login.member.id;
    s.created_at_ms = now_ms;
    s.expires_at_ms = out.expires_at_ms;
    r.create_session(hash, s);
    out.member_id = login.member.id;
    out.created = login.created;
  });
  return out;
}

MemberPrincipal Auth::require_member(const RequestContext& ctx) {
  return store_.read([&](Repos& r) { return require_member(ctx, r); });
}

MemberPrincipal Auth::require_member(const RequestContext& ctx, Repos& r) {
  std::string token = bearer(ctx);
  if (token.empty()) throw ApiError("unauthorized", {"请先登录", "missing Authorization: Bearer token"});
  std::string hash = token_hash(token);
  auto s = r.session_by_token_hash(hash);
  std::optional<Member> member;
  if (s && s->kind == "member") member = r.member_by_id(s->subject_id);
  if (!member || s->revoked_at_ms || member->deleted_at_ms) {
    throw ApiError("unauthorized", {"登录已失效，请重新登录", "unknown or revoked session"});
  }
  if (ctx.now_ms >= s->expires_at_ms) {
    throw ApiError("token_expired", {"登录已过期，请重新登录", "session expired"});
  }
  return MemberPrincipal{member->id, member->org_id, s->expires_at_ms, hash};
}

void Auth::member_logout(const MemberPrincipal& who, int64_t now_ms) {
  store_.write([&](Repos& r) { r.revoke_session(who.token_hash, now_ms); });
}

StaffLoginResult Auth::staff_login(const std::string& username_in, const std::string& password,
                                   const std::string& remote, const std::string& device, int64_t now_ms) {
  std::string username = lower(username_in);
  if (username.empty() || username.size() > 64)
    throw ApiError("invalid_field", {"请输入用户名", "username is required"}, "$.username");
  if (password.empty() || password.size() > 256)
    throw ApiError("invalid_field", {"请输入密码", "password is required"}, "$.password");
  auto staff = store_.read([&](Repos& r) { return r.staff_by_username(username); });
  // A browser that signed in to this account before guesses on its own budget; anyone else
  // shares the account+address budget and the wider per-address and per-account ones.
  std::string device_id = staff ? known_device(vault_, device, staff->id) : std::string();
  int free = config_.staff_login_max_failures;
  std::vector<LoginThrottle::Key> keys;
  if (!device_id.empty()) {
    keys.push_back({"d:" + device_id, free});
  } else {
    keys.push_back({"ua:" + username + "|" + remote, free});
    keys.push_back({"a:" + remote, free * 4});
    keys.push_back({"u:" + username, free * 4});
  }
  // Reserve the attempt BEFORE the (slow) password check: parallel guesses each take a slot.
  LoginThrottle::Reservation reserved = staff_guesses_.reserve(keys, now_ms);
  if (!reserved.admission.ok) {
    throw rate_limited({"登录失败次数过多，请稍后再试", "too many failed logins; wait and retry"},
                       reserved.admission.retry_after_s());
  }
  bool ok = false;
  if (staff && !staff->disabled) {
    ok = verify_password(staff->password_hash, password);
  } else {
    burn_password_time(password);
  }
  if (!ok) {
    if (staff) {
      store_.write([&](Repos& r) {
        AuditRow row;
        row.at_ms = now_ms;
        row.staff_id = staff->id;
        row.clinic_id = staff->clinic_id;
        row.action = "staff.login_failed";
        row.target = "staff:" + std::to_string(staff->id);
        r.append_audit(row);
      });
    }
    throw ApiError("bad_credentials", {"用户名或密码错误", "wrong username or password"});
  }
  staff_guesses_.succeeded(reserved, {"d:" + device_id, "ua:" + username + "|" + remote});
  StaffLoginResult out;
  out.token = random_token();
  out.csrf_token = random_token();
  out.expires_at_ms = now_ms + config_.staff_session_ttl_s * 1000;
  out.staff = *staff;
  if (device_id.empty()) device_id = std::to_string(staff->id) + "." + random_token(16);
  out.device_cookie = std::string(kDeviceCookie) + "=" + device_id + "." + device_tag(vault_, device_id) +
                      "; Path=/api/staff/login; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(400 * 86400) +
                      (config_.cookie_secure ? "; Secure" : "");
  std::string hash = token_hash(out.token);
  store_.write([&](Repos& r) {
    SessionRow s;
    s.kind = "staff";
    s.subject_id = staff->id;
    s.csrf_token = out.csrf_token;
    s.created_at_ms = now_ms;
    s.expires_at_ms = out.expires_at_ms;
    r.create_session(hash, s);
    AuditRow row;
    row.at_ms = now_ms;
    row.staff_id = staff->id;
    row.clinic_id = staff->clinic_id;
    row.action = "staff.login";
    row.target = "staff:" + std::to_string(staff->id);
    r.append_audit(row);
  });
  return out;
}

StaffPrincipal Auth::require_staff(const RequestContext& ctx) {
  return store_.read([&](Repos& r) { return require_staff(ctx, r); });
}

StaffPrincipal Auth::require_staff(const RequestContext& ctx, Repos& r) {
  std::string token = ctx.cookie(kStaffCookie);
  if (token.empty()) throw ApiError("unauthorized", {"请先登录", "no staff session cookie"});
  std::string hash = token_hash(token);
  auto s = r.session_by_token_hash(hash);
  std::optional<Staff> staff;
  if (s && s->kind == "staff") staff = r.staff_by_id(s->subject_id);
  if (!staff || s->revoked_at_ms || staff->disabled) {
    throw ApiError("unauthorized", {"登录已失效，请重新登录", "unknown or revoked staff session"});
  }
  if (ctx.now_ms >= s->expires_at_ms)
    throw ApiError("token_expired", {"登录已过期，请重新登录", "staff session expired"});
  if (unsafe(ctx.req.method())) {
    std::string sent(ctx.req[kCsrfHeader]);
    if (sent.empty() || !equal_secret(sent, s->csrf_token)) {
      throw ApiError("csrf_failed", {"缺少或错误的 CSRF 令牌", "missing or wrong X-CSRF-Token"});
    }
  }
  return StaffPrincipal{*staff, s->csrf_token, s->expires_at_ms, hash};
}

void Auth::staff_logout(const StaffPrincipal& who, int64_t now_ms) {
  staff_write(who, who.staff.clinic_id, "staff.logout", "staff:" + std::to_string(who.staff.id), "{}", now_ms,
              [&](Repos& r) { return r.revoke_session(who.token_hash, now_ms); });
}

void Auth::require_role(const StaffPrincipal& who, std::initializer_list<std::string_view> roles) {
  for (std::string_view r : roles) {
    if (who.staff.role == r) return;
  }
  throw ApiError("role_forbidden", {"当前角色无权执行此操作", "your role may not do this"});
}

ClinicStaff Auth::require_clinic_staff(const RequestContext& ctx, int64_t clinic_id,
                                       std::initializer_list<std::string_view> roles) {
  return store_.read([&](Repos& r) { return require_clinic_staff(ctx, clinic_id, r, roles); });
}

ClinicStaff Auth::require_clinic_staff(const RequestContext& ctx, int64_t clinic_id, Repos& r,
                                       std::initializer_list<std::string_view> roles) {
  StaffPrincipal who = require_staff(ctx, r);
  if (roles.size()) require_role(who, roles);
  Clinic c = require_clinic(who, clinic_id, r);
  return ClinicStaff{std::move(who), std::move(c)};
}

Clinic Auth::require_clinic(const StaffPrincipal& who, int64_t clinic_id) {
  return store_.read([&](Repos& r) { return require_clinic(who, clinic_id, r); });
}

Clinic Auth::require_clinic(const StaffPrincipal& who, int64_t clinic_id, Repos& r) {
  auto clinic = r.clinic_by_id(clinic_id);
  bool visible = clinic && clinic->org_id == who.staff.org_id &&
                 (who.staff.role == "admin" || (who.staff.clinic_id && *who.staff.clinic_id == clinic_id));
  if (!visible) throw ApiError("out_of_scope", {"无权访问该诊所", "clinic outside your scope"}, "clinic_id");
  return *clinic;
}

std::string Auth::session_cookie(const std::string& token) const {
  return std::string(kStaffCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(config_.staff_session_ttl_s) +
         (config_.cookie_secure ? "; Secure" : "");
}

std::string Auth::expired_cookie() const {
  return std::string(kStaffCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (config_.cookie_secure ? "; Secure" : "");
}

}  // namespace clinic::server
