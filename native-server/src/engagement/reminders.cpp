#include "engagement/reminders.h"

#include <algorithm>
#include <cstdio>

#include "clinic/civil_time.h"
#include "domain/account_service.h"
#include "domain/core_client.h"
#include "domain/ledger_service.h"
#include "errors.h"

namespace clinic::server {
namespace {

using boost::json::object;
constexpr int64_t kHourMs = 3'600'000;

// `hour` o'clock clinic-local on the local day `day_offset` days after the day of `at_ms`.
int64_t local_hour(int64_t at_ms, int offset_min, int64_t day_offset, int64_t hour) {
  return civil::local_day_start_ms(civil::local_day(at_ms, offset_min) + day_offset, offset_min) + hour * kHourMs;
}

void add(Repos& r, const Clinic& c, int64_t member_id, const std::string& kind, const std::string& cause,
         const std::string& slot, object data, int64_t due_at_ms, std::optional<int64_t> expires_at_ms,
         int64_t now_ms) {
  data["clinic_name"] = c.name;
  OutboxRow row;
  row.org_id = c.org_id;
  row.clinic_id = c.id;
  row.member_id = member_id;
  row.kind = kind;
  row.cause = cause;
  row.dedupe_key = cause + ":" + slot;
  row.data = boost::json::serialize(data);
  row.due_at_ms = due_at_ms;
  row.expires_at_ms = expires_at_ms;
  row.created_at_ms = now_ms;
  r.engagement().enqueue(row);
}

}  // namespace

std::string local_time_text(int64_t at_ms, int utc_offset_min) {
  civil::Date d = civil::local_date(at_ms, utc_offset_min);
  int64_t minute =
      (at_ms - civil::local_day_start_ms(civil::local_day(at_ms, utc_offset_min), utc_offset_min)) / 60'000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", civil::format_date(d).c_str(), static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return buf;
}

void remind_booking(Repos& r, const BookingRow& b, int64_t now_ms) {
  auto clinic = r.clinic_by_id(b.clinic_id);
  if (!clinic) return;
  object data{{"starts_at", local_time_text(b.starts_at_ms, clinic->utc_offset_min)}, {"booking_id", b.id}};
  for (const Doctor& d : r.doctors(b.clinic_id)) {
    if (d.id != b.doctor_id) continue;
    data["doctor_name"] = d.name;
    for (const Department& dep : r.departments(b.clinic_id))
      if (dep.id == d.department_id) data["department_name"] = dep.name_zh;
  }
  std::string cause = "booking:" + std::to_string(b.id);
  int64_t evening = local_hour(b.starts_at_ms, clinic->utc_offset_min, -1, 20);
  if (evening > now_ms) {
    object d = data;
    d["note"] = "明天就诊，请按时到诊";
    add(r, *clinic, b.member_id, "appointment_reminder", cause, "evening", d, evening, b.starts_at_ms, now_ms);
  }
  int64_t soon = b.starts_at_ms - 2 * kHourMs;
  if (soon > now_ms) {
    object d = data;
    d["note"] = "2 小时后就诊，请准备出发";
    add(r, *clinic, b.member_id, "appointment_reminder", cause, "soon", d, soon, b.starts_at_ms, now_ms);
  }
}

void cancel_booking_reminders(Repos& r, int64_t booking_id, int64_t now_ms) {
  r.engagement().cancel_by_cause("booking:" + std::to_string(booking_id), "appointment cancelled", now_ms);
}

void remind_visit(Repos& r, const VisitRow& v, const boost::json::array& entries,
                  const std::vector<std::string>& coupon_codes, int64_t now_ms) {
  auto clinic = r.clinic_by_id(v.clinic_id);
  if (!clinic) return;
  object data{{"visit_id", v.id},
              {"visit_date", civil::format_date(civil::local_date(v.at_ms, clinic->utc_offset_min))},
              {"note", "感谢就诊，欢迎评价本次服务"}};
  add(r, *clinic, v.member_id, "visit_followup", "visit:" + std::to_string(v.id), "followup", data,
      local_hour(v.at_ms, clinic->utc_offset_min, 1, 10), v.at_ms + kReviewWindowMs, now_ms);
  if (v.inviter_id && v.rebate > 0) {
    bool fen = v.rebate_unit == "fen";
    std::string reward = fen ? std::to_string(v.rebate / 100) + " 元返利" : std::to_string(v.rebate) + " 积分";
    object d{{"points", fen ? 0 : v.rebate}, {"reward", "邀请奖励 " + reward}, {"note", "您邀请的好友已完成就诊"}};
    // The friend's identity is not in the message (the inviter rules' privacy).
    add(r, *clinic, *v.inviter_id, "referral_reward", "visit:" + std::to_string(v.id), "referral", d, now_ms,
        std::nullopt, now_ms);
  }
  for (const std::string& code : coupon_codes) r.engagement().cancel_by_cause("coupon:" + code, "coupon used", now_ms);
  // Pending visit points: a reminder when the rules' delay releases them.
  int64_t pending = 0, available_at = 0;
  for (const boost::json::value& e : entries) {  // the visit's entries ("<event>#n")
    const object& o = e.as_object();
    const auto* ev = o.if_contains("event_id");
    const auto* avail = o.if_contains("available_at_ms");
    if (!ev || !ev->is_string() || ev->get_string() != v.event_id || !avail || !avail->is_int64()) continue;
    if (avail->get_int64() <= now_ms) continue;
    pending += o.at("points").to_number<int64_t>();
    available_at = std::max(available_at, avail->get_int64());
  }
  if (pending > 0) {
    object d{{"points", pending}, {"note", "本次就诊积分已到账，可以使用了"}};
    add(r, *clinic, v.member_id, "points_released", "visit:" + std::to_string(v.id), "released", d, available_at,
        std::nullopt, now_ms);
  }
}

void cancel_visit_reminders(Repos& r, int64_t visit_id, int64_t now_ms) {
  r.engagement().cancel_by_cause("visit:" + std::to_string(visit_id), "visit refunded", now_ms);
}

std::vector<OutboxRow> expiring_points_rows(Repos& r, int64_t org_id, int64_t now_ms) {
  std::vector<OutboxRow> rows;
  for (const Clinic& c : r.clinics_in_org(org_id)) {
    auto rules = r.active_rule(c.id, kPointsRulesKind);
    if (!rules) continue;
    std::string month = civil::format_date(civil::local_date(now_ms, c.utc_offset_min)).substr(0, 7);
    // Members with ledger activity in the last 400 days (older points have expired already).
    for (int64_t member : r.reports().active_members(c.id, now_ms - 400 * kDayMs)) {
      std::string cause = "points:" + std::to_string(member);
      // From the member's account (issue 16), not a replay of the whole ledger; points.balance
      // reports what expires within its default 30 days.
      object b = member_balance(r, member, *rules, now_ms, "zh-CN");
      int64_t points = b["expiring"].as_object()["points"].to_number<int64_t>();
      if (points <= 0) continue;
      object d{{"points", points},
               {"expires_on", civil::format_date(civil::local_date(now_ms + 30 * kDayMs, c.utc_offset_min))},
               {"note", "积分即将过期，请尽快使用"},
               {"clinic_name", c.name}};
      OutboxRow row;
      row.org_id = org_id;
      row.clinic_id = c.id;
      row.member_id = member;
      row.kind = "points_expiring";
      row.cause = cause;
      row.dedupe_key = cause + ":expiring:" + month;  // once a month, whichever clinic scans first
      row.data = boost::json::serialize(d);
      row.due_at_ms = now_ms;
      row.created_at_ms = now_ms;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void remind_coupon(Repos& r, const CouponRow& c, int64_t now_ms) {
  auto clinic = r.clinic_by_id(c.clinic_id);
  if (!clinic) return;
  boost::json::error_code ec;
  boost::json::value coupon = boost::json::parse(c.coupon, ec);
  const boost::json::value* to = ec || !coupon.is_object() ? nullptr : coupon.get_object().if_contains("valid_to_ms");
  if (!to || !to->is_int64()) return;
  int64_t valid_to = to->get_int64();
  int64_t due = local_hour(valid_to - 1, clinic->utc_offset_min, -3, 10);
  if (due <= now_ms) return;  // a coupon that runs out within 3 days was just redeemed; no reminder
  const auto& o = coupon.get_object();
  object data{{"coupon_name", o.if_contains("name_zh") ? o.at("name_zh") : boost::json::value("优惠券")},
              {"coupon_code", c.code},
              {"expires_on", civil::format_date(civil::local_date(valid_to - 1, clinic->utc_offset_min))},
              {"note", "优惠券 3 天后到期，请尽快使用"}};
  add(r, *clinic, c.member_id, "coupon_expiring", "coupon:" + c.code, "expiring", data, due, valid_to, now_ms);
}

}  // namespace clinic::server
