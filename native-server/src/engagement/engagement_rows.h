// The one mapping of outbox and review rows to their structs, for both engagement stores,
// SQLite (Stmt) and PostgreSQL (PgQuery): select the columns named by OUTBOX_COLUMNS /
// REVIEW_COLUMNS, in that order.
#pragma once

#include "engagement/engagement_repo.h"

namespace clinic::server {

#define OUTBOX_COLUMNS                                                                                            \
  "id, org_id, clinic_id, member_id, kind, cause, dedupe_key, data, due_at_ms, expires_at_ms, status, attempts, " \
  "COALESCE(claim_token, ''), COALESCE(template_id, ''), last_error, created_at_ms, updated_at_ms"
template <class Row>
OutboxRow read_outbox(const Row& s) {
  OutboxRow o;
  o.id = s.i64(0);
  o.org_id = s.i64(1);
  o.clinic_id = s.i64(2);
  o.member_id = s.i64(3);
  o.kind = s.text(4);
  o.cause = s.text(5);
  o.dedupe_key = s.text(6);
  o.data = s.text(7);
  o.due_at_ms = s.i64(8);
  if (!s.is_null(9)) o.expires_at_ms = s.i64(9);
  o.status = s.text(10);
  o.attempts = s.i64(11);
  o.claim_token = s.text(12);
  o.template_id = s.text(13);
  o.last_error = s.text(14);
  o.created_at_ms = s.i64(15);
  o.updated_at_ms = s.i64(16);
  return o;
}

#define REVIEW_COLUMNS \
  "id, visit_id, member_id, clinic_id, doctor_id, department_id, stars, text, status, points, at_ms"
template <class Row>
ReviewRow read_review(const Row& s) {
  ReviewRow r;
  r.id = s.i64(0);
  r.visit_id = s.i64(1);
  r.member_id = s.i64(2);
  r.clinic_id = s.i64(3);
  if (!s.is_null(4)) r.doctor_id = s.i64(4);
  if (!s.is_null(5)) r.department_id = s.i64(5);
  r.stars = s.i64(6);
  r.text = s.opt_text(7);
  r.status = s.text(8);
  r.points = s.i64(9);
  r.at_ms = s.i64(10);
  return r;
}

}  // namespace clinic::server
