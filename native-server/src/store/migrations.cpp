#include "store/migrations.h"

#include <string>

namespace clinic::server {
namespace {

// Migration 3: the openid becomes its keyed hash (like phone lookups) for lookups, and sealed
// (openid_enc) for what must name the member to WeChat (subscribe messages, content checks);
// the plaintext column is emptied (secure_delete zeroes the old bytes, the store checkpoints the
// WAL after).
void hash_openids(Db& db, const Vault& vault) {
  std::vector<std::pair<int64_t, std::string>> rows;
  {
    Stmt s = db.prepare("SELECT id, openid FROM members WHERE openid IS NOT NULL");
    while (s.step()) rows.emplace_back(s.i64(0), s.text(1));
  }
  for (const auto& [id, openid] : rows) {
    db.prepare("UPDATE members SET openid_hash = ?, openid_enc = ?, openid = NULL WHERE id = ?")
        .bind(1, vault.lookup_hash("openid", openid))
        .bind_blob(2, vault.seal("openid", openid))
        .bind(3, id)
        .run();
  }
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, "platform", R"SQL(
CREATE TABLE organizations(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at_ms INTEGER NOT NULL);
CREATE TABLE clinics(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organizations(id), name TEXT NOT NULL,
  utc_offset_min INTEGER NOT NULL DEFAULT 480, created_at_ms INTEGER NOT NULL);
CREATE TABLE departments(
  id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinics(id), code TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, UNIQUE(clinic_id, code));
CREATE TABLE doctors(
  id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinics(id),
  department_id INTEGER NOT NULL REFERENCES departments(id), name TEXT NOT NULL, title TEXT NOT NULL DEFAULT '');
CREATE TABLE slots(
  id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinics(id),
  doctor_id INTEGER NOT NULL REFERENCES doctors(id), starts_at_ms INTEGER NOT NULL, ends_at_ms INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK(capacity >= 0), booked INTEGER NOT NULL DEFAULT 0 CHECK(booked >= 0 AND booked <= capacity),
  UNIQUE(doctor_id, starts_at_ms));
CREATE INDEX slots_clinic_time ON slots(clinic_id, starts_at_ms);
CREATE TABLE members(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organizations(id),
  openid TEXT UNIQUE, unionid TEXT, session_key_enc BLOB,
  name_enc BLOB, phone_enc BLOB, phone_hash TEXT, id_number_enc BLOB, id_number_hash TEXT,
  created_at_ms INTEGER NOT NULL, deleted_at_ms INTEGER);
CREATE INDEX members_phone_hash ON members(org_id, phone_hash);
CREATE INDEX members_id_number_hash ON members(org_id, id_number_hash);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK(kind IN ('member','staff')), subject_id INTEGER NOT NULL,
  csrf_token TEXT NOT NULL DEFAULT '', created_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER);
CREATE INDEX sessions_subject ON sessions(kind, subject_id);
CREATE TABLE staff(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organizations(id), clinic_id INTEGER REFERENCES clinics(id),
  username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL CHECK(role IN ('desk','manager','admin')),
  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at_ms INTEGER NOT NULL);
CREATE TABLE consents(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK(kind IN ('health_data','marketing')), granted INTEGER NOT NULL,
  policy_version TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE INDEX consents_member ON consents(member_id, kind, id);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, org_id INTEGER, staff_id INTEGER, clinic_id INTEGER,
  action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '{}');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE rule_versions(
  id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinics(id), kind TEXT NOT NULL,
  version INTEGER NOT NULL, document TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL, created_by INTEGER, UNIQUE(clinic_id, kind, version));
CREATE UNIQUE INDEX rule_versions_one_active ON rule_versions(clinic_id, kind) WHERE active = 1;
CREATE TABLE ledger_entries(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), clinic_id INTEGER NOT NULL,
  event_id TEXT NOT NULL, kind TEXT NOT NULL, points INTEGER NOT NULL, at_ms INTEGER NOT NULL,
  rule_version_id INTEGER REFERENCES rule_versions(id), entry TEXT NOT NULL, UNIQUE(member_id, event_id));
CREATE INDEX ledger_member_at ON ledger_entries(member_id, at_ms);
CREATE INDEX ledger_clinic_at ON ledger_entries(clinic_id, at_ms);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TABLE idempotency_keys(
  scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, created_at_ms INTEGER NOT NULL, PRIMARY KEY(scope, key));
)SQL"},
      {2, "patient and desk api", R"SQL(
CREATE TABLE invite_codes(
  code TEXT PRIMARY KEY, member_id INTEGER NOT NULL UNIQUE REFERENCES members(id), created_at_ms INTEGER NOT NULL);
CREATE TABLE referral_bindings(
  invitee_id INTEGER PRIMARY KEY REFERENCES members(id), inviter_id INTEGER NOT NULL REFERENCES members(id),
  campaign_id TEXT NOT NULL, binding TEXT NOT NULL, bound_at_ms INTEGER NOT NULL);
CREATE INDEX referral_bindings_inviter ON referral_bindings(inviter_id);
CREATE TABLE coupons(
  code TEXT PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), clinic_id INTEGER NOT NULL,
  catalogue_id TEXT NOT NULL, coupon TEXT NOT NULL, status TEXT NOT NULL CHECK(status IN ('issued','used','cancelled')),
  visit_id INTEGER, created_at_ms INTEGER NOT NULL, used_at_ms INTEGER);
CREATE INDEX coupons_member ON coupons(member_id, created_at_ms);
CREATE TABLE visits(
  id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinics(id), member_id INTEGER NOT NULL REFERENCES members(id),
  visit_ref TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, status TEXT NOT NULL CHECK(status IN ('confirmed','refunded')),
  cart TEXT NOT NULL, priced TEXT NOT NULL, payable_fen INTEGER NOT NULL, points INTEGER NOT NULL,
  inviter_id INTEGER, rebate INTEGER NOT NULL DEFAULT 0, rebate_unit TEXT NOT NULL DEFAULT '', staff_id INTEGER,
  at_ms INTEGER NOT NULL, refunded_at_ms INTEGER, UNIQUE(clinic_id, visit_ref));
CREATE INDEX visits_member ON visits(member_id, at_ms);
CREATE INDEX visits_clinic_at ON visits(clinic_id, at_ms);
CREATE TABLE triage_results(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), at_ms INTEGER NOT NULL,
  complaint TEXT NOT NULL, level TEXT NOT NULL, outcome TEXT NOT NULL, answers TEXT, matched INTEGER NOT NULL,
  phone_outcome TEXT);
CREATE INDEX triage_results_member ON triage_results(member_id, at_ms);
CREATE TABLE bookings(
  id INTEGER PRIMARY KEY, slot_id INTEGER NOT NULL REFERENCES slots(id), member_id INTEGER NOT NULL REFERENCES members(id),
  clinic_id INTEGER NOT NULL, status TEXT NOT NULL CHECK(status IN ('booked','cancelled','checked_in','no_show')),
  created_at_ms INTEGER NOT NULL);
CREATE INDEX bookings_member ON bookings(member_id);
CREATE INDEX bookings_slot ON bookings(slot_id);
)SQL"},
      {3, "openid as a keyed hash", R"SQL(
ALTER TABLE members ADD COLUMN openid_hash TEXT;
ALTER TABLE members ADD COLUMN openid_enc BLOB;
CREATE UNIQUE INDEX members_openid_hash ON members(openid_hash);
)SQL",
       &hash_openids},
      {4, "families", R"SQL(
CREATE TABLE patients(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organizations(id),
  member_id INTEGER NOT NULL REFERENCES members(id), name_enc BLOB NOT NULL,
  sex TEXT NOT NULL CHECK(sex IN ('male','female')), birth_date TEXT NOT NULL, relation TEXT NOT NULL,
  id_number_enc BLOB, id_number_hash TEXT, phone_enc BLOB, phone_hash TEXT, guardian_consent_at_ms INTEGER,
  created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
CREATE INDEX patients_member ON patients(member_id, id);
CREATE UNIQUE INDEX patients_member_id_number ON patients(member_id, id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE UNIQUE INDEX patients_one_self ON patients(member_id) WHERE relation = 'self';
CREATE INDEX patients_org_phone ON patients(org_id, phone_hash);
ALTER TABLE bookings ADD COLUMN patient_id INTEGER REFERENCES patients(id);
ALTER TABLE visits ADD COLUMN patient_id INTEGER REFERENCES patients(id);
ALTER TABLE triage_results ADD COLUMN patient_id INTEGER REFERENCES patients(id);
CREATE INDEX bookings_patient ON bookings(patient_id);
CREATE INDEX visits_patient ON visits(patient_id);
CREATE INDEX triage_results_patient ON triage_results(patient_id, at_ms);
ALTER TABLE clinics ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE clinics ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clinics ADD COLUMN latitude_e6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clinics ADD COLUMN longitude_e6 INTEGER NOT NULL DEFAULT 0;
CREATE TABLE member_code_secrets(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), session_token_hash TEXT NOT NULL,
  secret_enc BLOB NOT NULL, created_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL);
CREATE INDEX member_code_secrets_member ON member_code_secrets(member_id, expires_at_ms);
)SQL"},
      // Issue 19 (engagement): subscribe-message templates, answers, the outbox, reviews, invite QR cache.
      {5, "engagement: subscriptions, outbox, reviews, invite qr", R"SQL(
CREATE TABLE message_templates(
  org_id INTEGER PRIMARY KEY REFERENCES organizations(id), document TEXT NOT NULL, updated_at_ms INTEGER NOT NULL);
CREATE TABLE subscriptions(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), template_id TEXT NOT NULL,
  result TEXT NOT NULL CHECK(result IN ('accept','reject','ban')), at_ms INTEGER NOT NULL,
  used_by_outbox_id INTEGER, used_at_ms INTEGER);
CREATE INDEX subscriptions_member ON subscriptions(member_id, template_id, id);
CREATE TABLE outbox(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, clinic_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
  kind TEXT NOT NULL, cause TEXT NOT NULL, dedupe_key TEXT NOT NULL UNIQUE, data TEXT NOT NULL DEFAULT '{}',
  due_at_ms INTEGER NOT NULL, expires_at_ms INTEGER,
  status TEXT NOT NULL CHECK(status IN ('due','claimed','sent','failed','skipped','cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0, claim_token TEXT, claimed_until_ms INTEGER, template_id TEXT,
  last_error TEXT NOT NULL DEFAULT '', created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
CREATE INDEX outbox_due ON outbox(status, due_at_ms);
CREATE INDEX outbox_cause ON outbox(cause);
CREATE INDEX outbox_member ON outbox(member_id);
CREATE INDEX outbox_clinic ON outbox(clinic_id, updated_at_ms);
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL UNIQUE REFERENCES visits(id), member_id INTEGER NOT NULL,
  clinic_id INTEGER NOT NULL, doctor_id INTEGER, department_id INTEGER, stars INTEGER NOT NULL CHECK(stars BETWEEN 1 AND 5),
  text TEXT, status TEXT NOT NULL CHECK(status IN ('published','held')), points INTEGER NOT NULL DEFAULT 0,
  at_ms INTEGER NOT NULL);
CREATE INDEX reviews_clinic ON reviews(clinic_id, at_ms);
CREATE TABLE invite_qr(
  member_id INTEGER PRIMARY KEY REFERENCES members(id), scene TEXT NOT NULL, png BLOB NOT NULL, created_at_ms INTEGER NOT NULL);
CREATE TABLE clinic_posters(
  clinic_id INTEGER PRIMARY KEY REFERENCES clinics(id), scene TEXT NOT NULL, png BLOB NOT NULL, created_at_ms INTEGER NOT NULL);
)SQL"},
      // The protocol revision behind a triage result and the reason for its level (the
      // deciding answers; health data, so kept only with consent like the answers).
      {6, "triage reason", R"SQL(
ALTER TABLE triage_results ADD COLUMN revision INTEGER;
ALTER TABLE triage_results ADD COLUMN reason TEXT;
)SQL"},
      // Issue 16: the member account beside the ledger. Rows for existing ledgers are built
      // by the server at start (domain/account_service: build_missing_accounts), which needs the core.
      {7, "member accounts", R"SQL(
CREATE TABLE member_accounts(
  member_id INTEGER PRIMARY KEY REFERENCES members(id), version INTEGER NOT NULL, account TEXT NOT NULL,
  last_entry_id INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
CREATE TABLE ledger_reversals(
  member_id INTEGER NOT NULL, reverses TEXT NOT NULL, entry_row_id INTEGER NOT NULL REFERENCES ledger_entries(id),
  PRIMARY KEY(member_id, reverses, entry_row_id));
INSERT INTO ledger_reversals(member_id, reverses, entry_row_id)
  SELECT member_id, json_extract(entry, '$.reverses'), id FROM ledger_entries WHERE kind = 'reverse';
CREATE INDEX ledger_member_id ON ledger_entries(member_id, id);
CREATE TABLE lot_fates(
  member_id INTEGER NOT NULL, entry_id TEXT NOT NULL, expired INTEGER NOT NULL, PRIMARY KEY(member_id, entry_id));
)SQL"},
      // Issue 16: a referral campaign's usage (rebate fen + bonus points, less their reversals)
      // kept beside the ledger by a trigger, in the transaction of the entries: a settlement
      // reads it (and the writer re-checks it) without scanning every ledger entry.
      {8, "campaign usage", R"SQL(
CREATE TABLE campaign_usage(campaign_id TEXT PRIMARY KEY, used INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO campaign_usage(campaign_id, used)
  SELECT json_extract(entry, '$.campaign_id'),
         SUM(COALESCE(json_extract(entry, '$.credit_fen'), 0) + CASE WHEN kind IN ('rebate','reverse') THEN points ELSE 0 END)
  FROM ledger_entries WHERE json_extract(entry, '$.campaign_id') IS NOT NULL GROUP BY 1;
CREATE TRIGGER ledger_campaign_usage AFTER INSERT ON ledger_entries
  WHEN json_extract(NEW.entry, '$.campaign_id') IS NOT NULL BEGIN
  INSERT INTO campaign_usage(campaign_id, used) VALUES(json_extract(NEW.entry, '$.campaign_id'),
    COALESCE(json_extract(NEW.entry, '$.credit_fen'), 0) + CASE WHEN NEW.kind IN ('rebate','reverse') THEN NEW.points ELSE 0 END)
  ON CONFLICT(campaign_id) DO UPDATE SET used = used + excluded.used;
END;
)SQL"},
      // Issue 18: the staff-login throttle's counters (auth/rate_limiter.h). Used on PostgreSQL,
      // where several instances share them; a SQLite server (one process) keeps them in memory,
      // the table is here so both stores have the same schema.
      {9, "login attempts", R"SQL(
CREATE TABLE login_attempts(
  throttle_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_ms INTEGER NOT NULL);
CREATE INDEX login_attempts_last ON login_attempts(last_ms);
)SQL"},
      // Issue 17: the entry fields reports and the invite page aggregate, as columns derived from
      // the core's entry (never written separately, so they cannot drift from it): the event type
      // (check-ins), the credit in fen (rebates) and the invitee a referral reward is for.
      {10, "ledger entry columns", R"SQL(
ALTER TABLE ledger_entries ADD COLUMN event_type TEXT GENERATED ALWAYS AS (json_extract(entry, '$.event_type')) VIRTUAL;
ALTER TABLE ledger_entries ADD COLUMN credit_fen INTEGER
  GENERATED ALWAYS AS (COALESCE(json_extract(entry, '$.credit_fen'), 0)) VIRTUAL;
ALTER TABLE ledger_entries ADD COLUMN invitee_ref TEXT GENERATED ALWAYS AS (json_extract(entry, '$.invitee_id')) VIRTUAL;
CREATE INDEX ledger_invitee ON ledger_entries(member_id, invitee_ref) WHERE invitee_ref IS NOT NULL;
)SQL"},
      // Issue 18: org_id on every row that belongs to an organisation (so distributing the tables
      // by organisation, Citus, needs no schema change), backfilled from the owning clinic or
      // member; the write paths fill it the same way. Nullable here (SQLite adds no NOT NULL
      // column without a default); NOT NULL on PostgreSQL. Keyed by a token or key looked up
      // before any organisation is known, and so not given one: sessions, idempotency_keys,
      // login_attempts; campaign_usage is keyed by the campaign.
      {11, "org_id on organisation rows", R"SQL(
ALTER TABLE departments ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE departments SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = departments.clinic_id);
ALTER TABLE doctors ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE doctors SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = doctors.clinic_id);
ALTER TABLE slots ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE slots SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = slots.clinic_id);
ALTER TABLE rule_versions ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE rule_versions SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = rule_versions.clinic_id);
ALTER TABLE clinic_posters ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE clinic_posters SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = clinic_posters.clinic_id);
ALTER TABLE visits ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE visits SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = visits.clinic_id);
ALTER TABLE bookings ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE bookings SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = bookings.clinic_id);
ALTER TABLE reviews ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE reviews SET org_id = (SELECT org_id FROM clinics WHERE clinics.id = reviews.clinic_id);
ALTER TABLE ledger_entries ADD COLUMN org_id INTEGER REFERENCES organizations(id);
DROP TRIGGER ledger_no_update;
UPDATE ledger_entries SET org_id = (SELECT org_id FROM members WHERE members.id = ledger_entries.member_id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
ALTER TABLE member_accounts ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE member_accounts SET org_id = (SELECT org_id FROM members WHERE members.id = member_accounts.member_id);
ALTER TABLE ledger_reversals ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE ledger_reversals SET org_id = (SELECT org_id FROM members WHERE members.id = ledger_reversals.member_id);
ALTER TABLE lot_fates ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE lot_fates SET org_id = (SELECT org_id FROM members WHERE members.id = lot_fates.member_id);
ALTER TABLE coupons ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE coupons SET org_id = (SELECT org_id FROM members WHERE members.id = coupons.member_id);
ALTER TABLE consents ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE consents SET org_id = (SELECT org_id FROM members WHERE members.id = consents.member_id);
ALTER TABLE invite_codes ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE invite_codes SET org_id = (SELECT org_id FROM members WHERE members.id = invite_codes.member_id);
ALTER TABLE invite_qr ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE invite_qr SET org_id = (SELECT org_id FROM members WHERE members.id = invite_qr.member_id);
ALTER TABLE subscriptions ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE subscriptions SET org_id = (SELECT org_id FROM members WHERE members.id = subscriptions.member_id);
ALTER TABLE member_code_secrets ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE member_code_secrets SET org_id = (SELECT org_id FROM members WHERE members.id = member_code_secrets.member_id);
ALTER TABLE triage_results ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE triage_results SET org_id = (SELECT org_id FROM members WHERE members.id = triage_results.member_id);
ALTER TABLE referral_bindings ADD COLUMN org_id INTEGER REFERENCES organizations(id);
UPDATE referral_bindings SET org_id = (SELECT org_id FROM members WHERE members.id = referral_bindings.invitee_id);
)SQL"},
      {12, "scheduled job runs", R"SQL(
CREATE TABLE job_runs(
  job TEXT NOT NULL, period INTEGER NOT NULL, org_id INTEGER REFERENCES organizations(id),
  ran_at_ms INTEGER NOT NULL, PRIMARY KEY(job, period));
)SQL"},
      // Issue 16: an account's lot and tier-window chunks in rows of their own. One JSON row per
      // account rewrote every chunk on every write (a member who earns daily holds about 24 of
      // them: kilobytes of overflow pages per check-in); now a write replaces only the chunks it
      // changed. Accounts saved before keep their chunks inline until their next write.
      {13, "account chunks", R"SQL(
CREATE TABLE member_account_chunks(
  member_id INTEGER NOT NULL REFERENCES members(id), part INTEGER NOT NULL, chunk_key INTEGER NOT NULL,
  chunk TEXT NOT NULL, org_id INTEGER REFERENCES organizations(id), PRIMARY KEY(member_id, part, chunk_key));
)SQL"},
      // Issue 16: fewer pages per points write. A check-in of a member with a long history wrote
      // 17 distinct pages (WAL frames of sequential check-ins mapped to b-trees with dbstat), most
      // of them the member's own: each keyed table below kept its rows in rowid order AND in its
      // primary-key index (two pages per write); stored in key order (WITHOUT ROWID) it is one.
      // ledger_member_at indexed every entry for two reports: check-ins since a date now come
      // from ledger_clinic_at (engagement_repo: member_activity) and the follow-up report only
      // asks for spends.
      {14, "narrower write set", R"SQL(
CREATE TABLE member_account_chunks_14(
  member_id INTEGER NOT NULL REFERENCES members(id), part INTEGER NOT NULL, chunk_key INTEGER NOT NULL,
  chunk TEXT NOT NULL, org_id INTEGER REFERENCES organizations(id), PRIMARY KEY(member_id, part, chunk_key))
  WITHOUT ROWID;
INSERT INTO member_account_chunks_14(member_id, part, chunk_key, chunk, org_id)
  SELECT member_id, part, chunk_key, chunk, org_id FROM member_account_chunks;
DROP TABLE member_account_chunks;
ALTER TABLE member_account_chunks_14 RENAME TO member_account_chunks;
CREATE TABLE lot_fates_14(
  member_id INTEGER NOT NULL, entry_id TEXT NOT NULL, expired INTEGER NOT NULL,
  org_id INTEGER REFERENCES organizations(id), PRIMARY KEY(member_id, entry_id)) WITHOUT ROWID;
INSERT INTO lot_fates_14(member_id, entry_id, expired, org_id) SELECT member_id, entry_id, expired, org_id FROM lot_fates;
DROP TABLE lot_fates;
ALTER TABLE lot_fates_14 RENAME TO lot_fates;
DROP INDEX ledger_member_at;
CREATE INDEX ledger_member_spend_at ON ledger_entries(member_id, at_ms) WHERE kind = 'spend';
)SQL"},
      // Issue 16, account schema 5: the takes of every unreversed spend (where its points came
      // from) beside the ledger instead of inside the account, read only for the events an op
      // concerns. Filled when the server rebuilds the schema-4 accounts at start.
      {15, "spend takes", R"SQL(
CREATE TABLE spend_takes(
  member_id INTEGER NOT NULL REFERENCES members(id), entry_id TEXT NOT NULL, takes TEXT NOT NULL,
  org_id INTEGER REFERENCES organizations(id), PRIMARY KEY(member_id, entry_id)) WITHOUT ROWID;
)SQL"},
  };
  return list;
}

int migrate(Db& db, const Vault& vault, int64_t now_ms) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms "
      "INTEGER NOT NULL)");
  int current = 0;
  {
    Stmt s = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (s.step()) current = static_cast<int>(s.i64(0));
  }
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(m.sql);
      if (m.convert) m.convert(db, vault);
      db.prepare("INSERT INTO schema_migrations(version, name, applied_at_ms) VALUES(?, ?, ?)")
          .bind(1, int64_t{m.version})
          .bind(2, m.name)
          .bind(3, now_ms)
          .run();
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
    current = m.version;
  }
  return current;
}

}  // namespace clinic::server
