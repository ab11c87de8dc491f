// Small helpers shared by the /api/v1 route files (patient, family, desk, manager, engagement).
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "clinic/civil_time.h"
#include "domain/appointment_view.h"
#include "domain/coupons.h"
#include "domain/ledger_service.h"  // parse_stored: the one stored-JSON reader
#include "domain/member_code.h"
#include "domain/offline_member_code.h"
#include "errors.h"
#include "http/message.h"
#include "privacy/vault.h"
#include "store/repositories.h"
#include "validation/validate.h"

namespace clinic::server {

// The JSON body, or {} when a POST carries no body at all.
inline boost::json::object body_or_empty(const RequestContext& ctx) {
  if (ctx.req.body().empty()) return {};
  return ctx.json_body();
}

inline int64_t param_id(const RequestContext& ctx, const char* name) {
  auto it = ctx.params.find(name);
  int64_t v = 0;
  auto bad = [&] {
    return ApiError("invalid_field",
                    Text(std::string(name) + " 应为正整数", std::string(name) + " must be a positive integer"), name);
  };
  if (it == ctx.params.end() || it->second.empty() || it->second.size() > 18) throw bad();
  for (char c : it->second) {
    if (c < '0' || c > '9') throw bad();
    v = v * 10 + (c - '0');
  }
  return v;
}

// Desk and manager routes act on the clinic in their path (`:clinic_id`).
inline ClinicStaff clinic_staff(Auth& auth, const RequestContext& ctx,
                                std::initializer_list<std::string_view> roles = {}) {
  return auth.require_clinic_staff(ctx, param_id(ctx, "clinic_id"), roles);
}
// The same inside an open read (a write's plan: domain/account_write.h).
inline ClinicStaff clinic_staff(Auth& auth, const RequestContext& ctx, Repos& r,
                                std::initializer_list<std::string_view> roles = {}) {
  return auth.require_clinic_staff(ctx, param_id(ctx, "clinic_id"), r, roles);
}

// Whose Idempotency-Key a write is filed under (idempotent_write): "member:12", "staff:3".
inline std::string key_scope(const MemberPrincipal& who) {
  return "member:" + std::to_string(who.member_id);
}
inline std::string key_scope(const StaffPrincipal& who) {
  return "staff:" + std::to_string(who.staff.id);
}

// `?date=YYYY-MM-DD` as a clinic-local day number (days since 1970-01-01); today at the
// clinic when absent. Its first instant is civil::local_day_start_ms(day, utc_offset_min).
inline int64_t query_day(const RequestContext& ctx, int32_t utc_offset_min) {
  std::string text = ctx.query("date");
  if (text.empty()) return civil::local_day(ctx.now_ms, utc_offset_min);
  std::optional<civil::Date> date = civil::parse_date(text);
  if (!date) throw ApiError("invalid_field", {"日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD"}, "date");
  // The instants the core accepts (2000–2199): a day outside would fail later as the core's
  // $.now_ms / $.at_ms, naming a field the caller never sent.
  int64_t day = civil::days_from_civil(*date);
  if (day * 86'400'000 < civil::kMinEpochMs + 86'400'000 || (day + 2) * 86'400'000 > civil::kMaxEpochMs)
    throw ApiError("invalid_field",
                   {"日期应在 2000-01-02 至 2199-12-30 之间", "date must be from 2000-01-02 to 2199-12-30"}, "date");
  return day;
}

inline int64_t query_int(const RequestContext& ctx, const char* key, int64_t fallback, int64_t min, int64_t max) {
  std::string s = ctx.query(key);
  if (s.empty()) return fallback;
  // Strict: the whole parameter (a decoded %00 or any trailing byte is refused), no overflow.
  std::optional<int64_t> v = parse_int_strict(s, min, max);
  if (!v) {
    std::string range = std::to_string(min) + " … " + std::to_string(max);
    throw ApiError("invalid_field",
                   Text(std::string(key) + " 应为 " + range + " 之间的整数",
                        std::string(key) + " must be an integer from " + range),
                   key);
  }
  return *v;
}

// What the desk and the inviter may see of a member: masked, never the openid.
inline boost::json::object masked_member(const Member& m) {
  return boost::json::object{
      {"id", m.id},
      {"name", m.name ? boost::json::value(mask_name(*m.name)) : boost::json::value(nullptr)},
      {"phone", m.phone ? boost::json::value(mask_phone(*m.phone)) : boost::json::value(nullptr)},
      {"created_at_ms", m.created_at_ms}};
}

// The member a scanned member code names, when it belongs to `org_id` and is not deleted.
// Throws for a forged or expired code (verify_member_code).
// Accepts the server-signed 60 s code and the phone's offline code (domain/offline_member_code.h).
inline std::optional<Member> member_by_code(Repos& r, const Vault& vault, const std::string& code, int64_t org_id,
                                            int64_t now_ms) {
  int64_t id = is_offline_member_code(code) ? verify_offline_member_code(r, code, now_ms)
                                            : verify_member_code(vault, code, now_ms);
  auto m = r.member_by_id(id);
  if (!m || m->deleted_at_ms || m->org_id != org_id) return std::nullopt;
  return m;
}

// Appends the audit row of a staff write inside the same Store::write job.
inline void audit(Repos& r, int64_t staff_id, std::optional<int64_t> clinic_id, std::string action, std::string target,
                  const boost::json::object& detail, int64_t now_ms) {
  AuditRow row;
  row.at_ms = now_ms;
  row.staff_id = staff_id;
  row.clinic_id = clinic_id;
  row.action = std::move(action);
  row.target = std::move(target);
  row.detail = boost::json::serialize(detail);
  r.append_audit(row);
}

}  // namespace clinic::server
