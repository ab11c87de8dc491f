// The shared vectors against the wasm build; tests/core/vectors_test.cpp runs them natively.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';

import { loadCore } from '../../wasm/loader.mjs';
import { runVectorFile, vectorFiles } from '../../wasm/vectors.mjs';
import { requireBuilt, vectorsDir, wasmPath } from './helpers.mjs';

const core = await loadCore(readFileSync(requireBuilt(wasmPath)));

for (const file of vectorFiles(vectorsDir)) {
  test(`vectors ${basename(file)} (wasm)`, () => {
    const results = runVectorFile(core.callText, file);
    assert.ok(results.length > 0, 'a vector file with no cases');
    const failures = results.filter((r) => r.failure).map((r) => `${r.name}: ${r.failure}`);
    assert.deepEqual(failures, []);
  });
}
