// Manager and appointment routes over real HTTP: rule versions (upload validated with
// JSON-path errors, activate; the active version is what the ops use), rules simulate over
// stored events, daily report, staff, audit; appointments booked with capacity, cancelled
// until the cut-off, checked in / marked no-show at the desk; role and clinic scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Patient, Desk, DAY, localIso } from './api_helpers.mjs';
import { sourceDir } from './helpers.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const demoRules = () => JSON.parse(readFileSync(join(sourceDir, 'core', 'rules', 'demo-clinic-rules.json'), 'utf8'));

test('rule versions: upload (validated, JSON-path errors), activate, simulate, report, staff, audit', async () => {
  const m = await Desk.login(stack.srv.url, stack.dir, 'manager');
  const mp = (p) => `/api/v1/manager/clinics/${m.clinic}${p}`;
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  assert.equal((await desk.call('GET', mp('/rules'))).status, 403, 'desk staff are not managers');
  assert.equal((await m.call('GET', '/api/v1/manager/clinics/2/rules')).status, 403, 'other clinic is out of scope');

  const list = await m.call('GET', mp('/rules'));
  assert.equal(list.status, 200);
  assert.equal(list.body.versions.length, 1);
  assert.equal(list.body.versions[0].active, true);

  const bad = demoRules();
  bad.earning[2].points = -5;
  const refused = await m.call('POST', mp('/rules'), { document: bad }, 'up-bad');
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'invalid_rules');
  assert.match(refused.body.error.field, /^\$\.document\.earning\[2\]/);

  // Activity to simulate over: a patient registers, checks in, has a visit.
  const p = await Patient.login(stack.srv.url, 'mgr-pat');
  await p.post('/api/v1/checkin');
  const v = await desk.post('/visits', { member_id: p.id, visit_ref: 'M-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  assert.equal(v.status, 201);

  const doubled = demoRules();
  doubled.version = 'demo-2026.11-2';
  doubled.earning[2].points = 10;
  doubled.earning[2].per_day_cap = 10;
  const sim = await m.call('POST', mp('/rules/simulate'), { document: doubled, days: 7 });
  assert.equal(sim.status, 200, JSON.stringify(sim.body));
  assert.ok(sim.body.events >= 3, JSON.stringify(sim.body));
  assert.equal(sim.body.active_version, 1);
  assert.equal(sim.body.totals.diff.points, 5, 'one check-in at 10 instead of 5 points');

  const up = await m.call('POST', mp('/rules'), { document: doubled }, 'up-good');
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.version, 2);
  assert.equal(up.body.active, false);
  const act = await m.call('POST', mp('/rules/2/activate'), undefined, 'act-2');
  assert.equal(act.status, 200);
  assert.equal(act.body.active, true);
  stack.setClock(DAY);
  try {
    const p2 = await Patient.login(stack.srv.url, 'mgr-pat.2');
    const ci = await p2.post('/api/v1/checkin');
    assert.equal(ci.body.points, 10, 'the active version is what the ops use');
    const led = await p2.get('/api/v1/points/ledger?limit=200');
    assert.equal(led.body.entries[0].entry.rule_version, 'demo-2026.11-2');
  } finally {
    stack.setClock(0);
  }

  const m2 = await Desk.login(stack.srv.url, stack.dir, 'manager');
  const rep = await m2.call('GET', mp('/report'));
  assert.equal(rep.status, 200);
  assert.equal(rep.body.visits, 1);
  assert.equal(rep.body.payable_fen, 5000);
  assert.ok(rep.body.points_issued >= 155);
  assert.ok(rep.body.budget_used.some((b) => b.campaign_id === 'invite-2026'));
  assert.equal(rep.body.points_expired, 0, 'nothing expires on the day it is earned');
  // Demo rules: credits expire at the end of the 12th month after the credit (clinic time, +08:00).
  // The report for the last day of that month and the day after sees today's unspent points go.
  const local = new Date(Date.now() + 8 * 3600_000);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear() + 1, local.getUTCMonth() + 1, 0));
  const dayAfter = new Date(lastDay.getTime() + 86400_000);
  let expired = 0;
  for (const d of [lastDay, dayAfter]) {
    const r = await m2.call('GET', mp('/report') + '?date=' + d.toISOString().slice(0, 10));
    assert.equal(r.status, 200);
    expired += r.body.points_expired;
  }
  assert.ok(expired > 0, `points earned today expire a year later (got ${expired})`);
  const badDate = await m2.call('GET', mp('/report') + '?date=2026-02-30');
  assert.equal(badDate.status, 400);
  assert.equal(badDate.body.error.field, 'date');
  const staff = await m2.call('GET', mp('/staff'));
  assert.ok(staff.body.staff.some((s) => s.username === 'desk'));
  assert.ok(staff.body.staff.every((s) => s.username !== 'desk-west'));
  const audit = await m2.call('GET', mp('/audit'));
  const actions = audit.body.audit.map((a) => a.action);
  for (const a of ['rules.upload', 'rules.activate', 'visit.confirm']) assert.ok(actions.includes(a), a);
});

test('appointments: slots by date, book with capacity, cancel until the cut-off, desk check-in and no-show', async () => {
  const patients = await Promise.all([1, 2, 3, 4, 5].map((i) => Patient.login(stack.srv.url, `appt-${i}`)));
  const deps = await patients[0].get('/api/v1/departments');
  assert.equal(deps.body.departments.length, 3);
  const tomorrow = localIso(Date.now() + DAY);
  const slots = await patients[0].get(`/api/v1/slots?date=${tomorrow}`);
  assert.equal(slots.status, 200);
  assert.ok(slots.body.slots.length >= 6);
  const slot = slots.body.slots[0];
  assert.equal(slot.available, 4);
  const results = await Promise.all(patients.map((p) => p.post('/api/v1/appointments', { slot_id: slot.id })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 201, 201, 201, 409], 'capacity 4');
  const booked = results.filter((r) => r.status === 201);
  const mine = await patients[0].get('/api/v1/appointments');
  assert.ok(Array.isArray(mine.body.appointments));
  const first = booked[0].body.appointment;
  const owner = patients[results.indexOf(booked[0])];
  const cancel = await owner.post(`/api/v1/appointments/${first.id}/cancel`);
  assert.equal(cancel.status, 200);
  assert.equal(cancel.body.appointment.status, 'cancelled');
  const again = await patients[results.findIndex((r) => r.status === 409)].post('/api/v1/appointments', { slot_id: slot.id });
  assert.equal(again.status, 201, 'a cancelled place is free again');
  // Within 2 h of the start: no cancelling.
  stack.setClock(slot.starts_at_ms - Date.now() - 3_600_000);
  try {
    const late = booked[1].body.appointment;
    const ownerLate = patients[results.indexOf(booked[1])];
    assert.equal((await ownerLate.post(`/api/v1/appointments/${late.id}/cancel`)).status, 409);
    const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
    const today = await desk.get('/appointments');
    assert.ok(today.body.appointments.some((a) => a.id === late.id));
    const ci = await desk.post(`/appointments/${late.id}/check-in`);
    assert.equal(ci.status, 200);
    assert.equal(ci.body.appointment.status, 'checked_in');
    const ns = await desk.post(`/appointments/${booked[2].body.appointment.id}/no-show`);
    assert.equal(ns.body.appointment.status, 'no_show');
  } finally {
    stack.setClock(0);
  }
});
