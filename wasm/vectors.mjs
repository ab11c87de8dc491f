// Test vectors: tests/vectors/*.json, each {"description", "cases":[...]} where a case
// has "request" (object) or "request_text" (raw string) and either "response" (the
// exact bytes, written as JSON) or "response_includes" (a subset that must match).
// The native runner (tests/core/vectors_test.cpp) applies the same rules.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function vectorFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

// True when every key/item of `expected` is matched in `actual` (arrays: same length).
export function includes(actual, expected) {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => includes(actual[i], e));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.keys(expected).every((k) => k in actual && includes(actual[k], expected[k]));
}

export function requestText(testCase) {
  return 'request_text' in testCase ? testCase.request_text : JSON.stringify(testCase.request);
}

// Runs one case through `callText`; returns null on pass, else a message.
export function checkCase(callText, testCase) {
  const actual = callText(requestText(testCase));
  if ('response' in testCase) {
    const expected = JSON.stringify(testCase.response);
    return actual === expected ? null : `expected ${expected}\n     got ${actual}`;
  }
  if ('response_includes' in testCase) {
    let parsed;
    try {
      parsed = JSON.parse(actual);
    } catch (e) {
      return `response is not JSON: ${actual}`;
    }
    return includes(parsed, testCase.response_includes) ? null : `expected to include ${JSON.stringify(testCase.response_includes)}\n     got ${actual}`;
  }
  return 'case has neither "response" nor "response_includes"';
}

export function runVectorFile(callText, file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return doc.cases.map((c) => ({ file, name: c.name, failure: checkCase(callText, c) }));
}
