// Waiting and stepping for the browser suites, so that no step depends on timing:
// - every wait is on a condition that includes the element's existence (a predicate that
//   throws on a missing element makes Playwright's waitForFunction fail at once: the
//   flake of issue 13) or on the response arriving;
// - the time limits are failure caps only, long enough for an ASan server on a loaded
//   machine (STEP_CAP_MS);
// - a step that fails is named in its error, leaves a screenshot, and the steps that need
//   it fail at once with "not run: needs …" instead of timing out one after another.
import assert from 'node:assert/strict';
import { join } from 'node:path';

export const STEP_CAP_MS = 90_000;

export function useCaps(page) {
  page.setDefaultTimeout(STEP_CAP_MS);
  page.setDefaultNavigationTimeout(STEP_CAP_MS);
}

// Waits until `predicate(arg)` is truthy in the page. The predicate must itself check that
// the elements it reads exist (optional chaining), so a not-yet-rendered view means "not yet".
export async function until(page, what, predicate, arg) {
  try {
    return await page.waitForFunction(predicate, arg, { timeout: STEP_CAP_MS });
  } catch (e) {
    throw new Error(`waiting for ${what}: ${e.message.split('\n')[0]}`);
  }
}

// Runs `action` and waits for the response it causes (method + path end), so a test never
// reads the page's state before the server has answered.
export async function responseTo(page, method, pathEnd, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd), { timeout: STEP_CAP_MS }),
    action(),
  ]);
  return response;
}

// step(name, { needs: [...] }, fn) inside a node:test test `t`.
export function stepper(t, page, shotsDir) {
  const failed = new Set();
  return async function step(name, { needs = [] }, fn) {
    await t.test(name, async () => {
      const missing = needs.filter((n) => failed.has(n));
      if (missing.length) assert.fail(`not run: needs step "${missing.join('", "')}", which failed`);
      try {
        await fn();
      } catch (e) {
        failed.add(name);
        const shot = join(shotsDir, `FAILED-${name.replace(/[^\w-]+/g, '_').slice(0, 60)}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 10_000 }).catch(() => {});
        e.message = `step "${name}": ${e.message} (screenshot ${shot})`;
        throw e;
      }
    });
  };
}
