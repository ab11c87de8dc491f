// Seeded request generator for the native-vs-wasm differential run. It mixes valid
// requests for every op the core lists, requests mutated from the shared vectors,
// wrong types, malformed JSON, deep nesting, huge numbers, invalid UTF-8 and
// oversized input; with a core given, 60% of the cases are valid requests from members
// with real histories (valid.mjs: the success paths of the points/coupon/visit/referral/
// account ops, account and ledger forms) and 10% valid triage walks (valid.mjs: every protocol,
// the three answerers, "not_sure" answers). Every request is one line (no 0x0A byte) so
// clinic-core --lines can read it.
import { readFileSync } from 'node:fs';

import { vectorFiles, requestText } from '../../wasm/vectors.mjs';
import { triageRequests, validRequests } from './valid.mjs';

export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kFieldNames = ['at_ms', 'utc_offset_min', 'total_fen', 'weights', 'lang', 'member', 'event', 'rules', 'items',
  'answers', 'complaint', 'protocol', 'text', 'age_years', 'sex', 'amount_fen', 'coupon', 'ledger', 'state', 'id'];
const kStrings = ['', 'a', 'zh-CN', 'en', '肚子疼', 'tummy ache', '发烧', 'fever', '\u0000', '"', '\\', '😀', 'x'.repeat(300)];
const kNumbers = ['0', '-1', '1', '480', '1769875200000', '9223372036854775807', '9223372036854775808',
  '-9223372036854775809', '18446744073709551616', '1e308', '1e400', '-0', '0.5', '1E2', '123456789012345678901234567890', '1e-400'];

export function generate({ seed, count, ops, core }) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const int = (n) => Math.floor(rnd() * n);

  const templates = [];
  for (const file of vectorFiles(new URL('../vectors/', import.meta.url).pathname)) {
    for (const c of JSON.parse(readFileSync(file, 'utf8')).cases) templates.push(requestText(c));
  }

  function value(depth) {
    const k = int(depth > 3 ? 4 : 7);
    if (k === 0) return pick(kNumbers);
    if (k === 1) return JSON.stringify(pick(kStrings));
    if (k === 2) return pick(['true', 'false', 'null']);
    if (k === 3) return String(int(100000));
    if (k === 4) return '[' + Array.from({ length: int(4) }, () => value(depth + 1)).join(',') + ']';
    if (k === 5) return object(depth + 1);
    return JSON.stringify(pick(kStrings) + int(1000));
  }
  function object(depth) {
    const n = int(5);
    const fields = Array.from({ length: n }, () => `${JSON.stringify(pick(kFieldNames))}:${value(depth)}`);
    return '{' + fields.join(',') + '}';
  }
  function validish() {
    const fields = [`"op":${JSON.stringify(pick(ops))}`, `"v":${pick(['1', '1', '1', '2', '"1"'])}`];
    if (rnd() < 0.3) fields.push(`"lang":${pick(['"en"', '"zh-CN"', '"fr"', '1'])}`);
    for (let i = int(5); i > 0; i--) fields.push(`${JSON.stringify(pick(kFieldNames))}:${value(0)}`);
    return '{' + fields.join(',') + '}';
  }
  function mutate(text) {
    const chars = [...text];
    for (let i = 1 + int(3); i > 0; i--) {
      const at = int(chars.length + 1);
      const op = int(4);
      if (op === 0) chars.splice(at, 1);
      else if (op === 1) chars.splice(at, 0, pick(['{', '}', '[', ']', ',', ':', '"', '1', 'x', ' ', '-']));
      else if (op === 2) chars.splice(at, 0, pick(kNumbers));
      else chars.splice(at, 1, JSON.stringify(pick(kStrings)));
    }
    return chars.join('');
  }

  const valid = core
    ? validRequests({ rnd, core, count: Math.ceil((count * 12) / 20) + 1,
      rules: JSON.parse(readFileSync(new URL('../../core/rules/demo-clinic-rules.json', import.meta.url), 'utf8')) })
    : [];
  const triage = core ? triageRequests({ rnd, core, count: Math.ceil(count / 10) + 1 }) : [];
  const out = [];
  let other = 0;  // index among the cases that are not from valid.mjs
  let next = 0;
  let nextTriage = 0;
  for (let i = 0; i < count; i++) {
    if (core && i % 20 < 12) {  // 60%
      out.push(Buffer.from(valid[next++]));
      continue;
    }
    if (core && i % 20 < 14) {  // 10%
      out.push(Buffer.from(triage[nextTriage++]));
      continue;
    }
    const n = core ? other++ : i;
    const kind = n % 20;
    let line;
    if (kind < 8) line = Buffer.from(validish());
    else if (kind < 13 && templates.length) line = Buffer.from(rnd() < 0.3 ? pick(templates) : mutate(pick(templates)));
    else if (kind === 13) line = Buffer.from(validish().slice(0, 1 + int(30)));  // truncated
    else if (kind === 14) {
      const depth = pick([10, 63, 64, 65, 200, 5000]);
      line = Buffer.from(`{"op":"core.version","v":1,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    } else if (kind === 15) line = Buffer.from(`{"op":${JSON.stringify(pick(ops))},"v":${pick(kNumbers)},"at_ms":${pick(kNumbers)},"total_fen":${pick(kNumbers)}}`);
    else if (kind === 16) {
      const bad = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8]];
      const base = Buffer.from(validish());
      const at = 1 + int(base.length - 1);
      line = Buffer.concat([base.subarray(0, at), Buffer.from(pick(bad)), base.subarray(at)]);
    } else if (kind === 17) line = Buffer.from(`{"op":"core.version","v":1,"s":"\\u${pick(['d800', 'dc00', '0000', 'ffff', 'D83D\\uDE00'])}"}`);
    else if (kind === 18 && n % 1000 === 18) {
      line = Buffer.from(`{"op":"core.version","v":1,"pad":"${'a'.repeat(pick([1048576, 1048600, 2000000]))}"}`);
    } else line = Buffer.from(object(0));
    out.push(Buffer.from(line.map((b) => (b === 0x0a ? 0x20 : b))));
  }
  return out;
}
