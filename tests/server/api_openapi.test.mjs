// docs/openapi.yaml describes every route the server registers (and nothing else): the
// route table comes from `clinic-server routes` (the App's router), the spec's paths and
// methods from the YAML (paths at two spaces, methods at four). Fails on any difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverBin, sourceDir, tempDir } from './helpers.mjs';

function registeredRoutes() {
  const dir = tempDir('clinic-routes-');
  const out = execFileSync(serverBin, ['routes', '--wechat-appid=x', '--wechat-secret=y', `--db=${join(dir, 'c.db')}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n').map((line) => {
    const [method, path] = line.trim().split(/\s+/);
    return `${method.toLowerCase()} ${path.replace(/:([a-z_]+)/g, '{$1}')}`;
  });
}

function documentedRoutes() {
  const text = readFileSync(join(sourceDir, 'docs', 'openapi.yaml'), 'utf8');
  const out = [];
  let path = null;
  let inPaths = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) { path = p[1]; continue; }
    const m = /^ {4}(get|put|post|delete|patch|head|options):\s*$/.exec(line);
    if (m && path) out.push(`${m[1]} ${path}`);
  }
  return out;
}

test('every registered route is in docs/openapi.yaml, with responses, and nothing else is', () => {
  const registered = registeredRoutes();
  const documented = documentedRoutes();
  assert.ok(registered.length >= 50, `route table too short: ${registered.length}`);
  const missing = registered.filter((r) => !documented.includes(r));
  const stale = documented.filter((r) => !registered.includes(r));
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml: ${missing.join(', ')}`);
  assert.deepEqual(stale, [], `documented routes the server does not register: ${stale.join(', ')}`);
  const text = readFileSync(join(sourceDir, 'docs', 'openapi.yaml'), 'utf8');
  assert.ok(text.includes("$ref: '#/components/schemas/Error'") || text.includes('$ref: "#/components/schemas/Error"') || text.includes('#/components/schemas/Error'));
  console.log(`openapi: ${registered.length} routes registered, all documented`);
});

test('the coverage check itself notices a missing route', () => {
  const documented = documentedRoutes();
  const registered = registeredRoutes();
  const withExtra = [...registered, 'post /api/v1/not-documented'];
  assert.deepEqual(withExtra.filter((r) => !documented.includes(r)), ['post /api/v1/not-documented']);
});
