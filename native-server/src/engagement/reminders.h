// The schedule of reminders (提醒): each function is called inside the Store::write job
// that stores its cause, so the outbox row commits (or rolls back) with it.
//
//   appointment booked  → appointment_reminder the evening before at 20:00 clinic-local and
//                         2 h before the start (each only when still ahead; stale at the start)
//   appointment cancelled → its reminders cancelled
//   visit confirmed     → visit_followup the next day at 10:00 clinic-local (stale after the
//                         14-day review window); referral_reward to the inviter at once when
//                         the visit settled a reward; the visit's coupons' reminders cancelled
//                         and points_released when the visit's pending points become
//                         available (the rules' delay)
//   visit refunded      → its follow-up, referral and release reminders cancelled
//   coupon issued       → coupon_expiring 3 days before it runs out (at 10:00 local)
//   points expiring     → points_expiring once per clinic-local month when points run out
//                         within 30 days (the scheduler's daily scan of the ledger)
// The scheduler (scheduler.h) sends them; quiet hours move a due row to their end.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "store/repositories.h"

namespace clinic::server {

inline constexpr int64_t kReviewWindowMs = 14 * 86'400'000LL;

void remind_booking(Repos& r, const BookingRow& booking, int64_t now_ms);
void cancel_booking_reminders(Repos& r, int64_t booking_id, int64_t now_ms);
// `entries`: the ledger entries this visit appended (its pending points), not the member's
// ledger: the writer's work must not grow with the history (issue 16).
void remind_visit(Repos& r, const VisitRow& visit, const boost::json::array& entries,
                  const std::vector<std::string>& coupon_codes, int64_t now_ms);
void cancel_visit_reminders(Repos& r, int64_t visit_id, int64_t now_ms);
void remind_coupon(Repos& r, const CouponRow& coupon, int64_t now_ms);
// The monthly points_expiring rows of the organisation's members with points running out
// within 30 days (one per member and local month). Every member's account is read: run it on
// a read snapshot (Store::read), never in the writer, and enqueue the rows in a write job
// (a re-run is a no-op: enqueue skips a dedupe key already queued). Returns the rows.
std::vector<OutboxRow> expiring_points_rows(Repos& r, int64_t org_id, int64_t now_ms);

// "2026-12-02 09:30" in the clinic's local time.
std::string local_time_text(int64_t at_ms, int utc_offset_min);

}  // namespace clinic::server
