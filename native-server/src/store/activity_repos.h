// What members do at a clinic (the tables of migration 2, issue 6): invites and referral
// bindings, issued coupons, visits, triage results, appointments, and the report over them.
// One interface per subject, reached through Repos (repos.referrals(), .coupons(), .visits(),
// .triage(), .bookings(), .reports()); SqliteActivityRepos and PgActivityRepos implement all six.
// Same rules as repositories.h: domain terms in, no SQL out, write methods only inside
// Store::write().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clinic::server {

struct BindingRow {
  int64_t invitee_id = 0;
  int64_t inviter_id = 0;
  std::string campaign_id;
  std::string binding;  // the core's binding JSON, verbatim
  int64_t bound_at_ms = 0;
};

// What an inviter's ledger credits for one invitee: referral rewards and bonuses, net of
// their reversals (entries whose invitee_ref is the invitee's ledger id, e.g. "m12").
struct InviteRewardRow {
  std::string invitee_ref;
  int64_t points = 0;
  int64_t credit_fen = 0;
};

struct CouponRow {
  std::string code;
  int64_t member_id = 0;
  int64_t clinic_id = 0;
  std::string catalogue_id;
  std::string coupon;  // the core's issued-coupon JSON (status kept in `status`)
  std::string status;  // issued, used, cancelled
  std::optional<int64_t> visit_id;
  int64_t created_at_ms = 0;
  std::optional<int64_t> used_at_ms;
};

struct VisitRow {
  int64_t id = 0;
  int64_t clinic_id = 0;
  int64_t member_id = 0;
  std::string visit_ref;  // the desk's order number; UNIQUE per clinic
  std::string event_id;   // the ledger event id of the visit
  std::string status;     // confirmed, refunded
  std::string cart;       // request items JSON
  std::string priced;     // the core's visit.price answer
  int64_t payable_fen = 0;
  int64_t points = 0;
  std::optional<int64_t> inviter_id;
  int64_t rebate = 0;  // inviter reward (unit in rebate_unit)
  std::string rebate_unit;
  std::optional<int64_t> staff_id;
  int64_t at_ms = 0;
  std::optional<int64_t> refunded_at_ms;
};

struct TriageRow {
  int64_t member_id = 0;
  int64_t at_ms = 0;
  std::string complaint, level;              // complaint = the protocol id that ran
  int64_t revision = 0;                      // that protocol's revision
  std::string outcome;                       // server's outcome JSON (without the reason)
  std::optional<std::string> reason;         // why this level (deciding answers): only with consent
  std::optional<std::string> answers;        // only with health-data consent
  bool matched = true;                       // the phone's outcome equalled the server's
  std::optional<std::string> phone_outcome;  // kept on mismatch (for review)
};

struct BookingRow {
  int64_t id = 0;
  int64_t slot_id = 0;
  int64_t member_id = 0;
  int64_t clinic_id = 0;
  std::string status;  // booked, cancelled, checked_in, no_show
  int64_t created_at_ms = 0;
  int64_t starts_at_ms = 0;
  int64_t doctor_id = 0;
};

struct DailyReport {
  int64_t visits = 0, refunds = 0, payable_fen = 0;
  int64_t points_issued = 0, points_redeemed = 0, points_expired_or_reversed = 0;
  int64_t referral_conversions = 0, rebate_fen = 0, rebate_points = 0;
  int64_t checkins = 0, coupons_redeemed = 0, coupons_used = 0;
};

class ReferralRepo {
 public:
  virtual ~ReferralRepo() = default;
  virtual std::optional<std::string> invite_code_of(int64_t member_id) = 0;
  virtual std::optional<int64_t> member_by_invite_code(const std::string& code) = 0;
  virtual void save_invite_code(const std::string& code, int64_t member_id, int64_t now_ms) = 0;  // write
  virtual std::optional<BindingRow> binding_of(int64_t invitee_id) = 0;
  virtual std::vector<BindingRow> bindings_by_inviter(int64_t inviter_id) = 0;
  virtual void insert_binding(const BindingRow& row) = 0;  // write; conflict when already bound
  // Sum of rewards already paid by a campaign (fen or points), net of reversals.
  virtual int64_t campaign_used(const std::string& campaign_id) = 0;
  // The inviter's rewards per invitee, in one query (ledger_entries.invitee_ref, migration 10).
  virtual std::vector<InviteRewardRow> invite_rewards(int64_t inviter_id) = 0;
};

class CouponRepo {
 public:
  virtual ~CouponRepo() = default;
  virtual void insert_coupon(const CouponRow& row) = 0;  // write
  virtual std::optional<CouponRow> coupon_by_code(const std::string& code) = 0;
  virtual std::vector<CouponRow> coupons_of(int64_t member_id) = 0;
  virtual void set_coupon_status(const std::string& code, const std::string& status, std::optional<int64_t> visit_id,
                                 std::optional<int64_t> used_at_ms) = 0;  // write
};

class VisitRepo {
 public:
  virtual ~VisitRepo() = default;
  virtual std::optional<VisitRow> visit_by_ref(int64_t clinic_id, const std::string& visit_ref) = 0;
  virtual std::optional<VisitRow> visit_by_id(int64_t id) = 0;
  virtual int64_t insert_visit(const VisitRow& row) = 0;            // write; conflict on a duplicate ref
  virtual void mark_visit_refunded(int64_t id, int64_t at_ms) = 0;  // write
  // A paid visit not refunded (a referral's "first paid visit"): stops at the first one, where a
  // count read every visit of a regular patient on each confirm.
  virtual bool has_confirmed_paid_visit(int64_t member_id) = 0;
  virtual std::vector<VisitRow> visits_of(int64_t member_id) = 0;
};

class TriageRepo {
 public:
  virtual ~TriageRepo() = default;
  virtual int64_t insert_triage(const TriageRow& row) = 0;  // write
  virtual int64_t triage_count(int64_t member_id, bool mismatched_only) = 0;
};

class BookingRepo {
 public:
  virtual ~BookingRepo() = default;
  virtual std::optional<BookingRow> booking_by_id(int64_t id) = 0;
  virtual std::vector<BookingRow> bookings_of(int64_t member_id) = 0;
  virtual std::vector<BookingRow> bookings_in_clinic(int64_t clinic_id, int64_t from_ms, int64_t to_ms) = 0;
  // write: takes one place of the slot's capacity (conflict when full or already booked).
  virtual int64_t book_slot(int64_t slot_id, int64_t member_id, int64_t now_ms) = 0;
  virtual void set_booking_status(int64_t booking_id, const std::string& status) = 0;  // write (cancel frees the place)
};

class ReportRepo {
 public:
  virtual ~ReportRepo() = default;
  // One clinic, [from_ms, to_ms).
  virtual DailyReport daily_report(int64_t clinic_id, int64_t from_ms, int64_t to_ms) = 0;
  // Members with ledger activity at a clinic since `from_ms` (rules simulate).
  virtual std::vector<int64_t> active_members(int64_t clinic_id, int64_t from_ms) = 0;
};

}  // namespace clinic::server
