// Writes every vector request into a fuzz corpus folder (one file each), so new ops
// are fuzzed from realistic inputs as soon as they have vectors.
// Usage: node tests/fuzz/seed-from-vectors.mjs OUT_DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

import { requestText, vectorFiles } from '../../wasm/vectors.mjs';

const out = process.argv[2];
mkdirSync(out, { recursive: true });
let n = 0;
for (const file of vectorFiles(new URL('../vectors/', import.meta.url).pathname)) {
  for (const c of JSON.parse(readFileSync(file, 'utf8')).cases) {
    const text = requestText(c);
    writeFileSync(join(out, 'vec-' + createHash('sha1').update(text).digest('hex').slice(0, 16)), text);
    n++;
  }
}
console.log(`seeded ${n} vector requests into ${out}`);
