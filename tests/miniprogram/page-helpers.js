// Shared by the page tests: render a page the way WeChat opens it, wait for async work,
// read text, tap. Pages are Components, so miniprogram-simulate renders them in jsdom.
const simulate = require('miniprogram-simulate');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', 'miniprogram');
const loaded = {};

// attach → onLoad(query) → show, in WeChat's order. Each page is compiled once per test
// file, with the package root as rootPath (the official compiler keeps state per root,
// so per-page roots or a second load of a page break later renders).
function openPage(name, query = {}) {
  if (!loaded[name]) loaded[name] = simulate.load(join(root, 'pages', name, name), { rootPath: root });
  const id = loaded[name];
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  if (typeof page.instance.onLoad === 'function') page.instance.onLoad(query);
  if (typeof page.instance.onShow === 'function') page.instance.onShow();
  return page;
}

// Polls `check` until it is truthy. The limit is a failure cap, not a delay the test relies
// on: the journey runs against a debug (or ASan) server on a shared machine.
async function until(check, what, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try { ok = await check(); } catch (e) { ok = false; }
    if (ok) return ok;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${timeoutMs / 1000} s)`);
    await simulate.sleep(10);
  }
}

function text(page, selector) {
  const n = page.querySelector(selector);
  return n ? n.dom.textContent.trim() : null;
}

function all(page, selector) {
  return page.querySelectorAll(selector);
}

async function tap(page, selector, detail = {}) {
  const n = typeof selector === 'string' ? page.querySelector(selector) : selector;
  if (!n) throw new Error(`nothing matches ${selector}`);
  n.dispatchEvent('tap', { detail });
  await simulate.sleep(0);
}

async function fire(page, selector, type, detail) {
  const n = typeof selector === 'string' ? page.querySelector(selector) : selector;
  if (!n) throw new Error(`nothing matches ${selector}`);
  n.dispatchEvent(type, { detail });
  await simulate.sleep(0);
}

// Answers the on-device questionnaire like the server tests' finishedTriage: "no" to
// yes/no, the last option of a choice, nothing of a multi-choice; a number question gets a
// value TYPED into its (empty) box: numbers[question id], else 37 for °C, else the minimum.
// Single-choice questions take their last option unless `choose` names the option's index for
// that question id (e.g. { days: 0, drinking: 1 }).
async function walkToResult(page, { maxSteps = 20, numbers = {}, choose = {} } = {}) {
  for (let i = 0; i < maxSteps && page.data.phase === 'question'; i++) {
    const asked = page.data.asked;
    const q = page.data.question;
    if (q.kind === 'yes_no') await tap(page, '.answer-no');
    else if (q.kind === 'single') { const opts = all(page, '.answer-option'); await tap(page, opts[choose[q.id] !== undefined ? choose[q.id] : opts.length - 1]); }
    else if (q.kind === 'multi') await tap(page, '.answer-multi-next');
    else {
      const v = numbers[q.id] !== undefined ? numbers[q.id] : q.unit === '°C' ? 37 : q.min;
      await fire(page, '.answer-number', 'input', { value: String(v) });
      await tap(page, '.answer-number-next');
    }
    await until(() => page.data.phase !== 'question' || page.data.asked > asked, 'the next question');
  }
  await until(() => page.data.phase === 'result', 'the result card');
}

// The self-test's "为谁自测" with a quick "someone else": years (+ months) and sex.
async function chooseOther(page, { years, months = '', sex = 'female' }) {
  await until(() => page.data.peopleState !== 'loading', 'the patient list');
  await tap(page, '.other-open');
  await fire(page, '.other-years', 'input', { value: String(years) });
  if (months !== '') await fire(page, '.other-months', 'input', { value: String(months) });
  await tap(page, `.other-form .sex-${sex}`);
  await tap(page, '.other-start');
  await until(() => page.data.phase === 'pick' && page.data.complaints.length > 0, 'the complaint list for that person');
}

module.exports = { simulate, openPage, until, text, all, tap, fire, walkToResult, chooseOther };
