// The front-desk and manager page in real Chromium (playwright-core + Debian's
// /usr/bin/chromium, headless) against the real clinic-server with demo data and the fake
// WeChat API. Patients act through the patient API (as their phones would); the desk and
// the manager act only through the page, by keyboard where the desk would. Screenshots of
// every main screen go to build/test-output/desk-screenshots/; the page-load → usable time
// on loopback is measured and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { startStack, Patient, Desk, request, DAY, localIso, birthDate } from '../server/api_helpers.mjs';
import { sourceDir, demoCredentials, accessLogWhen } from '../server/helpers.mjs';
import { useCaps, until, responseTo, stepper } from './page-steps.mjs';
import { responseProblems } from '../server/openapi_validator.cjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CLINIC_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const shotsDir = join(sourceDir, 'build', 'test-output', 'desk-screenshots');

let stack;
let browser;
let page;
const world = {};            // patients, codes, ids set up through the patient API
const consoleErrors = [];
const shots = [];
const loadTimes = [];
const writes = [];             // every POST the page sent (paths)
const writesWithoutCsrf = [];
const specMismatches = [];     // API responses the page received that contradict docs/openapi.yaml
const specChecks = [];         // pending checks (bodies are read asynchronously)

// Same formatting as the page (wasm/format.mjs), written out again on purpose.
const yuan = (fen) => `${fen < 0 ? '-' : ''}¥${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const text = (sel) => page.locator(sel).innerText();

async function shot(name) {
  const path = join(shotsDir, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  shots.push(path);
}

async function login(username) {
  const cred = demoCredentials(stack.dir)[username];
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(cred.password);
  await page.keyboard.press('Enter');
  await until(page, `${username} signed in`, (u) => document.getElementById('who')?.textContent.includes(u) &&
    document.getElementById('lookup-input') !== null, cred.role);
}

// Each step starts from a known screen: signed in as `username` (the page reloaded only
// when someone else, or no one, is signed in), so one failed step does not strand the next.
async function signedInAs(username) {
  const role = demoCredentials(stack.dir)[username].role;
  const whoIs = () => page.evaluate(() => {
    const nav = document.getElementById('nav');
    return nav && !nav.hidden ? document.getElementById('who')?.textContent || '' : '';
  });
  if ((await whoIs()).includes(` · ${role}`)) return;
  await page.goto(stack.srv.url + '/#/lookup');
  await until(page, 'the login form or the signed-in page', () => document.getElementById('login-username') !== null ||
    (document.getElementById('nav')?.hidden === false && document.getElementById('lookup-input') !== null));
  if (await page.locator('#logout').isVisible()) {
    await page.locator('#logout').click();
    await page.locator('#login-username').waitFor();
  }
  await login(username);
}

// Member lookup by code, as the scanner does: waits for that member's card, not any card.
async function lookUp(code, memberId) {
  await page.keyboard.press('F2');
  await page.locator('#lookup-input').fill(code);
  await page.keyboard.press('Enter');
  await until(page, `the card of member ${memberId}`, (id) => document.getElementById('member-card')?.dataset.memberId === String(id), memberId);
}

before(async () => {
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  stack = await startStack();
  const url = stack.srv.url;
  // Eight days ago A had a check-up (300 points, pending 7 days), so today A can redeem a
  // coupon; B registers today through A's invite and books tomorrow's first slot.
  stack.setClock(-8 * DAY);
  const a = await Patient.login(url, 'desk-alice');
  const apiDesk = await Desk.login(url, stack.dir, 'desk');
  const checkup = await apiDesk.post('/visits', { member_id: a.id, visit_ref: 'BR-A-1', paid: true, items: [{ sku: 'SVC-CHECKUP' }] });
  assert.equal(checkup.status, 201, JSON.stringify(checkup.body));
  stack.setClock(0);
  const today = await (await Desk.login(url, stack.dir, 'desk')).post('/visits',
    { member_id: a.id, visit_ref: 'BR-A-2', paid: true, items: [{ sku: 'SVC-CONSULT' }, { sku: 'SVC-BLOOD' }] });
  assert.equal(today.status, 201, JSON.stringify(today.body));
  const redeemed = await a.post('/api/v1/coupons/redeem', { catalogue_id: 'free_bp' });
  assert.equal(redeemed.status, 201, JSON.stringify(redeemed.body));
  const invite = (await a.get('/api/v1/invite')).body;
  const b = await Patient.login(url, 'desk-bob', { invite_code: invite.code });
  assert.equal(b.login.invite.bound, true);
  const tomorrow = localIso(Date.now() + DAY);
  const slot = (await b.get(`/api/v1/slots?date=${tomorrow}`)).body.slots[0];
  const booked = await b.post('/api/v1/appointments', { slot_id: slot.id });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  // The desk's day: tomorrow, an hour before B's appointment.
  stack.setClock(slot.starts_at_ms - Date.now() - 3600000);
  Object.assign(world, { a, b, coupon: redeemed.body.coupon.code, appointment: booked.body.appointment.id });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  useCaps(page);
  page.on('console', (m) => {
    // The browser logs every 4xx the page handles itself (e.g. "no session yet" at boot).
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // The page is an API client too: what it receives is checked against the spec like the suites' own calls.
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (!r.url().startsWith(url) || !u.pathname.startsWith('/api/')) return;
    specChecks.push(r.text().then((raw) => {
      let body = raw;
      try { if (raw !== '') body = JSON.parse(raw); } catch { /* checked as text */ }
      specMismatches.push(...responseProblems(r.request().method(), u.pathname + u.search, r.status(), r.headers()['content-type'], body));
    }, () => { /* body gone (the page navigated away): nothing to check */ }));
  });
  page.on('request', (r) => {
    if (r.method() === 'GET' || !r.url().includes('/api/')) return;
    writes.push(r.url().replace(url, ''));
    const h = r.headers();
    if (!r.url().endsWith('/api/staff/login') && !h['x-csrf-token']) writesWithoutCsrf.push(r.url());
    if (!h['idempotency-key']) writesWithoutCsrf.push('no Idempotency-Key: ' + r.url());
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  console.log(`desk screenshots (${shots.length}):\n${shots.map((s) => '  ' + s).join('\n')}`);
  if (loadTimes.length) {
    console.log(`page load → usable (lookup focused, core.wasm ready) on loopback: ${loadTimes.map((x) => x.toFixed(0) + ' ms').join(', ')}` +
      `; median ${[...loadTimes].sort((x, y) => x - y)[Math.floor(loadTimes.length / 2)].toFixed(0)} ms (target < 1000 ms)`);
  }
});

test('static files: core.wasm as application/wasm with a validator, the page with a CSP, no CDN', async () => {
  const url = stack.srv.url;
  const wasm = await fetch(url + '/core/core.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('cache-control'), 'no-cache');
  const etag = wasm.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0, 0x61, 0x73, 0x6d], 'a wasm module');
  assert.equal((await fetch(url + '/core/core.wasm', { headers: { 'if-none-match': etag } })).status, 304);
  const loader = await fetch(url + '/core/loader.mjs');
  assert.equal(loader.status, 200);
  assert.match(loader.headers.get('content-type'), /^text\/javascript/);
  const index = await fetch(url + '/');
  assert.match(index.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
  const html = await index.text();
  assert.doesNotMatch(html, /https?:\/\//, 'no external (CDN) references');
});

test('the desk page end to end', async (t) => {
  const url = stack.srv.url;
  const step = stepper(t, page, shotsDir);

  await step('zh-CN by default; login screen; wrong password shows the API error', {}, async () => {
    await page.goto(url + '/');
    await page.locator('#login-username').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await text('#login-form h1'), '员工登录');
    await page.locator('#login-username').fill('desk');
    await page.locator('#login-password').fill('wrong-password');
    await page.keyboard.press('Enter');
    await page.locator('#login-error .error').waitFor();
    assert.match(await text('#login-error'), /bad_credentials|密码|password/);
    await shot('login');
    await login('desk');
    assert.match(await text('#nav'), /会员查询/);
  });

  await step('page load → usable (measured on loopback)', {}, async () => {
    await signedInAs('desk');
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.goto(url + '/');
      await until(page, 'the lookup field focused and core.wasm ready', () => document.activeElement?.id === 'lookup-input' &&
        document.getElementById('core-status')?.dataset.state === 'ready');
      loadTimes.push(Date.now() - started);
    }
    // The < 1 s target is measured and printed (after()); here only a failure cap, since the
    // suite also runs against an ASan server on a loaded machine.
    assert.ok(loadTimes.every((ms) => ms < 30000), `load times ${loadTimes}`);
  });

  await step('lookup by member code: the scanner types anywhere, lands in the lookup field, Enter submits', {}, async () => {
    await signedInAs('desk');
    const code = (await world.b.get('/api/v1/member-code')).body.code;
    // From another screen, with nothing focused: the first character switches to the lookup.
    await page.keyboard.press('F3');
    await page.locator('#appointments-reload').waitFor();
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.type(code, { delay: 2 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'lookup-input');
    assert.equal(await page.inputValue('#lookup-input'), code);
    await page.keyboard.press('Enter');
    await until(page, "B's member card", (id) => document.getElementById('member-card')?.dataset.memberId === String(id), world.b.id);
    assert.match(await text('#card-invite'), /受邀新会员/);
    assert.equal(await text('#card-available'), '100', 'register points');
    assert.ok(!page.url().includes(code), 'no member code in the URL');
    await shot('member-card');
  });

  await step('phone search goes in a POST body; an unknown phone says so', {}, async () => {
    await signedInAs('desk');
    await page.keyboard.press('F2');
    await page.locator('#lookup-input').fill('13800000000');
    const [req] = await Promise.all([page.waitForRequest((r) => r.url().includes('/members/search')), page.keyboard.press('Enter')]);
    assert.equal(req.method(), 'POST');
    assert.ok(!req.url().includes('13800000000'), 'the phone number is not in the URL');
    await (await req.response()).finished();
    await page.locator('#lookup-results .error').waitFor();
  });

  await step("today's appointments: check-in", {}, async () => {
    await signedInAs('desk');
    await page.keyboard.press('F3');
    const row = `tr[data-appointment="${world.appointment}"]`;
    await page.locator(`${row} button.check-in`).waitFor();
    await shot('appointments');
    await page.locator(`${row} button.check-in`).click();
    await until(page, 'the row to say 已签到', (sel) => document.querySelector(`${sel} td.status`)?.textContent === '已签到', row);
    const desk = await Desk.login(url, stack.dir, 'desk');
    const list = await desk.get('/appointments');
    assert.equal(list.body.appointments.find((x) => x.id === world.appointment).status, 'checked_in');
  });

  await step('new visit: live preview in the browser, confirm, the server agrees', {}, async () => {
    await signedInAs('desk');
    await lookUp((await world.b.get('/api/v1/member-code')).body.code, world.b.id);
    await page.keyboard.press('F4');
    await page.locator('#sku-SVC-CONSULT').check();
    await page.locator('#sku-RX-AMOXICILLIN').check();
    // The preview is computed in the page by core.wasm (no preview request reaches the
    // server); wait until it prices both items (it waits for the core when still loading).
    await until(page, 'the preview of both items', (total) => document.getElementById('pv-total')?.textContent === total, yuan(5000 + 3500));
    const pv = {
      payable: await text('#pv-payable'), total: await text('#pv-total'), discount: await text('#pv-discount'),
      points: await text('#pv-points'), rebate: await text('#pv-rebate'),
    };
    await shot('visit-preview');
    const response = await responseTo(page, 'POST', '/visits', () => page.keyboard.press('Control+Enter'));
    assert.equal(response.status(), 201);
    const server = await response.json();
    assert.equal(pv.payable, yuan(server.price.payable_fen), 'preview payable = server payable');
    assert.equal(pv.total, yuan(server.price.total_fen));
    assert.equal(pv.discount, yuan(server.price.discount_fen));
    assert.equal(pv.points, String(server.points.points), 'preview points = points credited');
    assert.equal(server.referral.rewarded, true, JSON.stringify(server.referral));
    assert.equal(pv.rebate, yuan(server.referral.amount), 'preview rebate = rebate settled');
    assert.ok(server.price.discount_fen > 0, 'the invitee discount applied');
    await page.locator('#preview-match').waitFor();
    assert.equal(await page.getAttribute('#visit-result', 'data-diffs'), '0');
    assert.equal(await text('#sv-payable'), pv.payable);
    world.visit = server.visit.id;
    world.figures = pv;
    await shot('visit-confirmed');
  });

  await step('refund the visit (two steps)', { needs: ['new visit: live preview in the browser, confirm, the server agrees'] }, async () => {
    await page.locator('#refund-this').press('Enter');
    await page.locator('#refund-visit-id').waitFor();
    assert.equal(await page.inputValue('#refund-visit-id'), String(world.visit));
    await page.keyboard.press('Enter');
    await page.locator('#refund-yes').waitFor();
    await shot('refund-confirm');
    await until(page, 'the focus on the confirm button', () => document.activeElement?.id === 'refund-yes');
    await page.keyboard.press('Enter');
    await page.locator('#refund-result').waitFor();
    assert.equal(await text('#refund-points'), `-${world.figures.points}`);
    const desk = await Desk.login(url, stack.dir, 'desk');
    assert.equal((await desk.get(`/visits/${world.visit}`)).body.visit.status, 'refunded');
  });

  await step('coupon verify and consume', {}, async () => {
    await signedInAs('desk');
    await page.keyboard.press('F7');
    await page.locator('#coupon-code').fill(world.coupon);
    await page.keyboard.press('Enter');
    await page.locator('#coupon-valid').waitFor();
    await shot('coupon-verify');
    await until(page, 'the focus on the consume button', () => document.activeElement?.id === 'coupon-consume');
    await page.keyboard.press('Enter');
    await page.locator('#coupon-consumed').waitFor();
    await page.locator('#coupon-code').fill(world.coupon);
    await page.keyboard.press('Enter');
    await page.locator('#coupon-invalid').waitFor();
  });

  await step('English switch: labels and API errors in English', {}, async () => {
    await signedInAs('desk');
    await lookUp((await world.b.get('/api/v1/member-code')).body.code, world.b.id);
    // The switch re-fetches the member (tier names come from the server in the page's language).
    await responseTo(page, 'GET', '/context', () => page.locator('#lang').click());
    await until(page, 'the page in English', () => document.documentElement.lang === 'en' &&
      /Member lookup/.test(document.getElementById('nav')?.textContent ?? ''));
    await page.keyboard.press('F2');
    await page.locator('#lookup-input').fill('MC1.bogus');
    await responseTo(page, 'POST', '/members/search', () => page.keyboard.press('Enter'));
    await until(page, 'the English error', () => /^Error: /.test(document.getElementById('lookup-results')?.innerText ?? ''));
    assert.doesNotMatch(await text('#lookup-results'), /[\u4e00-\u9fff]/, 'no Chinese in the English error');
    await until(page, 'the tier name in English', () => {
      const tier = document.getElementById('card-tier');
      return tier !== null && !/[\u4e00-\u9fff]/.test(tier.textContent);
    });
    await shot('lookup-english');
    await page.locator('#lang').click();
    await until(page, 'the page back in Chinese', () => /会员查询/.test(document.getElementById('nav')?.textContent ?? ''));
  });

  const rulesStep = 'manager: invalid rules (error at its path), valid upload, activate, simulate';
  await step(rulesStep, {}, async () => {
    await signedInAs('manager');
    await page.locator('#nav a[data-view="rules"]').click();
    // The view renders the editor at once and fills it when the active version has loaded.
    await until(page, 'the rules editor with the active document',
      () => document.getElementById('rules-editor')?.value.includes('points_rules') === true);
    const doc = JSON.parse(readFileSync(join(sourceDir, 'core', 'rules', 'demo-clinic-rules.json'), 'utf8'));
    const bad = structuredClone(doc);
    bad.earning[2].points = -5;
    await page.locator('#rules-editor').fill(JSON.stringify(bad, null, 2));
    // In the browser first (same core), then the server's own refusal.
    await page.locator('#rules-validate').click();
    await page.locator('#rules-error').waitFor();
    assert.match(await page.getAttribute('#rules-error', 'data-path'), /^\$\.earning\[2\]/);
    const refused = await responseTo(page, 'POST', '/rules', () => page.locator('#rules-upload').click());
    assert.equal(refused.status(), 422);
    const serverError = (await refused.json()).error;
    const serverPath = serverError.field.replace(/^\$\.document/, '$');
    // The message now shown is the server's (the local one may name the same path: wait for the text too).
    await until(page, "the server's error at its path", ([path, message]) => {
      const e = document.getElementById('rules-error');
      return e?.dataset.path === path && e.textContent.includes(message);
    }, [serverPath, serverError.message]);
    const shownPath = await page.getAttribute('#rules-error', 'data-path');
    assert.ok((await text('#rules-error')).includes(shownPath));
    const selected = await page.evaluate(() => { const e = document.getElementById('rules-editor'); return e.value.slice(e.selectionStart, e.selectionEnd); });
    assert.match(selected, /-5/, `the editor selects the offending value (got ${JSON.stringify(selected)})`);
    await shot('rules-invalid');

    const good = structuredClone(doc);
    good.version = 'desk-browser-2';
    const visitRule = good.earning.find((e) => e.event === 'visit_completed');
    visitRule.points_per_yuan = 2;
    await page.locator('#rules-editor').fill(JSON.stringify(good, null, 2));
    await page.locator('#rules-validate').click();
    await page.locator('#rules-valid').waitFor();
    await page.locator('#rules-upload').click();
    await page.locator('#rules-uploaded').waitFor();
    await page.locator('tr[data-version="2"]').waitFor();

    await page.locator('#sim-days').fill('30');
    await page.locator('#rules-simulate').click();
    await page.locator('#sim-table').waitFor();
    const rows = await page.locator('#sim-table tbody tr').count();
    assert.ok(rows >= 1, 'the check-up member earns more under the candidate');
    await shot('rules-simulate');

    await page.locator('tr[data-version="2"] button.activate').click();
    await page.locator('tr[data-version="2"] .badge').waitFor();
  });

  await step('manager: daily report with its chart, staff accounts, audit log', {
    needs: ["today's appointments: check-in", 'new visit: live preview in the browser, confirm, the server agrees',
      'refund the visit (two steps)', 'coupon verify and consume', rulesStep],
  }, async () => {
    await signedInAs('manager');
    await page.locator('#nav a[data-view="report"]').click();
    await page.locator('#report-chart rect.bar').first().waitFor();
    assert.equal(await page.locator('#report-chart rect.bar').count(), 7);
    // Yesterday (for the desk's day) A paid ¥130.00; the chart labels it.
    assert.match(await page.locator('#report-chart').textContent(), /¥130\.00/);
    await shot('report');
    await page.locator('#nav a[data-view="staff"]').click();
    await page.locator('#staff-list table').waitFor();
    assert.match(await text('#staff-list'), /desk/);
    await shot('staff');
    await page.locator('#nav a[data-view="audit"]').click();
    await page.locator('#audit-table tbody tr').first().waitFor();
    const audit = await text('#audit-table');
    for (const action of ['visit.confirm', 'visit.refund', 'coupon.consume', 'appointment.checked_in', 'rules.upload', 'rules.activate']) {
      assert.ok(audit.includes(action), `audit shows ${action}`);
    }
    await shot('audit');
  });

  await step('session expiry: back to the login screen with a message', {}, async () => {
    await signedInAs('manager');
    stack.setClock(Number(readFileSync(stack.clockFile, 'utf8')) + 13 * 3600000);
    await page.locator('#nav a[data-view="staff"]').click();
    await page.locator('#login-username').waitFor();
    await until(page, 'the expiry message', () => /登录已过期/.test(document.getElementById('flash')?.textContent ?? ''));
    await shot('session-expired');
  });

  await step('rules change between preview and confirm: the page shows the difference', { needs: [rulesStep] }, async () => {
    await signedInAs('desk');
    await lookUp((await world.b.get('/api/v1/member-code')).body.code, world.b.id);
    await page.keyboard.press('F4');
    await page.locator('#sku-SVC-CHECKUP').check();
    await until(page, 'the preview of the check-up', () => document.getElementById('pv-points') !== null);
    const previewPoints = Number(await text('#pv-points'));
    // Version 2 (2 points a yuan) is active; the manager switches back to version 1 meanwhile.
    const m = await Desk.login(url, stack.dir, 'manager');
    const back = await m.call('POST', '/api/v1/manager/clinics/1/rules/1/activate', undefined, 'back-to-1');
    assert.equal(back.status, 200, JSON.stringify(back.body));
    const response = await responseTo(page, 'POST', '/visits', () => page.locator('#confirm-visit').click());
    const server = await response.json();
    assert.equal(server.points.points * 2, previewPoints, 'v2 doubles the points of v1');
    await page.locator('#preview-mismatch').waitFor();
    for (const key of ['points', 'points credited']) {
      const cells = await page.locator(`#preview-mismatch tr[data-key="${key}"] td`).allInnerTexts();
      assert.deepEqual(cells.slice(1), [String(previewPoints), String(server.points.points)], key);
    }
    assert.equal(await page.locator('#preview-mismatch tbody tr').count(), 2, 'only the points differ');
    await shot('visit-difference');
  });

  await step('no PII in the access log; no script errors; what the page received matches docs/openapi.yaml', {}, async () => {
    // every write the page made is in the log before it is searched
    const log = await accessLogWhen(join(stack.dir, 'access.log'), (text) => text.split('\n').length > writes.length);
    assert.ok(!log.includes('13800000000'));
    assert.ok(!log.includes(world.coupon), 'no coupon codes in the access log');
    assert.deepEqual(consoleErrors, []);
    assert.ok(writes.length >= 10, `the page wrote ${writes.length} times`);
    assert.deepEqual(writesWithoutCsrf, [], 'X-CSRF-Token and Idempotency-Key on every write');
    await Promise.all(specChecks);
    assert.ok(specChecks.length >= 30, `the page's API responses were checked (${specChecks.length})`);
    assert.deepEqual(specMismatches, [], "the page's API responses contradict docs/openapi.yaml");
  });
});

// Families (issue 15): a parent's account with two patients; the desk must pick who is being
// seen before a visit, and the confirm names that patient. Condition waits only.
test("families: the desk scans the offline member code, picks the member's child and confirms the child's visit", async () => {
  const url = stack.srv.url;
  const parent = await Patient.login(url, 'desk-family-parent');
  const self = await parent.post('/api/v1/patients', { name: '陈大文', sex: 'male', birth_date: birthDate({ years: 40 }), relation: 'self' });
  const child = await parent.post('/api/v1/patients', { name: '陈小文', sex: 'female', birth_date: birthDate({ years: 4 }), relation: 'child' });
  assert.equal(child.status, 201, JSON.stringify(child.body));
  assert.equal(self.status, 201, JSON.stringify(self.body));

  // The phone's offline code (RFC 6238, HMAC-SHA256 over the provisioned secret), computed here with Node's crypto.
  const { secret } = (await parent.post('/api/v1/member-code/secret')).body;
  const counter = Buffer.alloc(8);
  const serverNow = Date.now() + Number(readFileSync(stack.clockFile, 'utf8'));  // the test clock's offset
  counter.writeBigUInt64BE(BigInt(Math.floor(serverNow / 30000)));
  const mac = createHmac('sha256', Buffer.from(secret, 'base64url')).update(counter).digest();
  const digits = (mac.readUInt32BE(mac[mac.length - 1] & 15) & 0x7fffffff) % 100000000;
  const code = `${parent.id}.${String(digits).padStart(8, '0')}`;
  await page.keyboard.press('F2');
  await page.waitForSelector('#lookup-input');
  await page.locator('#lookup-input').fill(code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#patient-pick input[type=radio]');
  const labels = await page.locator('#patient-pick label').allInnerTexts();
  assert.deepEqual(labels.length, 2);
  assert.ok(labels.some((l) => l.startsWith('陈*') && l.includes('4 岁') && l.includes('子女')), labels.join(' | '));
  assert.ok(!labels.join(' ').includes('小文'), 'names are masked at the desk');
  assert.equal(await page.locator('#start-visit').isDisabled(), true, 'no visit before the patient is picked');

  await page.locator(`#patient-${child.body.id}`).check();
  await page.waitForSelector('#start-visit:not([disabled])');
  await page.locator('#start-visit').click();
  await page.waitForSelector('#visit-patient');
  assert.match(await text('#visit-patient'), /陈\*.*4 岁/);
  await page.locator('#sku-SVC-CONSULT').check();
  await page.waitForSelector('#pv-payable');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/visits') && r.request().method() === 'POST'),
    page.locator('#confirm-visit').click(),
  ]);
  assert.equal(JSON.parse(response.request().postData()).patient_id, child.body.id, 'the confirm names the child');
  assert.equal(response.status(), 201);
  const server = await response.json();
  assert.equal(server.visit.patient.id, child.body.id);
  assert.equal(server.visit.member_id, parent.id, 'points stay with the member');
  await page.waitForSelector('#visit-result');
  await shot('family-visit-confirmed');
  assert.deepEqual(consoleErrors, []);
});
