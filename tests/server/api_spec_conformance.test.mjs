// Issue 13 finding 7: responses must not contradict docs/openapi.yaml. Every server suite
// checks every response it receives (helpers.mjs apiFetch → openapi_validator.cjs); this
// suite checks the checker (it refuses what it must), that every schema in the spec
// compiles, and the responses the probe found wrong: a fresh member's profile and consents
// (nothing set yet: null id_number, null consents), which the spec called string / object.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startStack, Patient, Desk, request } from './api_helpers.mjs';
import { sourceDir, demoCredentials } from './helpers.mjs';
import { responseProblems, SpecMismatch, assertResponseMatchesSpec } from './openapi_validator.cjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const JSON_CT = 'application/json; charset=utf-8';
const profile = (over = {}) => ({
  id: 1, name: null, phone: null, created_at_ms: 1, id_number: null, consents: { health_data: null, marketing: null }, ...over,
});

test('the checker refuses wrong types, undeclared statuses, unknown API routes, a wrong media type', () => {
  assert.deepEqual(responseProblems('GET', '/api/v1/me/profile', 200, JSON_CT, profile()), []);
  assert.match(responseProblems('GET', '/api/v1/me/profile', 200, JSON_CT, profile({ id_number: 42 }))[0], /\/id_number must be string/);
  assert.match(responseProblems('GET', '/api/v1/me/profile', 200, JSON_CT, profile({ consents: { health_data: 'yes', marketing: null } }))[0],
    /\/consents\/health_data must be object/);
  assert.match(responseProblems('GET', '/api/v1/me/profile', 200, JSON_CT, { ...profile(), consents: undefined })[0], /must have required property 'consents'/);
  assert.match(responseProblems('GET', '/api/v1/me/profile', 418, JSON_CT, {})[0], /status 418 is not declared/);
  assert.match(responseProblems('GET', '/api/v1/me/profile?x=1', 401, JSON_CT, { error: { code: 'unauthorized', message: 'x' } })[0],
    /must have required property 'field'/);
  assert.match(responseProblems('POST', '/api/v1/no-such-route', 200, JSON_CT, {})[0], /no operation in docs\/openapi.yaml/);
  assert.deepEqual(responseProblems('GET', '/api/v1/no-such-route', 404, JSON_CT, { error: { code: 'route_not_found', message: 'x', field: '' } }), []);
  assert.match(responseProblems('GET', '/metrics', 200, JSON_CT, {})[0], /content-type .* the spec declares text\/plain/);
  assert.deepEqual(responseProblems('GET', '/core/core.wasm', 200, 'application/wasm', ''), [], 'static files are not API responses');
  assert.throws(() => assertResponseMatchesSpec('GET', '/api/v1/me/profile', 200, JSON_CT, profile({ id_number: 42 })), SpecMismatch);
});

test('every response schema in docs/openapi.yaml compiles (Ajv strict, OpenAPI 3.0 nullable and formats)', () => {
  const spec = parseYaml(readFileSync(join(sourceDir, 'docs', 'openapi.yaml'), 'utf8'));
  let checked = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const status of Object.keys(op.responses || {})) {
        // Compiling happens on the first check; a body of the wrong JSON type exercises it.
        const problems = responseProblems(method, path.replace(/\{[^}]+\}/g, '1'), Number(status) || 599, JSON_CT, Symbol.for('x'));
        for (const p of problems) assert.doesNotMatch(p, /strict mode|unknown format|can't resolve reference/i, p);
        checked++;
      }
    }
  }
  assert.ok(checked > 150, `only ${checked} responses declared`);
});

test("a fresh member's profile and consents: null where nothing was set, as the spec says", async () => {
  const p = await Patient.login(stack.srv.url, 'conformance-fresh');
  // Patient.get → request → apiFetch has already checked each body against the spec.
  const me = await p.get('/api/v1/me/profile');
  assert.equal(me.status, 200);
  assert.equal(me.body.id_number, null, 'no ID number set yet');
  assert.deepEqual(me.body.consents, { health_data: null, marketing: null }, 'never asked: null, not a refusal');
  const consents = await p.get('/api/v1/me/consents');
  assert.deepEqual(consents.body.consents, { health_data: null, marketing: null });
  const granted = await p.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
  assert.equal(granted.status, 200);
  assert.equal(granted.body.consents.health_data.granted, true);
  assert.equal(granted.body.consents.marketing, null);
  const set = await p.call('PUT', '/api/v1/me/profile', { name: '王小明', id_number: '11010519491231002X' });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const after = await p.get('/api/v1/me/profile');
  assert.equal(typeof after.body.id_number, 'string');
  assert.ok(!after.body.id_number.includes('19491231'), 'masked');
});

// Operations no other suite (nor the desk page in the browser suite) calls: checked here so
// that every documented operation has at least one response validated.
test('the operations no other suite reaches answer as documented', async () => {
  const url = stack.srv.url;
  const p = await Patient.login(url, 'conformance-rest');
  assert.equal((await p.get('/api/v1/doctors?clinic_id=1')).status, 200);
  const desk = await Desk.login(url, stack.dir, 'desk');
  const catalogue = await desk.get('/catalogue');
  assert.equal(catalogue.status, 200);
  const manager = await Desk.login(url, stack.dir, 'manager');
  const rules = await manager.call('GET', '/api/v1/manager/clinics/1/rules/1');
  assert.equal(rules.status, 200, JSON.stringify(rules.body));
  const west = await Desk.login(url, stack.dir, 'desk-west');
  const old = demoCredentials(stack.dir)['desk-west'].password;
  const changed = await west.call('POST', '/api/staff/password', { old_password: old, new_password: 'conformance-pass-2026' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  const again = await request(url, 'POST', '/api/staff/login', { body: { username: 'desk-west', password: 'conformance-pass-2026' } });
  assert.equal(again.status, 200);
});
