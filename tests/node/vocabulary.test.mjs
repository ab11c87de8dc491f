// One list per vocabulary, checked from its single source: the JS screens show exactly the
// values the server's schema produces (no status the schema never writes, none it writes missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sourceDir } from './helpers.mjs';

const read = (...p) => readFileSync(join(sourceDir, ...p), 'utf8');
const quoted = (text) => [...text.matchAll(/['"]([a-z_]+)['"]/g)].map((m) => m[1]);

// A table's status CHECK (its newest definition): the source of that table's statuses.
function schemaStatuses(table) {
  const sql = read('native-server', 'src', 'store', 'migrations.cpp');
  const defs = [...sql.matchAll(new RegExp(`CREATE TABLE ${table}\\([^;]*?status TEXT NOT NULL CHECK\\(status IN \\(([^)]*)\\)\\)`, 'g'))];
  assert.ok(defs.length > 0, `no ${table} status CHECK in migrations.cpp`);
  return quoted(defs.at(-1)[1]);
}
const { dict } = createRequire(import.meta.url)(join(sourceDir, 'miniprogram', 'lib', 'i18n.js'));
const desk = read('native-server', 'static', 'js', 'i18n.mjs');
// The desk page names a status st_<status> (coupons, bookings and visits share the namespace).
function assertDeskTexts(statuses) {
  for (const status of statuses) {
    assert.equal(desk.match(new RegExp(`\\bst_${status}:`, 'g'))?.length, 2, `desk st_${status} in zh and en`);
  }
}

test('coupon statuses: core list = schema CHECK = mini-program texts = desk page texts', () => {
  const schema = schemaStatuses('coupons');
  assert.deepEqual(schema, ['issued', 'used', 'cancelled']);
  const core = /kCouponStatuses = \{([^}]*)\}/.exec(read('core', 'include', 'clinic', 'points', 'pricing.h'));
  assert.deepEqual(quoted(core[1]), schema);
  for (const [lang, strings] of Object.entries(dict)) {
    assert.deepEqual(Object.keys(strings.coupon_status), schema, `mini-program ${lang} coupon_status`);
  }
  assertDeskTexts(schema);
});

test('booking statuses: schema CHECK = mini-program texts = desk page texts', () => {
  const schema = schemaStatuses('bookings');
  assert.deepEqual(schema, ['booked', 'cancelled', 'checked_in', 'no_show']);
  for (const [lang, strings] of Object.entries(dict)) {
    assert.deepEqual(Object.keys(strings.appt_status), schema, `mini-program ${lang} appt_status`);
  }
  assertDeskTexts(schema);
});

test('visit statuses: schema CHECK = desk page texts', () => {
  const schema = schemaStatuses('visits');
  assert.deepEqual(schema, ['confirmed', 'refunded']);
  assertDeskTexts(schema);
});
