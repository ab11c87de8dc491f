#include "store/pg_activity_repos.h"

#include "errors.h"
#include "store/org_of.h"

namespace clinic::server {
namespace {

#define BINDING_COLUMNS "invitee_id, inviter_id, campaign_id, binding, bound_at_ms"
BindingRow read_binding(const PgQuery& q) {
  return BindingRow{q.i64(0), q.i64(1), q.text(2), q.text(3), q.i64(4)};
}

#define COUPON_COLUMNS "code, member_id, clinic_id, catalogue_id, coupon, status, visit_id, created_at_ms, used_at_ms"
CouponRow read_coupon(const PgQuery& q) {
  CouponRow c;
  c.code = q.text(0);
  c.member_id = q.i64(1);
  c.clinic_id = q.i64(2);
  c.catalogue_id = q.text(3);
  c.coupon = q.text(4);
  c.status = q.text(5);
  c.visit_id = q.opt_i64(6);
  c.created_at_ms = q.i64(7);
  c.used_at_ms = q.opt_i64(8);
  return c;
}

#define VISIT_COLUMNS                                                                                              \
  "id, clinic_id, member_id, visit_ref, event_id, status, cart, priced, payable_fen, points, inviter_id, rebate, " \
  "rebate_unit, staff_id, at_ms, refunded_at_ms"
VisitRow read_visit(const PgQuery& q) {
  VisitRow v;
  v.id = q.i64(0);
  v.clinic_id = q.i64(1);
  v.member_id = q.i64(2);
  v.visit_ref = q.text(3);
  v.event_id = q.text(4);
  v.status = q.text(5);
  v.cart = q.text(6);
  v.priced = q.text(7);
  v.payable_fen = q.i64(8);
  v.points = q.i64(9);
  v.inviter_id = q.opt_i64(10);
  v.rebate = q.i64(11);
  v.rebate_unit = q.text(12);
  v.staff_id = q.opt_i64(13);
  v.at_ms = q.i64(14);
  v.refunded_at_ms = q.opt_i64(15);
  return v;
}

#define BOOKING_SELECT                                                                                        \
  "SELECT b.id, b.slot_id, b.member_id, b.clinic_id, b.status, b.created_at_ms, s.starts_at_ms, s.doctor_id " \
  "FROM bookings b JOIN slots s ON s.id = b.slot_id "
BookingRow read_booking(const PgQuery& q) {
  return BookingRow{q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.text(4), q.i64(5), q.i64(6), q.i64(7)};
}

int64_t returned_id(PgQuery& q) {
  if (!q.step()) throw PgError("", "postgres: INSERT … RETURNING id returned no row");
  return q.i64(0);
}

int64_t single_i64(PgQuery& q) {
  q.step();
  return q.i64(0);
}

}  // namespace

std::optional<std::string> PgActivityRepos::invite_code_of(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT code FROM invite_codes WHERE member_id = $1");
  q.bind(1, member_id);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::optional<int64_t> PgActivityRepos::member_by_invite_code(const std::string& code) {
  PgQuery q = db_.prepare("SELECT member_id FROM invite_codes WHERE code = $1");
  q.bind(1, code);
  if (!q.step()) return std::nullopt;
  return q.i64(0);
}

void PgActivityRepos::save_invite_code(const std::string& code, int64_t member_id, int64_t now_ms) {
  db_.prepare(
         "INSERT INTO invite_codes(code, member_id, created_at_ms, org_id) VALUES($1, $2, $3, " ORG_OF_MEMBER("$2") ")")
      .bind(1, code)
      .bind(2, member_id)
      .bind(3, now_ms)
      .run();
}

std::optional<BindingRow> PgActivityRepos::binding_of(int64_t invitee_id) {
  PgQuery q = db_.prepare("SELECT " BINDING_COLUMNS " FROM referral_bindings WHERE invitee_id = $1");
  q.bind(1, invitee_id);
  if (!q.step()) return std::nullopt;
  return read_binding(q);
}

std::vector<BindingRow> PgActivityRepos::bindings_by_inviter(int64_t inviter_id) {
  PgQuery q =
      db_.prepare("SELECT " BINDING_COLUMNS " FROM referral_bindings WHERE inviter_id = $1 ORDER BY bound_at_ms");
  q.bind(1, inviter_id);
  std::vector<BindingRow> out;
  while (q.step()) out.push_back(read_binding(q));
  return out;
}

void PgActivityRepos::insert_binding(const BindingRow& r) {
  int64_t n = db_.prepare("INSERT INTO referral_bindings(" BINDING_COLUMNS
                          ", org_id) VALUES($1, $2, $3, $4, $5, " ORG_OF_MEMBER("$1") ") ON CONFLICT DO NOTHING")
                  .bind(1, r.invitee_id)
                  .bind(2, r.inviter_id)
                  .bind(3, r.campaign_id)
                  .bind(4, r.binding)
                  .bind(5, r.bound_at_ms)
                  .affected();
  if (n == 0) throw ApiError("conflict", {"已绑定邀请人", "already bound to an inviter"});
}

int64_t PgActivityRepos::campaign_used(const std::string& campaign_id) {
  // Kept by the ledger_campaign_usage trigger (migration 8), as on SQLite: no ledger scan.
  PgQuery q = db_.prepare("SELECT used FROM campaign_usage WHERE campaign_id = $1");
  q.bind(1, campaign_id);
  return q.step() ? q.i64(0) : 0;
}

std::vector<InviteRewardRow> PgActivityRepos::invite_rewards(int64_t inviter_id) {
  PgQuery q = db_.prepare(
      "SELECT invitee_ref, COALESCE(SUM(points), 0)::bigint, COALESCE(SUM(credit_fen), 0)::bigint FROM ledger_entries "
      "WHERE member_id = $1 AND invitee_ref IS NOT NULL GROUP BY invitee_ref ORDER BY invitee_ref");
  q.bind(1, inviter_id);
  std::vector<InviteRewardRow> out;
  while (q.step()) out.push_back(InviteRewardRow{q.text(0), q.i64(1), q.i64(2)});
  return out;
}

void PgActivityRepos::insert_coupon(const CouponRow& c) {
  db_.prepare("INSERT INTO coupons(" COUPON_COLUMNS
              ", org_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, " ORG_OF_MEMBER("$2") ")")
      .bind(1, c.code)
      .bind(2, c.member_id)
      .bind(3, c.clinic_id)
      .bind(4, c.catalogue_id)
      .bind(5, c.coupon)
      .bind(6, c.status)
      .bind(7, c.visit_id)
      .bind(8, c.created_at_ms)
      .bind(9, c.used_at_ms)
      .run();
}

std::optional<CouponRow> PgActivityRepos::coupon_by_code(const std::string& code) {
  PgQuery q = db_.prepare("SELECT " COUPON_COLUMNS " FROM coupons WHERE code = $1");
  q.bind(1, code);
  if (!q.step()) return std::nullopt;
  return read_coupon(q);
}

std::vector<CouponRow> PgActivityRepos::coupons_of(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT " COUPON_COLUMNS " FROM coupons WHERE member_id = $1 ORDER BY created_at_ms, code");
  q.bind(1, member_id);
  std::vector<CouponRow> out;
  while (q.step()) out.push_back(read_coupon(q));
  return out;
}

void PgActivityRepos::set_coupon_status(const std::string& code, const std::string& status,
                                        std::optional<int64_t> visit_id, std::optional<int64_t> used_at_ms) {
  db_.prepare("UPDATE coupons SET status = $1, visit_id = $2, used_at_ms = $3 WHERE code = $4")
      .bind(1, status)
      .bind(2, visit_id)
      .bind(3, used_at_ms)
      .bind(4, code)
      .run();
}

std::optional<VisitRow> PgActivityRepos::visit_by_ref(int64_t clinic_id, const std::string& visit_ref) {
  PgQuery q = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE clinic_id = $1 AND visit_ref = $2");
  q.bind(1, clinic_id).bind(2, visit_ref);
  if (!q.step()) return std::nullopt;
  return read_visit(q);
}

std::optional<VisitRow> PgActivityRepos::visit_by_id(int64_t id) {
  PgQuery q = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_visit(q);
}

int64_t PgActivityRepos::insert_visit(const VisitRow& v) {
  PgQuery q = db_.prepare(
      "INSERT INTO visits(clinic_id, member_id, visit_ref, event_id, status, cart, priced, payable_fen, points, "
      "inviter_id, rebate, rebate_unit, staff_id, at_ms, org_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, $14, " ORG_OF_CLINIC("$1") ") ON CONFLICT DO NOTHING RETURNING id");
  q.bind(1, v.clinic_id)
      .bind(2, v.member_id)
      .bind(3, v.visit_ref)
      .bind(4, v.event_id)
      .bind(5, v.status)
      .bind(6, v.cart)
      .bind(7, v.priced)
      .bind(8, v.payable_fen)
      .bind(9, v.points)
      .bind(10, v.inviter_id)
      .bind(11, v.rebate)
      .bind(12, v.rebate_unit)
      .bind(13, v.staff_id)
      .bind(14, v.at_ms);
  if (!q.step()) throw ApiError("conflict", {"该就诊单已确认", "this visit was already confirmed"}, "$.visit_ref");
  return q.i64(0);
}

void PgActivityRepos::mark_visit_refunded(int64_t id, int64_t at_ms) {
  db_.prepare("UPDATE visits SET status = 'refunded', refunded_at_ms = $1 WHERE id = $2")
      .bind(1, at_ms)
      .bind(2, id)
      .run();
}

bool PgActivityRepos::has_confirmed_paid_visit(int64_t member_id) {
  PgQuery q = db_.prepare(
      "SELECT EXISTS(SELECT 1 FROM visits WHERE member_id = $1 AND status = 'confirmed' AND payable_fen > 0)::int");
  q.bind(1, member_id);
  return single_i64(q) != 0;
}

std::vector<VisitRow> PgActivityRepos::visits_of(int64_t member_id) {
  PgQuery q = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE member_id = $1 ORDER BY at_ms, id");
  q.bind(1, member_id);
  std::vector<VisitRow> out;
  while (q.step()) out.push_back(read_visit(q));
  return out;
}

int64_t PgActivityRepos::insert_triage(const TriageRow& t) {
  PgQuery q = db_.prepare(
      "INSERT INTO triage_results(member_id, at_ms, complaint, level, outcome, answers, matched, phone_outcome, "
      "revision, reason, org_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, " ORG_OF_MEMBER(
          "$1") ") RETURNING id");
  q.bind(1, t.member_id)
      .bind(2, t.at_ms)
      .bind(3, t.complaint)
      .bind(4, t.level)
      .bind(5, t.outcome)
      .bind_opt(6, t.answers)
      .bind(7, int64_t{t.matched ? 1 : 0})
      .bind_opt(8, t.phone_outcome)
      .bind(9, t.revision)
      .bind_opt(10, t.reason);
  return returned_id(q);
}

int64_t PgActivityRepos::triage_count(int64_t member_id, bool mismatched_only) {
  PgQuery q =
      db_.prepare("SELECT COUNT(*) FROM triage_results WHERE member_id = $1 AND ($2::bigint = 0 OR matched = 0)");
  q.bind(1, member_id).bind(2, int64_t{mismatched_only ? 1 : 0});
  return single_i64(q);
}

std::optional<BookingRow> PgActivityRepos::booking_by_id(int64_t id) {
  PgQuery q = db_.prepare(BOOKING_SELECT "WHERE b.id = $1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_booking(q);
}

std::vector<BookingRow> PgActivityRepos::bookings_of(int64_t member_id) {
  PgQuery q = db_.prepare(BOOKING_SELECT "WHERE b.member_id = $1 ORDER BY s.starts_at_ms, b.id");
  q.bind(1, member_id);
  std::vector<BookingRow> out;
  while (q.step()) out.push_back(read_booking(q));
  return out;
}

std::vector<BookingRow> PgActivityRepos::bookings_in_clinic(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  PgQuery q = db_.prepare(
      BOOKING_SELECT
      "WHERE b.clinic_id = $1 AND s.starts_at_ms >= $2 AND s.starts_at_ms < $3 ORDER BY s.starts_at_ms, b.id");
  q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
  std::vector<BookingRow> out;
  while (q.step()) out.push_back(read_booking(q));
  return out;
}

int64_t PgActivityRepos::book_slot(int64_t slot_id, int64_t member_id, int64_t now_ms) {
  // The slot row is locked: two bookings of its last place queue here instead of racing.
  PgQuery slot = db_.prepare("SELECT clinic_id, capacity, booked FROM slots WHERE id = $1 FOR UPDATE");
  slot.bind(1, slot_id);
  if (!slot.step()) throw ApiError("not_found", {"没有这个号源", "no such slot"}, "$.slot_id");
  int64_t clinic = slot.i64(0), capacity = slot.i64(1), booked = slot.i64(2);
  PgQuery mine =
      db_.prepare("SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND member_id = $2 AND status = 'booked'");
  mine.bind(1, slot_id).bind(2, member_id);
  if (single_i64(mine) > 0) throw ApiError("conflict", {"您已预约该时段", "already booked this slot"}, "$.slot_id");
  if (booked >= capacity) throw ApiError("conflict", {"该时段已约满", "this slot is full"}, "$.slot_id");
  db_.prepare("UPDATE slots SET booked = booked + 1 WHERE id = $1").bind(1, slot_id).run();
  PgQuery ins = db_.prepare(
      "INSERT INTO bookings(slot_id, member_id, clinic_id, status, created_at_ms, org_id) VALUES($1, $2, $3, 'booked', "
      "$4, " ORG_OF_CLINIC("$3") ") RETURNING id");
  ins.bind(1, slot_id).bind(2, member_id).bind(3, clinic).bind(4, now_ms);
  return returned_id(ins);
}

void PgActivityRepos::set_booking_status(int64_t booking_id, const std::string& status) {
  auto b = booking_by_id(booking_id);
  if (!b) throw ApiError("not_found", {"没有这个预约", "no such appointment"});
  if (b->status == "booked" && status == "cancelled") {
    db_.prepare("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0").bind(1, b->slot_id).run();
  }
  db_.prepare("UPDATE bookings SET status = $1 WHERE id = $2").bind(1, status).bind(2, booking_id).run();
}

DailyReport PgActivityRepos::daily_report(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  DailyReport r;
  {
    PgQuery q = db_.prepare(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'confirmed' THEN payable_fen ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN inviter_id IS NOT NULL AND rebate > 0 AND status = 'confirmed' THEN 1 ELSE 0 END), 0) "
        "FROM visits WHERE clinic_id = $1 AND at_ms >= $2 AND at_ms < $3");
    q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    q.step();
    r.visits = q.i64(0);
    r.payable_fen = q.i64(1);
    r.referral_conversions = q.i64(2);
  }
  {
    PgQuery q = db_.prepare(
        "SELECT COUNT(*) FROM visits WHERE clinic_id = $1 AND refunded_at_ms >= $2 AND refunded_at_ms < $3");
    q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    r.refunds = single_i64(q);
  }
  {
    PgQuery q = db_.prepare(
        "SELECT COALESCE(SUM(CASE WHEN points > 0 AND kind IN ('earn','rebate') THEN points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'spend' THEN -points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'reverse' THEN -points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'rebate' THEN credit_fen ELSE 0 END), 0)::bigint, "
        "COALESCE(SUM(CASE WHEN kind = 'rebate' THEN points ELSE 0 END), 0), "
        "COUNT(DISTINCT CASE WHEN event_type = 'daily_checkin' THEN member_id END) "
        "FROM ledger_entries WHERE clinic_id = $1 AND at_ms >= $2 AND at_ms < $3");
    q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    q.step();
    r.points_issued = q.i64(0);
    r.points_redeemed = q.i64(1);
    r.points_expired_or_reversed = q.i64(2);
    r.rebate_fen = q.i64(3);
    r.rebate_points = q.i64(4);
    r.checkins = q.i64(5);
  }
  {
    PgQuery q = db_.prepare(
        "SELECT COALESCE(SUM(CASE WHEN created_at_ms >= $2 AND created_at_ms < $3 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN used_at_ms >= $2 AND used_at_ms < $3 AND status = 'used' THEN 1 ELSE 0 END), 0) "
        "FROM coupons WHERE clinic_id = $1");
    q.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    q.step();
    r.coupons_redeemed = q.i64(0);
    r.coupons_used = q.i64(1);
  }
  return r;
}

std::vector<int64_t> PgActivityRepos::active_members(int64_t clinic_id, int64_t from_ms) {
  PgQuery q = db_.prepare(
      "SELECT DISTINCT member_id FROM ledger_entries WHERE clinic_id = $1 AND at_ms >= $2 ORDER BY member_id");
  q.bind(1, clinic_id).bind(2, from_ms);
  std::vector<int64_t> out;
  while (q.step()) out.push_back(q.i64(0));
  return out;
}

}  // namespace clinic::server
