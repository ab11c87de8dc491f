// Issue 19 on the manager's page in real Chromium against the real server (fake WeChat
// API): the subscribe-message list (sent and failed), reviews per doctor and department
// with a held review published from the page, and the retention cohort chart with its
// numbers. Patients act through the patient API; the scheduler runs through the test hook.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startStack, Patient, Desk, request, DAY, localIso, eveningBefore } from '../server/api_helpers.mjs';
import { sourceDir, demoCredentials } from '../server/helpers.mjs';
import { until } from './page-steps.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CLINIC_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const shotsDir = join(sourceDir, 'build', 'test-output', 'engagement-screenshots');

let stack;
let browser;
let page;
const consoleErrors = [];

async function subscribeAll(p) {
  const t = (await p.get('/api/v1/subscriptions')).body.templates;
  const results = Object.fromEntries(t.map((x) => [x.template_id, 'accept']));
  assert.equal((await p.post('/api/v1/subscriptions', { results })).status, 200);
}

before(async () => {
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  stack = await startStack();
  const url = stack.srv.url;
  const date = localIso(Date.now() + 3 * DAY);
  const a = await Patient.login(url, 'page-anna');
  const r = await Patient.login(url, 'refuse-page');
  await subscribeAll(a);
  await subscribeAll(r);
  const slots = (await a.get(`/api/v1/slots?date=${date}`)).body.slots;
  const booked = (await a.post('/api/v1/appointments', { slot_id: slots[0].id })).body.appointment;
  assert.equal((await r.post('/api/v1/appointments', { slot_id: slots[1].id })).status, 201);
  // The visit on the day of anna's appointment; the evening-before reminders go out first.
  stack.setClock(eveningBefore(booked.starts_at_ms) + 60_000 - Date.now());
  assert.equal((await request(url, 'POST', '/api/v1/test/scheduler/run')).status, 200);
  stack.setClock(booked.starts_at_ms + 15 * 60_000 - Date.now());
  const desk = await Desk.login(url, stack.dir, 'desk');
  const v1 = (await desk.post('/visits', { member_id: a.id, visit_ref: 'PG-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] })).body.visit.id;
  const v2 = (await desk.post('/visits', { member_id: a.id, visit_ref: 'PG-2', paid: true, items: [{ sku: 'SVC-CONSULT' }] })).body.visit.id;
  assert.equal((await a.post(`/api/v1/visits/${v1}/review`, { stars: 5, text: '服务很好' })).status, 201);
  assert.equal((await a.post(`/api/v1/visits/${v2}/review`, { stars: 4, text: '待审 please review' })).body.review.status, 'held');

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('manager: messages (sent, failed), reviews with publish, retention cohort chart', async () => {
  const cred = demoCredentials(stack.dir).manager;
  await page.goto(stack.srv.url + '/');
  await page.locator('#login-username').fill('manager');
  await page.locator('#login-password').fill(cred.password);
  await page.keyboard.press('Enter');
  await page.locator('#lookup-input').waitFor();
  await page.locator('#nav a[data-view="engagement"]').click();
  await page.locator('#msg-table tbody tr.msg-sent').first().waitFor();
  assert.equal(await page.locator('#msg-table tbody tr.msg-sent').count(), 1);
  await page.locator('#msg-failures').check();
  // The unfiltered list already has the failed row: wait for the filtered answer to replace
  // the table (no sent row left, a failed one shown), not for a row that was there before.
  await until(page, 'the failures-only message list', () => {
    const rows = document.querySelectorAll('#msg-table tbody tr');
    return rows.length > 0 && [...rows].every((r) => r.classList.contains('msg-failed'));
  });
  assert.equal(await page.locator('#msg-table tbody tr.msg-sent').count(), 0);
  assert.match(await page.locator('#msg-table').innerText(), /errcode 43101/);

  const doctors = await page.locator('#rev-doctors').innerText();
  assert.match(doctors, /王医生\s+2\s+4\.50/, "both visits were on the day of the booking with 王医生");
  await page.locator('#rev-latest button.publish').click();
  await page.locator('#rev-latest button.publish').waitFor({ state: 'detached' });
  assert.match(await page.locator('#rev-latest').innerText(), /已发布[\s\S]*已发布/);

  await page.locator('#cohort-table td.cohort-cell').first().waitFor();
  const cohort = await page.locator('#cohort-table').innerText();
  assert.match(cohort, /\d{4}-\d\d/);
  const colour = await page.locator('#cohort-table td.cohort-cell').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.match(colour, /^rgba\(11, 122, 90/);
  assert.match(await page.locator('#reminder-table').innerText(), /就诊提醒\s+1\s+0\s+0\.0%/);
  await page.waitForFunction(() => document.getElementById('eng-poster').naturalWidth === 210);
  await page.screenshot({ path: join(shotsDir, 'engagement.png'), fullPage: true });
  assert.deepEqual(consoleErrors, []);
});
