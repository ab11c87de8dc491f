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

// The coupons table's CHECK (the newest definition), the source of coupon statuses.
function schemaCouponStatuses() {
  const sql = read('native-server', 'src', 'store', 'migrations.cpp');
  const defs = [...sql.matchAll(/CREATE TABLE coupons\([\s\S]*?status TEXT NOT NULL CHECK\(status IN \(([^)]*)\)\)/g)];
  assert.ok(defs.length > 0, 'no coupons table in migrations.cpp');
  return quoted(defs.at(-1)[1]);
}

test('coupon statuses: core list = schema CHECK = mini-program texts = desk page texts', () => {
  const schema = schemaCouponStatuses();
  assert.deepEqual(schema, ['issued', 'used', 'cancelled']);
  const core = /kCouponStatuses = \{([^}]*)\}/.exec(read('core', 'include', 'clinic', 'points', 'pricing.h'));
  assert.deepEqual(quoted(core[1]), schema);

  const { dict } = createRequire(import.meta.url)(join(sourceDir, 'miniprogram', 'lib', 'i18n.js'));
  for (const [lang, strings] of Object.entries(dict)) {
    assert.deepEqual(Object.keys(strings.coupon_status), schema, `mini-program ${lang} coupon_status`);
  }

  // The desk page names a status st_<status> (shared with appointment and visit statuses).
  const desk = read('native-server', 'static', 'js', 'i18n.mjs');
  for (const status of schema) {
    assert.equal(desk.match(new RegExp(`\\bst_${status}:`, 'g'))?.length, 2, `desk st_${status} in zh and en`);
  }
});
