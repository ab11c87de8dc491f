// Storage of issue 19 (bring patients back): subscribe-message templates per organisation,
// the member's subscription answers, the durable outbox of reminders, reviews and the
// cached invite QR codes. Reached from any Store job as `r.engagement()`, so a reminder is
// written in the same transaction as its cause. Writes only inside Store::write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clinic::server {

struct OutboxRow {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t clinic_id = 0;
  int64_t member_id = 0;
  std::string kind;         // engagement/templates.h kMessageKinds
  std::string cause;        // "booking:12", "visit:7", "coupon:CODE" (cancelling by cause)
  std::string dedupe_key;   // one row per cause and reminder (re-enqueueing is a no-op)
  std::string data = "{}";  // the values the template's fields map from (JSON object)
  int64_t due_at_ms = 0;
  std::optional<int64_t> expires_at_ms;  // stale after this (an appointment that started)
  std::string status = "due";            // due claimed sent failed skipped cancelled
  int64_t attempts = 0;
  std::string claim_token;
  std::string template_id;
  std::string last_error;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct SubscriptionSummary {
  std::string template_id;
  int64_t unused_accepts = 0;
  std::string last_result;
  int64_t last_at_ms = 0;
};

struct ReviewRow {
  int64_t id = 0;
  int64_t visit_id = 0;
  int64_t member_id = 0;
  int64_t clinic_id = 0;
  std::optional<int64_t> doctor_id;
  std::optional<int64_t> department_id;
  int64_t stars = 0;
  std::optional<std::string> text;
  std::string status;  // published | held
  int64_t points = 0;
  int64_t at_ms = 0;
};

struct ReviewGroup {  // reviews per doctor or department (published and held)
  int64_t id = 0;
  std::string name;
  int64_t count = 0;
  int64_t stars_sum = 0;
};

struct ReminderFollowUp {  // reminders sent of a kind, and how many were followed by their action
  std::string kind;
  int64_t sent = 0;
  int64_t followed = 0;
};

class EngagementRepo {
 public:
  virtual ~EngagementRepo() = default;

  virtual std::optional<std::string> template_document(int64_t org_id) = 0;
  virtual std::vector<std::pair<int64_t, std::string>> template_documents() = 0;
  virtual void save_template_document(int64_t org_id, const std::string& document, int64_t now_ms) = 0;  // write

  // write. A 'ban' voids the member's unused accepts of that template.
  virtual void record_subscription(int64_t member_id, const std::string& template_id, const std::string& result,
                                   int64_t now_ms) = 0;
  // write. Takes one unused accept for the outbox row (or the one it already holds); false when none.
  virtual bool reserve_subscription(int64_t member_id, const std::string& template_id, int64_t outbox_id,
                                    int64_t now_ms) = 0;
  virtual std::vector<SubscriptionSummary> subscriptions_of(int64_t member_id) = 0;

  // A periodic job's run for one period (the daily scan of an organisation), shared by every
  // instance on one store: job_ran reads; claim_job_run (write) is true for the first claimer only.
  virtual bool job_ran(const std::string& job, int64_t period) = 0;
  virtual bool claim_job_run(const std::string& job, int64_t period, int64_t org_id, int64_t now_ms) = 0;
  virtual bool enqueue(const OutboxRow& row) = 0;  // write; false when the dedupe key exists
  virtual int cancel_by_cause(const std::string& cause, const std::string& reason, int64_t now_ms) = 0;  // write
  // write. Claims up to `limit` rows due at `now_ms` (or whose claim lease ran out) for `token`.
  virtual std::vector<OutboxRow> claim_due(int64_t now_ms, const std::string& token, int64_t lease_ms, int limit) = 0;
  // write. Only while the row still carries `token` (a lost lease changes nothing); false otherwise.
  virtual bool finish(const OutboxRow& row, const std::string& token, int64_t now_ms) = 0;
  virtual std::vector<OutboxRow> outbox_of_clinic(int64_t clinic_id, bool failures_only, int limit) = 0;
  virtual std::vector<OutboxRow> outbox_of_member(int64_t member_id) = 0;
  virtual void erase_member(int64_t member_id) = 0;  // write: outbox, subscriptions, QR, review texts

  virtual std::optional<ReviewRow> review_of_visit(int64_t visit_id) = 0;
  virtual int64_t insert_review(const ReviewRow& row) = 0;  // write
  virtual std::optional<ReviewRow> review_by_id(int64_t id) = 0;
  virtual void publish_review(int64_t id, int64_t points) = 0;  // write: held → published
  virtual std::vector<ReviewRow> reviews_of_clinic(int64_t clinic_id, int limit) = 0;
  virtual std::vector<ReviewGroup> review_groups(int64_t clinic_id, bool by_doctor) = 0;
  // The doctor the member was booked with at the clinic on the visit's local day, if any.
  virtual std::optional<std::pair<int64_t, int64_t>> doctor_of_visit(int64_t clinic_id, int64_t member_id,
                                                                     int64_t day_from_ms, int64_t day_to_ms) = 0;

  // Retention (manager view): (member id, joined at) of the organisation; (member id, at) of
  // every check-in, self-test and visit of its members since `from_ms`; per reminder kind
  // of the clinic the sent reminders and those followed by their action.
  virtual std::vector<std::pair<int64_t, int64_t>> member_joins(int64_t org_id, int64_t from_ms) = 0;
  virtual std::vector<std::pair<int64_t, int64_t>> member_activity(int64_t org_id, int64_t from_ms) = 0;
  virtual std::vector<ReminderFollowUp> reminder_follow_ups(int64_t clinic_id) = 0;

  virtual std::optional<std::string> invite_qr(int64_t member_id) = 0;
  virtual void save_invite_qr(int64_t member_id, const std::string& scene, const std::string& png,
                              int64_t now_ms) = 0;  // write
  virtual std::optional<std::string> clinic_poster(int64_t clinic_id) = 0;
  virtual void save_clinic_poster(int64_t clinic_id, const std::string& scene, const std::string& png,
                                  int64_t now_ms) = 0;  // write
};

}  // namespace clinic::server
