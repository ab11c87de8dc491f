// A sample of the points/referral property tests on the wasm build: a few hundred
// seeded event sequences through the wasm, checking the same invariants as
// tests/core/points_properties_test.cpp, and every request also through the native
// clinic-core --lines (byte-identical answers).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadCore } from '../../wasm/loader.mjs';
import { prng } from '../differential/generate.mjs';
import { cliPath, requireBuilt, sourceDir, wasmPath } from './helpers.mjs';
import { clinicDate } from '../clinic-time.cjs';

const core = await loadCore(readFileSync(requireBuilt(wasmPath)));
const rules = JSON.parse(readFileSync(join(sourceDir, 'core', 'rules', 'demo-clinic-rules.json'), 'utf8'));
const kRuns = 300;
const kDay = 86400000;
const kStart = 1767196800000; // 2026-01-01 00:00 +08:00

const sent = [];
const received = [];
function call(request) {
  const text = JSON.stringify(request);
  const out = core.callText(text);
  sent.push(text);
  received.push(out);
  const parsed = JSON.parse(out);
  return parsed;
}
const sumPoints = (ledger) => ledger.reduce((s, e) => s + e.points, 0);

function randomCart(rnd) {
  const skus = ['SVC-CONSULT', 'SVC-BP', 'OTC-VITC', 'RX-AMOXICILLIN', 'RX-METFORMIN'];
  const n = 1 + Math.floor(rnd() * 3);
  return Array.from({ length: n }, () => {
    const k = Math.floor(rnd() * skus.length);
    return { sku: skus[k], amount_fen: 1 + Math.floor(rnd() * 40000), qty: 1 + Math.floor(rnd() * 2), rx: k >= 3 };
  });
}

test(`points invariants hold on the wasm over ${kRuns} seeded sequences`, () => {
  const rnd = prng(4242);
  let ops = 0;
  let debts = 0;
  for (let run = 0; run < kRuns; run++) {
    const ledger = [];
    const visits = [];
    let t = kStart;
    let n = 0;
    for (let step = 0, steps = 4 + Math.floor(rnd() * 8); step < steps; step++) {
      t += rnd() < 0.5 ? Math.floor(rnd() * 2 * kDay) : Math.floor(rnd() * 90 * kDay);
      const kind = Math.floor(rnd() * 7);
      ops++;
      let entries = [];
      if (kind === 6) {
        // A visit's points spent, then the visit refunded: exactly its points come back out.
        const event = { id: `big${run}-${n++}`, type: 'visit_completed', at_ms: t,
          items: [{ sku: 'SVC-CHECKUP', amount_fen: 30000 + Math.floor(rnd() * 200000), rx: false }] };
        const r = call({ op: 'points.apply', v: 1, rules, ledger, event }).ok;
        entries = r.entries;
        t += 8 * kDay;
        const spent = call({ op: 'coupon.redeem', v: 1, rules, ledger: ledger.concat(entries), catalogue_id: 'pct_15', redemption_id: `r${run}-${n++}`, at_ms: t });
        if (spent.ok) entries = entries.concat(spent.ok.entries);
        const before = call({ op: 'points.balance', v: 1, rules, ledger: ledger.concat(entries), now_ms: t }).ok;
        const refund = call({ op: 'visit.refund', v: 1, rules, ledger: ledger.concat(entries),
          refund: { id: `rf${run}-${n++}`, visit_event_id: event.id, at_ms: t } }).ok;
        entries = entries.concat(refund.entries);
        assert.equal(before.available - refund.balance.available, r.points);
        if (refund.balance.debt > 0) debts++;
      } else if (kind <= 2) {
        const type = ['daily_checkin', 'visit_completed', 'review'][kind];
        const event = { id: `e${run}-${n++}`, type, at_ms: t };
        if (type === 'visit_completed') event.items = randomCart(rnd);
        const before = call({ op: 'points.balance', v: 1, rules, ledger, now_ms: t }).ok;
        const r = call({ op: 'points.apply', v: 1, rules, ledger, event }).ok;
        entries = r.entries;
        for (const e of entries) assert.equal(e.rule_version, rules.version);
        // Twice == once.
        const again = call({ op: 'points.apply', v: 1, rules, ledger: ledger.concat(entries), event }).ok;
        assert.equal(again.entries.length, 0);
        if (type === 'visit_completed') {
          const nonRx = event.items.filter((i) => !i.rx).reduce((s, i) => s + i.amount_fen * i.qty, 0);
          assert.equal(r.eligible_fen, nonRx, 'rx lines never count');
          assert.ok(r.points <= Math.floor((Math.floor(nonRx / 100) * 12500) / 10000));
          if (rnd() < 0.4) {
            // Visit then refund at the same instant == before.
            const refund = call({ op: 'visit.refund', v: 1, rules, ledger: ledger.concat(entries),
              refund: { id: `rf${run}-${n++}`, visit_event_id: event.id, at_ms: t } }).ok;
            entries = entries.concat(refund.entries);
            for (const k of ['available', 'pending', 'debt', 'expired']) assert.equal(refund.balance[k], before[k], k);
          } else {
            visits.push(event.id);
          }
        }
      } else if (kind <= 3) {
        const item = rules.catalogue[Math.floor(rnd() * rules.catalogue.length)];
        const r = call({ op: 'coupon.redeem', v: 1, rules, ledger, catalogue_id: item.id, redemption_id: `r${run}-${n++}`, at_ms: t });
        if (r.error) assert.ok(['insufficient_points', 'forbidden'].includes(r.error.code), r.error.code);
        else entries = r.ok.entries;
      } else if (visits.length) {
        // Refund a past visit, maybe after its points were spent.
        const target = visits.splice(Math.floor(rnd() * visits.length), 1)[0];
        const r = call({ op: 'visit.refund', v: 1, rules, ledger, refund: { id: `rf${run}-${n++}`, visit_event_id: target, at_ms: t } }).ok;
        entries = r.entries;
        if (r.balance.debt > 0) debts++;
      }
      ledger.push(...entries);
      const b = call({ op: 'points.balance', v: 1, rules, ledger, now_ms: t }).ok;
      assert.equal(sumPoints(ledger), b.available + b.pending + b.expired, 'nothing is lost: sum == available + pending + expired');
      assert.ok(b.debt >= 0 && b.pending >= 0);
    }
  }
  console.log(`points properties (wasm): ${kRuns} sequences, ${ops} operations, ${sent.length} calls, ${debts} refunds leaving debt`);
  assert.ok(debts > 20, 'the sample should reach refunds after spending');
});

test('referral settle on the wasm: caps, budget, staff, one reward per first visit', () => {
  const rnd = prng(777);
  const campaign = rules.referral.campaigns[0];
  let budget = campaign.budget - 20000;
  const ledgers = new Map();
  const paid = new Set();
  for (let i = 0; i < 300; i++) {
    const inviter = `m${Math.floor(rnd() * 3)}`;
    const invitee = `f${Math.floor(rnd() * 40)}`;
    const staff = rnd() < 0.1;
    const ledger = ledgers.get(inviter) || [];
    const r = call({ op: 'referral.settle', v: 1, rules,
      binding: { invitee_id: invitee, inviter_id: inviter, campaign_id: campaign.id },
      inviter: { member_id: inviter, staff, ledger },
      visit: { event_id: `v${i}`, at_ms: kStart + i * 3600000, paid_confirmed: true, items: randomCart(rnd) },
      first_paid_visit: !paid.has(invitee), campaign_used: campaign.budget - budget });
    if (r.error) {
      assert.equal(r.error.code, 'limit_reached');
      continue;
    }
    const s = r.ok;
    assert.ok(s.inviter_entries.length <= 2, 'the campaign reward + the referral_success points');
    if (!s.rewarded) assert.equal(s.inviter_entries.length, 0);
    if (staff) assert.equal(s.rewarded, false);
    if (s.rewarded) {
      assert.ok(s.amount <= campaign.inviter_reward.cap_fen);
      assert.ok(s.amount <= Math.floor((s.eligible_fen * campaign.inviter_reward.percent_bp) / 10000));
      paid.add(invitee);
      budget -= s.amount;
      ledgers.set(inviter, ledger.concat(s.inviter_entries));
    }
    assert.ok(budget >= 0, 'budget never exceeded');
  }
  // Monthly cap per inviter, by clinic-local month (+08:00).
  for (const [, ledger] of ledgers) {
    const perMonth = new Map();
    for (const e of ledger) {
      const month = clinicDate(e.at_ms).toISOString().slice(0, 7);
      perMonth.set(month, (perMonth.get(month) || 0) + (e.credit_fen || 0));
    }
    for (const [, total] of perMonth) assert.ok(total <= campaign.monthly_cap_per_inviter, 'monthly cap never exceeded');
  }
  assert.ok(paid.size > 10, 'the sample should pay rewards');
});

test('native clinic-core --lines gives the same bytes for every request above', () => {
  const native = spawnSync(requireBuilt(cliPath), ['--lines'], { input: sent.join('\n') + '\n', maxBuffer: 1 << 30 });
  assert.equal(native.status, 0);
  const lines = native.stdout.toString('utf8').split('\n');
  lines.pop();
  assert.equal(lines.length, received.length);
  let mismatches = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i] !== received[i]) mismatches++;
  console.log(`points properties: ${received.length} requests compared native vs wasm, ${mismatches} mismatches`);
  assert.equal(mismatches, 0);
});
