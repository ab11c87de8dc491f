// Every response the server suites receive is checked against docs/openapi.yaml (OpenAPI
// 3.0.3): the status must be one the operation declares (or its `default`), and a JSON body
// must match the declared schema. Client generators trust the spec, so a difference is a
// test failure, whichever side is wrong. Used by the shared request helpers (helpers.mjs
// apiFetch, which api_helpers.mjs request uses) and the mini-program journey's HTTP bridge.
//
// OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` widens the type to null,
// `format: int64` etc. are OpenAPI formats, `example`/`discriminator`/`xml` are annotations.
// toJsonSchema() rewrites them (as OpenAPI 3.1 would write them) before Ajv compiles.
'use strict';
// CommonJS so that the mini-program journey (jest, CommonJS) checks with the same code.
const { appendFileSync, readFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
// yaml's Node build by path: under jest's jsdom environment plain require('yaml') picks
// the browser build, which is an ES module.
const { parse: parseYaml } = require(join(dirname(require.resolve('yaml/package.json')), 'dist', 'index.js'));
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const sourceDir = process.env.CLINIC_SOURCE_DIR || resolve(__dirname, '..', '..');
const specPath = join(sourceDir, 'docs', 'openapi.yaml');
const ANNOTATIONS = new Set(['example', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

// OpenAPI 3.0 schema object → JSON Schema (draft 7, which Ajv's default class speaks).
function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k) || k === 'nullable' || k.startsWith('x-')) continue;  // x-…: OpenAPI extensions
    if (k === '$ref') out.$ref = v.replace('#/components/schemas/', '#/definitions/');
    else if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, toJsonSchema(s)]));
    else if (k === 'enum' || k === 'default' || k === 'required') out[k] = v;
    else out[k] = toJsonSchema(v);
  }
  if (schema.nullable === true) {
    // Beside a $ref (whose siblings 3.0 ignores) nullable is still honoured: that is what specs mean by it.
    if (out.$ref || !out.type) return { anyOf: [out, { type: 'null' }] };
    out.type = Array.isArray(out.type) ? [...new Set([...out.type, 'null'])] : [out.type, 'null'];
    if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function templateRegex(template) {
  const body = template.split('/').map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${body}$`);
}

let loaded = null;
function load() {
  if (loaded) return loaded;
  const spec = parseYaml(readFileSync(specPath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  // OpenAPI's own formats (ajv-formats knows the JSON Schema ones).
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  for (const f of ['float', 'double']) ajv.addFormat(f, { type: 'number', validate: () => true });
  for (const f of ['byte', 'binary', 'password']) ajv.addFormat(f, true);
  const definitions = Object.fromEntries(Object.entries(spec.components?.schemas || {}).map(([n, s]) => [n, toJsonSchema(s)]));
  ajv.addSchema({ $id: 'openapi', definitions });
  // Literal segments beat parameters: /members/search matches before /members/{id}.
  const routes = Object.entries(spec.paths).map(([template, item]) => ({
    template, item, re: templateRegex(template), literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  })).sort((a, b) => b.literals - a.literals);
  loaded = { spec, ajv, routes, validators: new Map() };
  return loaded;
}

function deref(spec, obj) {
  let o = obj;
  for (let i = 0; o && o.$ref && i < 10; i++) {
    o = o.$ref.replace(/^#\//, '').split('/').reduce((x, k) => x?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return o;
}

function jsonSchemaValidator(state, key, schema) {
  if (!state.validators.has(key)) {
    const js = toJsonSchema(schema);
    // Resolve component refs through the shared "openapi" document.
    const rooted = JSON.parse(JSON.stringify(js).replace(/"\$ref":"#\/definitions\//g, '"$ref":"openapi#/definitions/'));
    state.validators.set(key, state.ajv.compile(rooted));
  }
  return state.validators.get(key);
}

function errorsText(errors) {
  return errors.slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`).join('; ');
}

// Problems of one response against the spec ([] when it conforms). `path` may carry a
// query string; `body` is the parsed JSON (or the text when it was not JSON).
function responseProblems(method, path, status, contentType, body) {
  const state = load();
  const pathname = path.split('?')[0];
  const m = method.toLowerCase();
  const route = state.routes.find((r) => r.re.test(pathname));
  const what = `${method.toUpperCase()} ${pathname} → ${status}`;
  if (!route || !route.item[m]) {
    // Outside the API the server serves static files (not in the spec); an undocumented
    // API path or method may only get the generic 404 route_not_found / 405.
    if (!pathname.startsWith('/api/') && !route) return [];
    // Test hooks (/api/v1/test/…) exist only in debug builds started with a test clock and are
    // no part of the published API (`clinic-server routes` leaves them out too).
    if (pathname.startsWith('/api/v1/test/')) return [];
    if (status !== 404 && status !== 405) return [`${what}: no operation in docs/openapi.yaml for ${m.toUpperCase()} ${pathname}, yet the server answered ${status}`];
    const v = jsonSchemaValidator(state, 'Error', { $ref: '#/components/schemas/Error' });
    return v(body) ? [] : [`${what}: body is not an Error: ${errorsText(v.errors)}`];
  }
  const op = route.item[m];
  // CLINIC_OPENAPI_COVERAGE=<file>: one line per checked response, to see what no suite reaches.
  if (process.env.CLINIC_OPENAPI_COVERAGE) appendFileSync(process.env.CLINIC_OPENAPI_COVERAGE, `${m} ${route.template} ${status}\n`);
  const responses = op.responses || {};
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!declared) {
    return [`${what}: status ${status} is not declared for ${m.toUpperCase()} ${route.template} in docs/openapi.yaml (declared: ${Object.keys(responses).join(', ')})`];
  }
  const response = deref(state.spec, declared);
  const content = response?.content;
  const isJson = /^application\/(.+\+)?json\b/.test(contentType || '');
  if (!content) {
    return body === '' || body === null || body === undefined ? [] : [`${what}: the spec declares no body, the server sent ${contentType}`];
  }
  const media = Object.keys(content);
  const jsonMedia = media.find((t) => /json/.test(t));
  if (!jsonMedia) {
    // A declared non-JSON answer (text/plain metrics, a file): the media type must be one of them.
    const ct = (contentType || '').split(';')[0].trim();
    return media.some((t) => t === ct || t === '*/*' || (t.endsWith('/*') && ct.startsWith(t.slice(0, -1)))) ? []
      : [`${what}: content-type ${contentType}, the spec declares ${media.join(', ')}`];
  }
  if (!isJson) return [`${what}: content-type ${contentType}, the spec declares ${jsonMedia}`];
  const schema = content[jsonMedia].schema;
  if (!schema) return [];
  const v = jsonSchemaValidator(state, `${m} ${route.template} ${status}`, schema);
  return v(body) ? [] : [`${what}: body does not match docs/openapi.yaml (${route.template}): ${errorsText(v.errors)}`];
}

class SpecMismatch extends Error {
  constructor(problems, body) {
    super(`response contradicts docs/openapi.yaml:\n  ${problems.join('\n  ')}\n  body: ${JSON.stringify(body).slice(0, 600)}`);
    this.name = 'SpecMismatch';
  }
}

// Throws SpecMismatch when the response contradicts the spec. CLINIC_OPENAPI_CHECK=log
// prints the problems and goes on (to list every mismatch of a suite in one run); never
// set in scripts/test.
function assertResponseMatchesSpec(method, path, status, contentType, body) {
  const problems = responseProblems(method, path, status, contentType, body);
  if (!problems.length) return;
  if (process.env.CLINIC_OPENAPI_CHECK === 'log') console.error(`openapi mismatch: ${problems.join('; ')}`);
  else throw new SpecMismatch(problems, body);
}

module.exports = { toJsonSchema, responseProblems, SpecMismatch, assertResponseMatchesSpec };
