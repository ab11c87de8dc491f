// SQLite implementation of the activity repositories (store/activity_repos.h), bound to one connection.
#pragma once

#include "store/activity_repos.h"
#include "store/sqlite.h"

namespace clinic::server {

class SqliteActivityRepos : public ReferralRepo,
                            public CouponRepo,
                            public VisitRepo,
                            public TriageRepo,
                            public BookingRepo,
                            public ReportRepo {
 public:
  explicit SqliteActivityRepos(Db& db) : db_(db) {}

  std::optional<std::string> invite_code_of(int64_t member_id) override;
  std::optional<int64_t> member_by_invite_code(const std::string& code) override;
  void save_invite_code(const std::string& code, int64_t member_id, int64_t now_ms) override;
  std::optional<BindingRow> binding_of(int64_t invitee_id) override;
  std::vector<BindingRow> bindings_by_inviter(int64_t inviter_id) override;
  void insert_binding(const BindingRow& row) override;
  int64_t campaign_used(const std::string& campaign_id) override;
  std::vector<InviteRewardRow> invite_rewards(int64_t inviter_id) override;

  void insert_coupon(const CouponRow& row) override;
  std::optional<CouponRow> coupon_by_code(const std::string& code) override;
  std::vector<CouponRow> coupons_of(int64_t member_id) override;
  void set_coupon_status(const std::string& code, const std::string& status, std::optional<int64_t> visit_id,
                         std::optional<int64_t> used_at_ms) override;

  std::optional<VisitRow> visit_by_ref(int64_t clinic_id, const std::string& visit_ref) override;
  std::optional<VisitRow> visit_by_id(int64_t id) override;
  int64_t insert_visit(const VisitRow& row) override;
  void mark_visit_refunded(int64_t id, int64_t at_ms) override;
  bool has_confirmed_paid_visit(int64_t member_id) override;
  std::vector<VisitRow> visits_of(int64_t member_id) override;

  int64_t insert_triage(const TriageRow& row) override;
  int64_t triage_count(int64_t member_id, bool mismatched_only) override;

  std::optional<BookingRow> booking_by_id(int64_t id) override;
  std::vector<BookingRow> bookings_of(int64_t member_id) override;
  std::vector<BookingRow> bookings_in_clinic(int64_t clinic_id, int64_t from_ms, int64_t to_ms) override;
  int64_t book_slot(int64_t slot_id, int64_t member_id, int64_t now_ms) override;
  void set_booking_status(int64_t booking_id, const std::string& status) override;

  DailyReport daily_report(int64_t clinic_id, int64_t from_ms, int64_t to_ms) override;
  std::vector<int64_t> active_members(int64_t clinic_id, int64_t from_ms) override;

 private:
  Db& db_;
};

}  // namespace clinic::server
