#include "engagement/sqlite_engagement_repo.h"
#include "engagement/engagement_rows.h"
#include "store/org_of.h"

namespace clinic::server {
std::optional<std::string> SqliteEngagementRepo::template_document(int64_t org_id) {
  Stmt s = db_.prepare("SELECT document FROM message_templates WHERE org_id = ?");
  s.bind(1, org_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::vector<std::pair<int64_t, std::string>> SqliteEngagementRepo::template_documents() {
  Stmt s = db_.prepare("SELECT org_id, document FROM message_templates ORDER BY org_id");
  std::vector<std::pair<int64_t, std::string>> out;
  while (s.step()) out.emplace_back(s.i64(0), s.text(1));
  return out;
}

void SqliteEngagementRepo::save_template_document(int64_t org_id, const std::string& document, int64_t now_ms) {
  db_.prepare(
         "INSERT INTO message_templates(org_id, document, updated_at_ms) VALUES(?, ?, ?) "
         "ON CONFLICT(org_id) DO UPDATE SET document = excluded.document, updated_at_ms = excluded.updated_at_ms")
      .bind(1, org_id)
      .bind(2, document)
      .bind(3, now_ms)
      .run();
}

void SqliteEngagementRepo::record_subscription(int64_t member_id, const std::string& template_id,
                                               const std::string& result, int64_t now_ms) {
  if (result == "ban") {
    // used_by_outbox_id 0 marks an accept voided by a later ban (never sent).
    db_.prepare(
           "UPDATE subscriptions SET used_by_outbox_id = 0, used_at_ms = ? WHERE member_id = ? AND template_id = ? "
           "AND result = 'accept' AND used_by_outbox_id IS NULL")
        .bind(1, now_ms)
        .bind(2, member_id)
        .bind(3, template_id)
        .run();
  }
  db_.prepare(
         "INSERT INTO subscriptions(member_id, template_id, result, at_ms, org_id) VALUES(?, ?, ?, ?, " ORG_OF_MEMBER(
             "?1") ")")
      .bind(1, member_id)
      .bind(2, template_id)
      .bind(3, result)
      .bind(4, now_ms)
      .run();
}

bool SqliteEngagementRepo::reserve_subscription(int64_t member_id, const std::string& template_id, int64_t outbox_id,
                                                int64_t now_ms) {
  {
    Stmt held = db_.prepare("SELECT 1 FROM subscriptions WHERE used_by_outbox_id = ? AND member_id = ?");
    held.bind(1, outbox_id).bind(2, member_id);
    if (held.step()) return true;  // a retry keeps the accept its first attempt took
  }
  db_.prepare(
         "UPDATE subscriptions SET used_by_outbox_id = ?, used_at_ms = ? WHERE id = (SELECT id FROM subscriptions "
         "WHERE member_id = ? AND template_id = ? AND result = 'accept' AND used_by_outbox_id IS NULL ORDER BY id "
         "LIMIT 1)")
      .bind(1, outbox_id)
      .bind(2, now_ms)
      .bind(3, member_id)
      .bind(4, template_id)
      .run();
  return db_.changes() == 1;
}

std::vector<SubscriptionSummary> SqliteEngagementRepo::subscriptions_of(int64_t member_id) {
  Stmt s = db_.prepare(
      "SELECT template_id, SUM(result = 'accept' AND used_by_outbox_id IS NULL), "
      "(SELECT result FROM subscriptions l WHERE l.member_id = s.member_id AND l.template_id = s.template_id "
      "ORDER BY id DESC LIMIT 1), MAX(at_ms) FROM subscriptions s WHERE member_id = ? GROUP BY template_id "
      "ORDER BY template_id");
  s.bind(1, member_id);
  std::vector<SubscriptionSummary> out;
  while (s.step()) out.push_back(SubscriptionSummary{s.text(0), s.i64(1), s.text(2), s.i64(3)});
  return out;
}

bool SqliteEngagementRepo::job_ran(const std::string& job, int64_t period) {
  Stmt s = db_.prepare("SELECT 1 FROM job_runs WHERE job = ? AND period = ?");
  s.bind(1, job).bind(2, period);
  return s.step();
}

bool SqliteEngagementRepo::claim_job_run(const std::string& job, int64_t period, int64_t org_id, int64_t now_ms) {
  Stmt s = db_.prepare("INSERT OR IGNORE INTO job_runs(job, period, org_id, ran_at_ms) VALUES(?, ?, ?, ?)");
  s.bind(1, job).bind(2, period).bind(3, org_id).bind(4, now_ms);
  s.run();
  return db_.changes() == 1;
}

bool SqliteEngagementRepo::enqueue(const OutboxRow& o) {
  Stmt s = db_.prepare(
      "INSERT INTO outbox(org_id, clinic_id, member_id, kind, cause, dedupe_key, data, due_at_ms, expires_at_ms, "
      "status, created_at_ms, updated_at_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 'due', ?, ?) "
      "ON CONFLICT(dedupe_key) DO NOTHING");
  s.bind(1, o.org_id)
      .bind(2, o.clinic_id)
      .bind(3, o.member_id)
      .bind(4, o.kind)
      .bind(5, o.cause)
      .bind(6, o.dedupe_key)
      .bind(7, o.data)
      .bind(8, o.due_at_ms);
  if (o.expires_at_ms) {
    s.bind(9, *o.expires_at_ms);
  } else {
    s.bind_null(9);
  }
  s.bind(10, o.created_at_ms).bind(11, o.created_at_ms).run();
  return db_.changes() == 1;
}

int SqliteEngagementRepo::cancel_by_cause(const std::string& cause, const std::string& reason, int64_t now_ms) {
  db_.prepare(
         "UPDATE outbox SET status = 'cancelled', last_error = ?, claim_token = NULL, updated_at_ms = ? "
         "WHERE cause = ? AND status = 'due'")
      .bind(1, reason)
      .bind(2, now_ms)
      .bind(3, cause)
      .run();
  return db_.changes();
}

std::vector<OutboxRow> SqliteEngagementRepo::claim_due(int64_t now_ms, const std::string& token, int64_t lease_ms,
                                                       int limit) {
  // One UPDATE claims: on a shared store two instances cannot both take a row. The due rows and
  // the lapsed claims are two index-ordered scans, each stopping at `limit`: one OR over both
  // sorted every due row first (a backlog of 40,000 unsendable messages was a full scan and sort
  // in the single writer on every tick).
  db_.prepare(
         "UPDATE outbox SET status = 'claimed', claim_token = ?1, claimed_until_ms = ?2, updated_at_ms = ?3 "
         "WHERE id IN (SELECT id FROM ("
         "SELECT * FROM (SELECT id, due_at_ms FROM outbox WHERE status = 'due' AND due_at_ms <= ?3 "
         "ORDER BY due_at_ms, id LIMIT ?4) UNION ALL "
         "SELECT * FROM (SELECT id, due_at_ms FROM outbox WHERE status = 'claimed' AND claimed_until_ms < ?3 "
         "ORDER BY due_at_ms, id LIMIT ?4)) ORDER BY due_at_ms, id LIMIT ?4)")
      .bind(1, token)
      .bind(2, now_ms + lease_ms)
      .bind(3, now_ms)
      .bind(4, int64_t{limit})
      .run();
  Stmt s =
      db_.prepare("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE claim_token = ? AND status = 'claimed' ORDER BY id");
  s.bind(1, token);
  std::vector<OutboxRow> out;
  while (s.step()) out.push_back(read_outbox(s));
  return out;
}

bool SqliteEngagementRepo::finish(const OutboxRow& o, const std::string& token, int64_t now_ms) {
  Stmt s = db_.prepare(
      "UPDATE outbox SET status = ?, attempts = ?, due_at_ms = ?, template_id = NULLIF(?, ''), last_error = ?, "
      "claim_token = NULL, claimed_until_ms = NULL, updated_at_ms = ? WHERE id = ? AND claim_token = ?");
  s.bind(1, o.status)
      .bind(2, o.attempts)
      .bind(3, o.due_at_ms)
      .bind(4, o.template_id)
      .bind(5, o.last_error)
      .bind(6, now_ms)
      .bind(7, o.id)
      .bind(8, token)
      .run();
  return db_.changes() == 1;
}

std::vector<OutboxRow> SqliteEngagementRepo::outbox_of_clinic(int64_t clinic_id, bool failures_only, int limit) {
  Stmt s = failures_only
               ? db_.prepare("SELECT " OUTBOX_COLUMNS
                             " FROM outbox WHERE clinic_id = ? AND (status = 'failed' OR "
                             "(status = 'due' AND attempts > 0)) ORDER BY updated_at_ms DESC, id DESC LIMIT ?")
               : db_.prepare("SELECT " OUTBOX_COLUMNS
                             " FROM outbox WHERE clinic_id = ? ORDER BY updated_at_ms DESC, id DESC LIMIT ?");
  s.bind(1, clinic_id).bind(2, int64_t{limit});
  std::vector<OutboxRow> out;
  while (s.step()) out.push_back(read_outbox(s));
  return out;
}

std::vector<OutboxRow> SqliteEngagementRepo::outbox_of_member(int64_t member_id) {
  Stmt s = db_.prepare("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE member_id = ? ORDER BY id");
  s.bind(1, member_id);
  std::vector<OutboxRow> out;
  while (s.step()) out.push_back(read_outbox(s));
  return out;
}

void SqliteEngagementRepo::erase_member(int64_t member_id) {
  db_.prepare("DELETE FROM outbox WHERE member_id = ?").bind(1, member_id).run();
  db_.prepare("DELETE FROM subscriptions WHERE member_id = ?").bind(1, member_id).run();
  db_.prepare("DELETE FROM invite_qr WHERE member_id = ?").bind(1, member_id).run();
  // Stars stay in the doctors' averages; the words a person wrote leave with them.
  db_.prepare("UPDATE reviews SET text = NULL WHERE member_id = ?").bind(1, member_id).run();
}

std::optional<ReviewRow> SqliteEngagementRepo::review_of_visit(int64_t visit_id) {
  Stmt s = db_.prepare("SELECT " REVIEW_COLUMNS " FROM reviews WHERE visit_id = ?");
  s.bind(1, visit_id);
  if (!s.step()) return std::nullopt;
  return read_review(s);
}

int64_t SqliteEngagementRepo::insert_review(const ReviewRow& r) {
  Stmt s = db_.prepare(
      "INSERT INTO reviews(visit_id, member_id, clinic_id, doctor_id, department_id, stars, text, status, points, "
      "at_ms, org_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " ORG_OF_CLINIC("?3") ")");
  s.bind(1, r.visit_id).bind(2, r.member_id).bind(3, r.clinic_id);
  if (r.doctor_id) {
    s.bind(4, *r.doctor_id).bind(5, *r.department_id);
  } else {
    s.bind_null(4).bind_null(5);
  }
  s.bind(6, r.stars).bind_opt(7, r.text).bind(8, r.status).bind(9, r.points).bind(10, r.at_ms).run();
  return db_.last_insert_id();
}

std::optional<ReviewRow> SqliteEngagementRepo::review_by_id(int64_t id) {
  Stmt s = db_.prepare("SELECT " REVIEW_COLUMNS " FROM reviews WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_review(s);
}

void SqliteEngagementRepo::publish_review(int64_t id, int64_t points) {
  db_.prepare("UPDATE reviews SET status = 'published', points = ? WHERE id = ?").bind(1, points).bind(2, id).run();
}

std::vector<ReviewRow> SqliteEngagementRepo::reviews_of_clinic(int64_t clinic_id, int limit) {
  Stmt s =
      db_.prepare("SELECT " REVIEW_COLUMNS " FROM reviews WHERE clinic_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?");
  s.bind(1, clinic_id).bind(2, int64_t{limit});
  std::vector<ReviewRow> out;
  while (s.step()) out.push_back(read_review(s));
  return out;
}

std::vector<ReviewGroup> SqliteEngagementRepo::review_groups(int64_t clinic_id, bool by_doctor) {
  Stmt s = by_doctor ? db_.prepare(
                           "SELECT d.id, d.name, COUNT(r.id), COALESCE(SUM(r.stars), 0) FROM doctors d LEFT JOIN "
                           "reviews r ON r.doctor_id = d.id WHERE d.clinic_id = ? GROUP BY d.id ORDER BY d.id")
                     : db_.prepare(
                           "SELECT d.id, d.name_zh || ' ' || d.name_en, COUNT(r.id), COALESCE(SUM(r.stars), 0) FROM "
                           "departments d LEFT JOIN reviews r ON r.department_id = d.id WHERE d.clinic_id = ? "
                           "GROUP BY d.id ORDER BY d.id");
  s.bind(1, clinic_id);
  std::vector<ReviewGroup> out;
  while (s.step()) out.push_back(ReviewGroup{s.i64(0), s.text(1), s.i64(2), s.i64(3)});
  return out;
}

std::optional<std::pair<int64_t, int64_t>> SqliteEngagementRepo::doctor_of_visit(int64_t clinic_id, int64_t member_id,
                                                                                 int64_t day_from_ms,
                                                                                 int64_t day_to_ms) {
  Stmt s = db_.prepare(
      "SELECT d.id, d.department_id FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN doctors d ON "
      "d.id = sl.doctor_id WHERE b.member_id = ? AND b.clinic_id = ? AND b.status IN ('booked','checked_in') "
      "AND sl.starts_at_ms >= ? AND sl.starts_at_ms < ? ORDER BY sl.starts_at_ms DESC LIMIT 1");
  s.bind(1, member_id).bind(2, clinic_id).bind(3, day_from_ms).bind(4, day_to_ms);
  if (!s.step()) return std::nullopt;
  return std::make_pair(s.i64(0), s.i64(1));
}

std::vector<std::pair<int64_t, int64_t>> SqliteEngagementRepo::member_joins(int64_t org_id, int64_t from_ms) {
  Stmt s = db_.prepare("SELECT id, created_at_ms FROM members WHERE org_id = ? AND created_at_ms >= ? ORDER BY id");
  s.bind(1, org_id).bind(2, from_ms);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (s.step()) out.emplace_back(s.i64(0), s.i64(1));
  return out;
}

std::vector<std::pair<int64_t, int64_t>> SqliteEngagementRepo::member_activity(int64_t org_id, int64_t from_ms) {
  // Check-ins since the date are the entries at the organisation's clinics by time
  // (ledger_clinic_at): the ledger has no per-member time index (migration 14).
  Stmt s = db_.prepare(
      "SELECT member_id, at_ms FROM ledger_entries WHERE clinic_id IN (SELECT id FROM clinics WHERE org_id = ?1) "
      "AND at_ms >= ?2 AND event_id LIKE 'checkin:%' "
      "UNION ALL SELECT e.member_id, e.at_ms FROM (SELECT member_id, at_ms FROM triage_results "
      "UNION ALL SELECT member_id, at_ms FROM visits) e JOIN members m ON m.id = e.member_id "
      "WHERE m.org_id = ?1 AND e.at_ms >= ?2");
  s.bind(1, org_id).bind(2, from_ms);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (s.step()) out.emplace_back(s.i64(0), s.i64(1));
  return out;
}

std::vector<ReminderFollowUp> SqliteEngagementRepo::reminder_follow_ups(int64_t clinic_id) {
  // Counted per cause (an appointment has two reminders but one outcome).
  Stmt s = db_.prepare(
      "SELECT 'appointment_reminder', COUNT(DISTINCT o.cause), COUNT(DISTINCT CASE WHEN b.status = 'checked_in' "
      "THEN o.cause END) FROM outbox o LEFT JOIN bookings b ON o.cause = 'booking:' || b.id "
      "WHERE o.clinic_id = ?1 AND o.kind = 'appointment_reminder' AND o.status = 'sent' "
      "UNION ALL SELECT 'visit_followup', COUNT(*), COUNT(r.id) FROM outbox o LEFT JOIN reviews r "
      "ON o.cause = 'visit:' || r.visit_id WHERE o.clinic_id = ?1 AND o.kind = 'visit_followup' AND o.status = 'sent' "
      "UNION ALL SELECT 'coupon_expiring', COUNT(*), COUNT(c.code) FROM outbox o LEFT JOIN coupons c "
      "ON o.cause = 'coupon:' || c.code AND c.status = 'used' WHERE o.clinic_id = ?1 AND o.kind = 'coupon_expiring' "
      "AND o.status = 'sent' "
      "UNION ALL SELECT 'points_expiring', COUNT(*), SUM(EXISTS(SELECT 1 FROM ledger_entries l WHERE "
      "l.member_id = o.member_id AND l.kind = 'spend' AND l.at_ms BETWEEN o.updated_at_ms AND "
      "o.updated_at_ms + 30 * 86400000)) FROM outbox o WHERE o.clinic_id = ?1 AND o.kind = 'points_expiring' AND "
      "o.status = 'sent'");
  s.bind(1, clinic_id);
  std::vector<ReminderFollowUp> out;
  while (s.step()) out.push_back(ReminderFollowUp{s.text(0), s.i64(1), s.i64(2)});
  return out;
}

std::optional<std::string> SqliteEngagementRepo::invite_qr(int64_t member_id) {
  Stmt s = db_.prepare("SELECT png FROM invite_qr WHERE member_id = ?");
  s.bind(1, member_id);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

void SqliteEngagementRepo::save_invite_qr(int64_t member_id, const std::string& scene, const std::string& png,
                                          int64_t now_ms) {
  db_.prepare(
         "INSERT OR IGNORE INTO invite_qr(member_id, scene, png, created_at_ms, org_id) VALUES(?, ?, ?, "
         "?, " ORG_OF_MEMBER("?1") ")")
      .bind(1, member_id)
      .bind(2, scene)
      .bind_blob(3, png)
      .bind(4, now_ms)
      .run();
}

std::optional<std::string> SqliteEngagementRepo::clinic_poster(int64_t clinic_id) {
  Stmt s = db_.prepare("SELECT png FROM clinic_posters WHERE clinic_id = ?");
  s.bind(1, clinic_id);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

void SqliteEngagementRepo::save_clinic_poster(int64_t clinic_id, const std::string& scene, const std::string& png,
                                              int64_t now_ms) {
  db_.prepare(
         "INSERT OR IGNORE INTO clinic_posters(clinic_id, scene, png, created_at_ms, org_id) VALUES(?, ?, ?, "
         "?, " ORG_OF_CLINIC("?1") ")")
      .bind(1, clinic_id)
      .bind(2, scene)
      .bind_blob(3, png)
      .bind(4, now_ms)
      .run();
}

}  // namespace clinic::server
