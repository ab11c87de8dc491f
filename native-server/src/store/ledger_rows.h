// The one mapping of a ledger_entries row to LedgerEntry, for every repository that reads the
// ledger, SQLite (Stmt) or PostgreSQL (PgQuery): both offer i64/text/is_null by column. Select the columns in this
// order: id, member_id, clinic_id, event_id, kind, points, at_ms, rule_version_id, entry.
#pragma once

#include "store/repositories.h"

namespace clinic::server {

template <class Row>
LedgerEntry read_ledger_entry(const Row& s) {
  LedgerEntry e;
  e.id = s.i64(0);
  e.member_id = s.i64(1);
  e.clinic_id = s.i64(2);
  e.event_id = s.text(3);
  e.kind = s.text(4);
  e.points = s.i64(5);
  e.at_ms = s.i64(6);
  if (!s.is_null(7)) e.rule_version_id = s.i64(7);
  e.entry = s.text(8);
  return e;
}

}  // namespace clinic::server
