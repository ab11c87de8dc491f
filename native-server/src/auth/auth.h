// Authentication and authorization for both audiences.
// Patients: wx.login code → jscode2session → member by openid → our own random session
// token (returned once, stored only as its BLAKE2b hash, with expiry; logout revokes).
// Staff: username + password (argon2id) → random session token in an HttpOnly
// SameSite=Strict cookie plus a CSRF token that every unsafe request must echo in
// X-CSRF-Token; roles desk < manager < admin; clinic scoping inside one organization;
// password guesses throttled with growing delays (LoginThrottle, README "Staff login
// throttling"): an attempt is reserved before argon2 runs, and a browser that signed in to the
// account before (signed device cookie) keeps its own budget, so an attacker elsewhere or on
// the same address cannot lock the owner out; every staff write goes through staff_write(),
// which appends an audit row in the same transaction.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "auth/rate_limiter.h"
#include "clock.h"
#include "config.h"
#include "errors.h"
#include "http/message.h"
#include "privacy/vault.h"
#include "store/store.h"
#include "wechat/wechat_client.h"

namespace clinic::server {

inline constexpr std::string_view kStaffCookie = "clinic_staff";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
// Set on a successful staff login: marks the browser as a known device of that account.
inline constexpr std::string_view kDeviceCookie = "clinic_device";

struct MemberPrincipal {
  int64_t member_id = 0;
  int64_t org_id = 0;
  int64_t expires_at_ms = 0;
  std::string token_hash;
};

struct StaffPrincipal {
  Staff staff;
  std::string csrf_token;
  int64_t expires_at_ms = 0;
  std::string token_hash;
};

// A staff member acting on one clinic (the `:clinic_id` of desk and manager routes).
struct ClinicStaff {
  StaffPrincipal who;
  Clinic clinic;
};

struct MemberLoginResult {
  std::string token;
  int64_t expires_at_ms = 0;
  int64_t member_id = 0;
  bool created = false;
};

struct StaffLoginResult {
  std::string token;
  std::string csrf_token;
  int64_t expires_at_ms = 0;
  Staff staff;
  std::string device_cookie;  // Set-Cookie value marking this browser as a known device
};

class Auth {
 public:
  Auth(const Config& config, Store& store, WeChatClient& wechat, const Vault& vault, int64_t org_id)
      : config_(config),
        store_(store),
        wechat_(wechat),
        vault_(vault),
        org_id_(org_id),
        staff_guesses_(config.staff_login_base_delay_s * 1000, config.staff_login_window_s * 1000) {
    // Several instances on one PostgreSQL: guesses count wherever they land (README "Scaling out").
    if (store.postgres()) staff_guesses_.share_through(store.pg_pool());
  }

  MemberLoginResult member_login(const std::string& code, const std::string& remote, int64_t now_ms);
  // Bearer token from "Authorization: Bearer …"; throws unauthorized / token_expired.
  MemberPrincipal require_member(const RequestContext& ctx);
  // The same inside a read the caller has open: a write reads the session in the snapshot it
  // plans from (domain/account_write.h), one read transaction per request instead of two.
  MemberPrincipal require_member(const RequestContext& ctx, Repos& r);
  void member_logout(const MemberPrincipal& who, int64_t now_ms);

  // `device` is the request's clinic_device cookie (may be empty).
  StaffLoginResult staff_login(const std::string& username, const std::string& password, const std::string& remote,
                               const std::string& device, int64_t now_ms);
  // Cookie session; unsafe methods also need the CSRF header. Throws unauthorized / csrf_failed.
  StaffPrincipal require_staff(const RequestContext& ctx);
  StaffPrincipal require_staff(const RequestContext& ctx, Repos& r);  // inside an open read
  void staff_logout(const StaffPrincipal& who, int64_t now_ms);
  static void require_role(const StaffPrincipal& who, std::initializer_list<std::string_view> roles);
  // Desk and managers see their own clinic; admins every clinic of their organization.
  Clinic require_clinic(const StaffPrincipal& who, int64_t clinic_id);
  static Clinic require_clinic(const StaffPrincipal& who, int64_t clinic_id, Repos& r);  // inside an open read
  // The three checks of a clinic-scoped staff route: session (+ CSRF on writes), role when
  // `roles` is not empty, and `clinic_id` in the staff member's scope.
  ClinicStaff require_clinic_staff(const RequestContext& ctx, int64_t clinic_id,
                                   std::initializer_list<std::string_view> roles = {});
  ClinicStaff require_clinic_staff(const RequestContext& ctx, int64_t clinic_id, Repos& r,
                                   std::initializer_list<std::string_view> roles = {});  // inside an open read

  std::string session_cookie(const std::string& token) const;
  std::string expired_cookie() const;

  // Runs `job` as one write and appends the audit row in the same transaction.
  template <class F>
  auto staff_write(const StaffPrincipal& who, std::optional<int64_t> clinic_id, std::string action, std::string target,
                   std::string detail, int64_t now_ms, F&& job) {
    return store_.write([&](Repos& r) {
      auto result = job(r);
      AuditRow row;
      row.at_ms = now_ms;
      row.staff_id = who.staff.id;
      row.clinic_id = clinic_id;
      row.action = action;
      row.target = target;
      row.detail = detail;
      r.append_audit(row);
      return result;
    });
  }

  int64_t org_id() const { return org_id_; }

 private:
  const Config& config_;
  Store& store_;
  WeChatClient& wechat_;
  const Vault& vault_;
  int64_t org_id_;
  RateLimiter member_logins_;
  LoginThrottle staff_guesses_;
};

}  // namespace clinic::server
