// ≥ 10,000 seeded requests through clinic-core --lines and the wasm, byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runDifferential } from '../differential/run.mjs';

test('native and wasm answer 10,000 generated requests with identical bytes', async () => {
  const r = await runDifferential({ count: 10000, seed: 20261122 });
  console.log(`differential: ${r.count} cases, ${r.mismatches} mismatches, ${r.crashes} crashes; outcomes ${JSON.stringify(r.kinds)}`);
  assert.equal(r.nativeLines, r.count, r.examples.join('\n'));
  assert.equal(r.crashes, 0, r.examples.join('\n'));
  assert.equal(r.mismatches, 0, r.examples.join('\n'));
  // The mix must reach the ops, not just bounce off the envelope.
  assert.ok((r.kinds.ok || 0) > 100, `too few ok responses: ${JSON.stringify(r.kinds)}`);
  assert.ok((r.kinds.bad_json || 0) > 100 && (r.kinds.invalid_field || 0) > 100);
  // Half of the cases take success paths, for every points/coupon/visit/referral/account op
  // (issue 16: valid accounts, events and rules, not just refusals).
  console.log(`ok by op: ${JSON.stringify(r.okByOp)}`);
  assert.ok((r.kinds.ok || 0) >= r.count / 2, `only ${r.kinds.ok} of ${r.count} succeeded`);
  for (const op of ['checkin.apply', 'points.apply', 'points.preview', 'points.balance', 'coupon.redeem', 'visit.price',
    'visit.refund', 'referral.bind', 'referral.settle', 'account.replay', 'account.figures']) {
    assert.ok((r.okByOp[op] || 0) > 0, `no success for ${op}: ${JSON.stringify(r.okByOp)}`);
  }
  // Triage (issue 14): walks for every answerer, with "not sure" answers, succeed on both sides.
  console.log(`triage ok: ${JSON.stringify(r.triageOk)}`);
  for (const op of ['triage.start', 'triage.answer', 'triage.evaluate']) {
    assert.ok((r.okByOp[op] || 0) > 0, `no success for ${op}: ${JSON.stringify(r.okByOp)}`);
  }
  for (const k of ['self', 'parent', 'relative', 'not_sure']) {
    assert.ok(r.triageOk[k] >= 20, `too few successful triage calls for ${k}: ${JSON.stringify(r.triageOk)}`);
  }
});
