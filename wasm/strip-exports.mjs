// Rewrites core.wasm's export section to keep only what the loader uses: memory,
// alloc, free, call, and _initialize (runs static constructors). Emscripten adds
// stack helpers, __errno_location and the function table; nothing outside needs them.
// Usage: node wasm/strip-exports.mjs core.wasm
import { readFileSync, writeFileSync } from 'node:fs';

export const kKeptExports = ['memory', 'alloc', 'free', 'call', '_initialize'];

function readLeb(bytes, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
    if ((b & 0x80) === 0) return [result >>> 0, pos];
  }
}

function writeLeb(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

export function stripExports(bytes, keep = kKeptExports) {
  const out = [bytes.subarray(0, 8)]; // chunks; magic + version first
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, bodyStart] = readLeb(bytes, pos + 1);
    const body = bytes.subarray(bodyStart, bodyStart + size);
    if (id === 7) {
      let [count, p] = readLeb(body, 0);
      const kept = []; // byte ranges of the entries to keep
      for (let i = 0; i < count; i++) {
        const start = p;
        let nameLen;
        [nameLen, p] = readLeb(body, p);
        const name = Buffer.from(body.subarray(p, p + nameLen)).toString('utf8');
        p += nameLen + 1; // name bytes, then the kind byte
        [, p] = readLeb(body, p); // the index
        if (keep.includes(name)) kept.push(body.subarray(start, p));
      }
      const newBody = Buffer.concat([Uint8Array.from(writeLeb(kept.length)), ...kept]);
      out.push(Uint8Array.from([7, ...writeLeb(newBody.length)]), newBody);
    } else {
      out.push(bytes.subarray(pos, bodyStart + size));
    }
    pos = bodyStart + size;
  }
  return new Uint8Array(Buffer.concat(out));
}

if (process.argv[2]) {
  const file = process.argv[2];
  const stripped = stripExports(new Uint8Array(readFileSync(file)));
  writeFileSync(file, stripped);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(stripped)).map((e) => e.name);
  console.log(`exports of ${file}: ${names.join(', ')}`);
}
