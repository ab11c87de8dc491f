// wasm/format.mjs: the one place the phone and the desk turn fen, points and instants into text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFen, formatYuan, formatPoints, clinicDate, clinicTime, clinicInstant, kDefaultClinicOffsetMin } from '../../wasm/format.mjs';

test('money: integer fen, grouped, sign before the currency', () => {
  assert.equal(formatFen(0), '¥0.00');
  assert.equal(formatFen(5), '¥0.05');
  assert.equal(formatFen(1250), '¥12.50');
  assert.equal(formatFen(123456789), '¥1,234,567.89');
  assert.equal(formatFen(-1205), '-¥12.05');
  assert.equal(formatFen(1.5), '¥—');
  assert.equal(formatFen(undefined), '¥—');
  assert.equal(formatYuan(250), '2.50');
  assert.equal(formatYuan(-100000), '-1,000.00');
  assert.equal(formatYuan(Number.MAX_SAFE_INTEGER), '90,071,992,547,409.91');
  assert.equal(formatPoints(-1234567), '-1,234,567');
});

test('clinic-local dates: the offset decides the civil day; instants round-trip', () => {
  assert.equal(kDefaultClinicOffsetMin, 480);
  const ms = Date.UTC(2026, 11, 1, 16, 30);  // 2026-12-02 00:30 in UTC+8
  assert.deepEqual(clinicDate(ms), { y: 2026, m: 12, d: 2, wd: 3, iso: '2026-12-02', hm: '00:30' });
  assert.equal(clinicDate(ms, 0).iso, '2026-12-01');
  assert.equal(clinicTime(ms), '2026-12-02 00:30');
  assert.equal(clinicTime(ms, 480, false), '00:30');
  assert.equal(clinicInstant(2026, 12, 2, 0, 30), ms);
  assert.equal(clinicInstant(2026, 12, 2, 0, 30, -300), ms + 780 * 60000);
});
