#include "store/sqlite_activity_repos.h"

#include "errors.h"
#include "store/org_of.h"

namespace clinic::server {
namespace {

#define BINDING_COLUMNS "invitee_id, inviter_id, campaign_id, binding, bound_at_ms"
BindingRow read_binding(const Stmt& s) {
  return BindingRow{s.i64(0), s.i64(1), s.text(2), s.text(3), s.i64(4)};
}

#define COUPON_COLUMNS "code, member_id, clinic_id, catalogue_id, coupon, status, visit_id, created_at_ms, used_at_ms"
CouponRow read_coupon(const Stmt& s) {
  CouponRow c;
  c.code = s.text(0);
  c.member_id = s.i64(1);
  c.clinic_id = s.i64(2);
  c.catalogue_id = s.text(3);
  c.coupon = s.text(4);
  c.status = s.text(5);
  if (!s.is_null(6)) c.visit_id = s.i64(6);
  c.created_at_ms = s.i64(7);
  if (!s.is_null(8)) c.used_at_ms = s.i64(8);
  return c;
}

#define VISIT_COLUMNS                                                                                              \
  "id, clinic_id, member_id, visit_ref, event_id, status, cart, priced, payable_fen, points, inviter_id, rebate, " \
  "rebate_unit, staff_id, at_ms, refunded_at_ms"
VisitRow read_visit(const Stmt& s) {
  VisitRow v;
  v.id = s.i64(0);
  v.clinic_id = s.i64(1);
  v.member_id = s.i64(2);
  v.visit_ref = s.text(3);
  v.event_id = s.text(4);
  v.status = s.text(5);
  v.cart = s.text(6);
  v.priced = s.text(7);
  v.payable_fen = s.i64(8);
  v.points = s.i64(9);
  if (!s.is_null(10)) v.inviter_id = s.i64(10);
  v.rebate = s.i64(11);
  v.rebate_unit = s.text(12);
  if (!s.is_null(13)) v.staff_id = s.i64(13);
  v.at_ms = s.i64(14);
  if (!s.is_null(15)) v.refunded_at_ms = s.i64(15);
  return v;
}

#define BOOKING_SELECT                                                                                        \
  "SELECT b.id, b.slot_id, b.member_id, b.clinic_id, b.status, b.created_at_ms, s.starts_at_ms, s.doctor_id " \
  "FROM bookings b JOIN slots s ON s.id = b.slot_id "
BookingRow read_booking(const Stmt& s) {
  return BookingRow{s.i64(0), s.i64(1), s.i64(2), s.i64(3), s.text(4), s.i64(5), s.i64(6), s.i64(7)};
}

}  // namespace

std::optional<std::string> SqliteActivityRepos::invite_code_of(int64_t member_id) {
  Stmt s = db_.prepare("SELECT code FROM invite_codes WHERE member_id = ?");
  s.bind(1, member_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::optional<int64_t> SqliteActivityRepos::member_by_invite_code(const std::string& code) {
  Stmt s = db_.prepare("SELECT member_id FROM invite_codes WHERE code = ?");
  s.bind(1, code);
  if (!s.step()) return std::nullopt;
  return s.i64(0);
}

void SqliteActivityRepos::save_invite_code(const std::string& code, int64_t member_id, int64_t now_ms) {
  db_.prepare("INSERT INTO invite_codes(code, member_id, created_at_ms, org_id) VALUES(?,?,?, " ORG_OF_MEMBER("?2") ")")
      .bind(1, code)
      .bind(2, member_id)
      .bind(3, now_ms)
      .run();
}

std::optional<BindingRow> SqliteActivityRepos::binding_of(int64_t invitee_id) {
  Stmt s = db_.prepare("SELECT " BINDING_COLUMNS " FROM referral_bindings WHERE invitee_id = ?");
  s.bind(1, invitee_id);
  if (!s.step()) return std::nullopt;
  return read_binding(s);
}

std::vector<BindingRow> SqliteActivityRepos::bindings_by_inviter(int64_t inviter_id) {
  Stmt s = db_.prepare("SELECT " BINDING_COLUMNS " FROM referral_bindings WHERE inviter_id = ? ORDER BY bound_at_ms");
  s.bind(1, inviter_id);
  std::vector<BindingRow> out;
  while (s.step()) out.push_back(read_binding(s));
  return out;
}

void SqliteActivityRepos::insert_binding(const BindingRow& r) {
  try {
    db_.prepare("INSERT INTO referral_bindings(" BINDING_COLUMNS ", org_id) VALUES(?,?,?,?,?, " ORG_OF_MEMBER("?1") ")")
        .bind(1, r.invitee_id)
        .bind(2, r.inviter_id)
        .bind(3, r.campaign_id)
        .bind(4, r.binding)
        .bind(5, r.bound_at_ms)
        .run();
  } catch (const SqliteError& e) {
    if (e.constraint()) throw ApiError("conflict", {"已绑定邀请人", "already bound to an inviter"});
    throw;
  }
}

int64_t SqliteActivityRepos::campaign_used(const std::string& campaign_id) {
  // Kept by the ledger_campaign_usage trigger (migration 8).
  Stmt s = db_.prepare("SELECT used FROM campaign_usage WHERE campaign_id = ?");
  s.bind(1, campaign_id);
  return s.step() ? s.i64(0) : 0;
}

std::vector<InviteRewardRow> SqliteActivityRepos::invite_rewards(int64_t inviter_id) {
  Stmt s = db_.prepare(
      "SELECT invitee_ref, COALESCE(SUM(points), 0), COALESCE(SUM(credit_fen), 0) FROM ledger_entries "
      "WHERE member_id = ? AND invitee_ref IS NOT NULL GROUP BY invitee_ref ORDER BY invitee_ref");
  s.bind(1, inviter_id);
  std::vector<InviteRewardRow> out;
  while (s.step()) out.push_back(InviteRewardRow{s.text(0), s.i64(1), s.i64(2)});
  return out;
}

void SqliteActivityRepos::insert_coupon(const CouponRow& c) {
  Stmt s =
      db_.prepare("INSERT INTO coupons(" COUPON_COLUMNS ", org_id) VALUES(?,?,?,?,?,?,?,?,?, " ORG_OF_MEMBER("?2") ")");
  s.bind(1, c.code)
      .bind(2, c.member_id)
      .bind(3, c.clinic_id)
      .bind(4, c.catalogue_id)
      .bind(5, c.coupon)
      .bind(6, c.status);
  if (c.visit_id)
    s.bind(7, *c.visit_id);
  else
    s.bind_null(7);
  s.bind(8, c.created_at_ms);
  if (c.used_at_ms)
    s.bind(9, *c.used_at_ms);
  else
    s.bind_null(9);
  s.run();
}

std::optional<CouponRow> SqliteActivityRepos::coupon_by_code(const std::string& code) {
  Stmt s = db_.prepare("SELECT " COUPON_COLUMNS " FROM coupons WHERE code = ?");
  s.bind(1, code);
  if (!s.step()) return std::nullopt;
  return read_coupon(s);
}

std::vector<CouponRow> SqliteActivityRepos::coupons_of(int64_t member_id) {
  Stmt s = db_.prepare("SELECT " COUPON_COLUMNS " FROM coupons WHERE member_id = ? ORDER BY created_at_ms, code");
  s.bind(1, member_id);
  std::vector<CouponRow> out;
  while (s.step()) out.push_back(read_coupon(s));
  return out;
}

void SqliteActivityRepos::set_coupon_status(const std::string& code, const std::string& status,
                                            std::optional<int64_t> visit_id, std::optional<int64_t> used_at_ms) {
  Stmt s = db_.prepare("UPDATE coupons SET status = ?, visit_id = ?, used_at_ms = ? WHERE code = ?");
  s.bind(1, status);
  if (visit_id)
    s.bind(2, *visit_id);
  else
    s.bind_null(2);
  if (used_at_ms)
    s.bind(3, *used_at_ms);
  else
    s.bind_null(3);
  s.bind(4, code).run();
}

std::optional<VisitRow> SqliteActivityRepos::visit_by_ref(int64_t clinic_id, const std::string& visit_ref) {
  Stmt s = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE clinic_id = ? AND visit_ref = ?");
  s.bind(1, clinic_id).bind(2, visit_ref);
  if (!s.step()) return std::nullopt;
  return read_visit(s);
}

std::optional<VisitRow> SqliteActivityRepos::visit_by_id(int64_t id) {
  Stmt s = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_visit(s);
}

int64_t SqliteActivityRepos::insert_visit(const VisitRow& v) {
  Stmt s = db_.prepare(
      "INSERT INTO visits(clinic_id, member_id, visit_ref, event_id, status, cart, priced, payable_fen, points, "
      "inviter_id, "
      "rebate, rebate_unit, staff_id, at_ms, org_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?, " ORG_OF_CLINIC("?1") ")");
  s.bind(1, v.clinic_id)
      .bind(2, v.member_id)
      .bind(3, v.visit_ref)
      .bind(4, v.event_id)
      .bind(5, v.status)
      .bind(6, v.cart)
      .bind(7, v.priced)
      .bind(8, v.payable_fen)
      .bind(9, v.points);
  if (v.inviter_id)
    s.bind(10, *v.inviter_id);
  else
    s.bind_null(10);
  s.bind(11, v.rebate).bind(12, v.rebate_unit);
  if (v.staff_id)
    s.bind(13, *v.staff_id);
  else
    s.bind_null(13);
  s.bind(14, v.at_ms);
  try {
    s.run();
  } catch (const SqliteError& e) {
    if (e.constraint())
      throw ApiError("conflict", {"该就诊单已确认", "this visit was already confirmed"}, "$.visit_ref");
    throw;
  }
  return db_.last_insert_id();
}

void SqliteActivityRepos::mark_visit_refunded(int64_t id, int64_t at_ms) {
  db_.prepare("UPDATE visits SET status = 'refunded', refunded_at_ms = ? WHERE id = ?")
      .bind(1, at_ms)
      .bind(2, id)
      .run();
}

bool SqliteActivityRepos::has_confirmed_paid_visit(int64_t member_id) {
  Stmt s = db_.prepare(
      "SELECT EXISTS(SELECT 1 FROM visits WHERE member_id = ? AND status = 'confirmed' AND payable_fen > 0)");
  s.bind(1, member_id);
  s.step();
  return s.i64(0) != 0;
}

std::vector<VisitRow> SqliteActivityRepos::visits_of(int64_t member_id) {
  Stmt s = db_.prepare("SELECT " VISIT_COLUMNS " FROM visits WHERE member_id = ? ORDER BY at_ms, id");
  s.bind(1, member_id);
  std::vector<VisitRow> out;
  while (s.step()) out.push_back(read_visit(s));
  return out;
}

int64_t SqliteActivityRepos::insert_triage(const TriageRow& t) {
  Stmt s = db_.prepare(
      "INSERT INTO triage_results(member_id, at_ms, complaint, level, outcome, answers, matched, phone_outcome, "
      "revision, reason, org_id) VALUES(?,?,?,?,?,?,?,?,?,?, " ORG_OF_MEMBER("?1") ")");
  s.bind(1, t.member_id)
      .bind(2, t.at_ms)
      .bind(3, t.complaint)
      .bind(4, t.level)
      .bind(5, t.outcome)
      .bind_opt(6, t.answers)
      .bind(7, int64_t{t.matched ? 1 : 0})
      .bind_opt(8, t.phone_outcome)
      .bind(9, t.revision)
      .bind_opt(10, t.reason)
      .run();
  return db_.last_insert_id();
}

int64_t SqliteActivityRepos::triage_count(int64_t member_id, bool mismatched_only) {
  Stmt s = db_.prepare("SELECT COUNT(*) FROM triage_results WHERE member_id = ? AND (? = 0 OR matched = 0)");
  s.bind(1, member_id).bind(2, int64_t{mismatched_only ? 1 : 0});
  s.step();
  return s.i64(0);
}

std::optional<BookingRow> SqliteActivityRepos::booking_by_id(int64_t id) {
  Stmt s = db_.prepare(BOOKING_SELECT "WHERE b.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_booking(s);
}

std::vector<BookingRow> SqliteActivityRepos::bookings_of(int64_t member_id) {
  Stmt s = db_.prepare(BOOKING_SELECT "WHERE b.member_id = ? ORDER BY s.starts_at_ms, b.id");
  s.bind(1, member_id);
  std::vector<BookingRow> out;
  while (s.step()) out.push_back(read_booking(s));
  return out;
}

std::vector<BookingRow> SqliteActivityRepos::bookings_in_clinic(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  Stmt s =
      db_.prepare(BOOKING_SELECT
                  "WHERE b.clinic_id = ? AND s.starts_at_ms >= ? AND s.starts_at_ms < ? ORDER BY s.starts_at_ms, b.id");
  s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
  std::vector<BookingRow> out;
  while (s.step()) out.push_back(read_booking(s));
  return out;
}

int64_t SqliteActivityRepos::book_slot(int64_t slot_id, int64_t member_id, int64_t now_ms) {
  Stmt slot = db_.prepare("SELECT clinic_id, capacity, booked FROM slots WHERE id = ?");
  slot.bind(1, slot_id);
  if (!slot.step()) throw ApiError("not_found", {"没有这个号源", "no such slot"}, "$.slot_id");
  int64_t clinic = slot.i64(0), capacity = slot.i64(1), booked = slot.i64(2);
  Stmt mine = db_.prepare("SELECT COUNT(*) FROM bookings WHERE slot_id = ? AND member_id = ? AND status = 'booked'");
  mine.bind(1, slot_id).bind(2, member_id);
  mine.step();
  if (mine.i64(0) > 0) throw ApiError("conflict", {"您已预约该时段", "already booked this slot"}, "$.slot_id");
  if (booked >= capacity) throw ApiError("conflict", {"该时段已约满", "this slot is full"}, "$.slot_id");
  db_.prepare("UPDATE slots SET booked = booked + 1 WHERE id = ?").bind(1, slot_id).run();
  db_.prepare(
         "INSERT INTO bookings(slot_id, member_id, clinic_id, status, created_at_ms, org_id) "
         "VALUES(?,?,?,'booked',?, " ORG_OF_CLINIC("?3") ")")
      .bind(1, slot_id)
      .bind(2, member_id)
      .bind(3, clinic)
      .bind(4, now_ms)
      .run();
  return db_.last_insert_id();
}

void SqliteActivityRepos::set_booking_status(int64_t booking_id, const std::string& status) {
  auto b = booking_by_id(booking_id);
  if (!b) throw ApiError("not_found", {"没有这个预约", "no such appointment"});
  if (b->status == "booked" && status == "cancelled") {
    db_.prepare("UPDATE slots SET booked = booked - 1 WHERE id = ? AND booked > 0").bind(1, b->slot_id).run();
  }
  db_.prepare("UPDATE bookings SET status = ? WHERE id = ?").bind(1, status).bind(2, booking_id).run();
}

DailyReport SqliteActivityRepos::daily_report(int64_t clinic_id, int64_t from_ms, int64_t to_ms) {
  DailyReport r;
  {
    Stmt s = db_.prepare(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'confirmed' THEN payable_fen ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN inviter_id IS NOT NULL AND rebate > 0 AND status = 'confirmed' THEN 1 ELSE 0 END), 0) "
        "FROM visits WHERE clinic_id = ? AND at_ms >= ? AND at_ms < ?");
    s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    s.step();
    r.visits = s.i64(0);
    r.payable_fen = s.i64(1);
    r.referral_conversions = s.i64(2);
  }
  {
    Stmt s =
        db_.prepare("SELECT COUNT(*) FROM visits WHERE clinic_id = ? AND refunded_at_ms >= ? AND refunded_at_ms < ?");
    s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    s.step();
    r.refunds = s.i64(0);
  }
  {
    Stmt s = db_.prepare(
        "SELECT COALESCE(SUM(CASE WHEN points > 0 AND kind IN ('earn','rebate') THEN points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'spend' THEN -points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'reverse' THEN -points ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'rebate' THEN credit_fen ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN kind = 'rebate' THEN points ELSE 0 END), 0), "
        "COUNT(DISTINCT CASE WHEN event_type = 'daily_checkin' THEN member_id END) "
        "FROM ledger_entries WHERE clinic_id = ? AND at_ms >= ? AND at_ms < ?");
    s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    s.step();
    r.points_issued = s.i64(0);
    r.points_redeemed = s.i64(1);
    r.points_expired_or_reversed = s.i64(2);
    r.rebate_fen = s.i64(3);
    r.rebate_points = s.i64(4);
    r.checkins = s.i64(5);
  }
  {
    Stmt s = db_.prepare(
        "SELECT COALESCE(SUM(CASE WHEN created_at_ms >= ?2 AND created_at_ms < ?3 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN used_at_ms >= ?2 AND used_at_ms < ?3 AND status = 'used' THEN 1 ELSE 0 END), 0) "
        "FROM coupons WHERE clinic_id = ?1");
    s.bind(1, clinic_id).bind(2, from_ms).bind(3, to_ms);
    s.step();
    r.coupons_redeemed = s.i64(0);
    r.coupons_used = s.i64(1);
  }
  return r;
}

std::vector<int64_t> SqliteActivityRepos::active_members(int64_t clinic_id, int64_t from_ms) {
  Stmt s = db_.prepare(
      "SELECT DISTINCT member_id FROM ledger_entries WHERE clinic_id = ? AND at_ms >= ? ORDER BY member_id");
  s.bind(1, clinic_id).bind(2, from_ms);
  std::vector<int64_t> out;
  while (s.step()) out.push_back(s.i64(0));
  return out;
}

}  // namespace clinic::server
