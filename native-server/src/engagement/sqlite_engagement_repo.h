// SQLite implementation of EngagementRepo (engagement/engagement_repo.h), bound to one connection.
#pragma once

#include "engagement/engagement_repo.h"
#include "store/sqlite.h"

namespace clinic::server {

class SqliteEngagementRepo final : public EngagementRepo {
 public:
  explicit SqliteEngagementRepo(Db& db) : db_(db) {}

  std::optional<std::string> template_document(int64_t org_id) override;
  std::vector<std::pair<int64_t, std::string>> template_documents() override;
  void save_template_document(int64_t org_id, const std::string& document, int64_t now_ms) override;
  void record_subscription(int64_t member_id, const std::string& template_id, const std::string& result,
                           int64_t now_ms) override;
  bool reserve_subscription(int64_t member_id, const std::string& template_id, int64_t outbox_id,
                            int64_t now_ms) override;
  std::vector<SubscriptionSummary> subscriptions_of(int64_t member_id) override;
  bool job_ran(const std::string& job, int64_t period) override;
  bool claim_job_run(const std::string& job, int64_t period, int64_t org_id, int64_t now_ms) override;
  bool enqueue(const OutboxRow& row) override;
  int cancel_by_cause(const std::string& cause, const std::string& reason, int64_t now_ms) override;
  std::vector<OutboxRow> claim_due(int64_t now_ms, const std::string& token, int64_t lease_ms, int limit) override;
  bool finish(const OutboxRow& row, const std::string& token, int64_t now_ms) override;
  std::vector<OutboxRow> outbox_of_clinic(int64_t clinic_id, bool failures_only, int limit) override;
  std::vector<OutboxRow> outbox_of_member(int64_t member_id) override;
  void erase_member(int64_t member_id) override;
  std::optional<ReviewRow> review_of_visit(int64_t visit_id) override;
  int64_t insert_review(const ReviewRow& row) override;
  std::optional<ReviewRow> review_by_id(int64_t id) override;
  void publish_review(int64_t id, int64_t points) override;
  std::vector<ReviewRow> reviews_of_clinic(int64_t clinic_id, int limit) override;
  std::vector<ReviewGroup> review_groups(int64_t clinic_id, bool by_doctor) override;
  std::optional<std::pair<int64_t, int64_t>> doctor_of_visit(int64_t clinic_id, int64_t member_id, int64_t day_from_ms,
                                                             int64_t day_to_ms) override;
  std::vector<std::pair<int64_t, int64_t>> member_joins(int64_t org_id, int64_t from_ms) override;
  std::vector<std::pair<int64_t, int64_t>> member_activity(int64_t org_id, int64_t from_ms) override;
  std::vector<ReminderFollowUp> reminder_follow_ups(int64_t clinic_id) override;
  std::optional<std::string> invite_qr(int64_t member_id) override;
  void save_invite_qr(int64_t member_id, const std::string& scene, const std::string& png, int64_t now_ms) override;
  std::optional<std::string> clinic_poster(int64_t clinic_id) override;
  void save_clinic_poster(int64_t clinic_id, const std::string& scene, const std::string& png, int64_t now_ms) override;

 private:
  Db& db_;
};

}  // namespace clinic::server
