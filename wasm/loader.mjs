// The one JS loader for core.wasm: Node (bytes), browsers (bytes or URL) and WeChat
// (WXWebAssembly.instantiate with a code-package path, .wasm or .wasm.br).
// It uses no eval/new Function, no Emscripten glue, no Node modules, and carries a
// tiny UTF-8 codec for phones without TextEncoder/TextDecoder.
// wasm/make-cjs.mjs derives loader.cjs (CommonJS, for WeChat) from this file.

// The one place a core {"error":{code,message,path}} becomes a JS exception.
export class CoreError extends Error {
  constructor(error) {
    super(error.message);
    this.name = 'CoreError';
    this.code = error.code;
    this.path = error.path;
  }
}

export function encodeUtf8(text) {
  if (typeof TextEncoder !== 'undefined') return new TextEncoder().encode(text);
  const out = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate, as TextEncoder does
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

export function decodeUtf8(bytes) {
  if (typeof TextDecoder !== 'undefined') return new TextDecoder('utf-8').decode(bytes);
  // The core only emits valid UTF-8; anything else becomes U+FFFD.
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let c = 0xfffd;
    let n = 1;
    if (b < 0x80) c = b;
    else if (b >= 0xc2 && b < 0xe0 && i + 1 < bytes.length) { c = ((b & 31) << 6) | (bytes[i + 1] & 63); n = 2; }
    else if (b >= 0xe0 && b < 0xf0 && i + 2 < bytes.length) { c = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63); n = 3; }
    else if (b >= 0xf0 && b < 0xf5 && i + 3 < bytes.length) {
      c = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
      n = 4;
    }
    out += c > 0xffff ? String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023)) : String.fromCharCode(c);
    i += n;
  }
  return out;
}

// Imports the standalone module may ask for. The core does no I/O: libc links these
// for its start-up and abort paths. The environment is empty; output is refused loudly.
// `instanceRef.memory` is filled in once the module is instantiated.
function makeImports(instanceRef) {
  const unsupported = (name) => () => {
    throw new Error('core.wasm called unsupported import ' + name);
  };
  const writeU32 = (ptr, value) => new DataView(instanceRef.memory.buffer).setUint32(ptr, value, true);
  return {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: {
      proc_exit(code) {
        throw new Error('core.wasm aborted (exit ' + code + ')');
      },
      environ_sizes_get(countPtr, bytesPtr) {
        writeU32(countPtr, 0);
        writeU32(bytesPtr, 0);
        return 0;
      },
      environ_get() {
        return 0;
      },
      fd_write: unsupported('fd_write'),
      fd_close: unsupported('fd_close'),
      fd_seek: unsupported('fd_seek'),
    },
  };
}

async function instantiate(source, imports) {
  if (source && typeof source.wxPath === 'string') {
    // WeChat: a path inside the code package is the only accepted source.
    const result = await WXWebAssembly.instantiate(source.wxPath, imports);
    return result.instance || result;
  }
  let bytes = source && source.bytes ? source.bytes : source;
  if (source && typeof source.url === 'string') {
    const fetchFn = source.fetch || fetch;
    const response = await fetchFn(source.url);
    if (!response.ok) throw new Error('cannot fetch ' + source.url + ': ' + response.status);
    bytes = await response.arrayBuffer();
  }
  if (!(bytes instanceof ArrayBuffer) && !ArrayBuffer.isView(bytes)) {
    throw new TypeError('loadCore expects bytes, {bytes}, {url} or {wxPath}');
  }
  const result = await WebAssembly.instantiate(bytes, imports);
  return result.instance;
}

// Wraps an instance's exports in the call API. Memory may grow during a call, so the
// buffer is re-read after every step that can allocate.
export function wrapExports(exports) {
  if (typeof exports._initialize === 'function') exports._initialize();
  const memory = exports.memory;

  function callBytes(requestBytes) {
    const size = requestBytes.length;
    const requestPtr = exports.alloc(size);
    if (!requestPtr) throw new Error('core.wasm out of memory (request of ' + size + ' bytes)');
    new Uint8Array(memory.buffer, requestPtr, size).set(requestBytes);
    const responsePtr = exports.call(requestPtr, size);
    exports.free(requestPtr);
    if (!responsePtr) throw new Error('core.wasm out of memory (response)');
    const view = new Uint8Array(memory.buffer);
    const length = (view[responsePtr] | (view[responsePtr + 1] << 8) | (view[responsePtr + 2] << 16) | (view[responsePtr + 3] << 24)) >>> 0;
    const response = view.slice(responsePtr + 4, responsePtr + 4 + length);
    exports.free(responsePtr);
    return response;
  }

  function callText(requestText) {
    return decodeUtf8(callBytes(encodeUtf8(requestText)));
  }

  // Object in, the "ok" object out; an {"error":...} response throws CoreError.
  function call(request) {
    const response = JSON.parse(callText(JSON.stringify(request)));
    if (response.error) throw new CoreError(response.error);
    return response.ok;
  }

  return { call, callText, callBytes, memory, exports };
}

// source: Uint8Array | ArrayBuffer | {bytes} | {url, fetch?} | {wxPath}
export async function loadCore(source) {
  const instanceRef = { memory: null };
  const instance = await instantiate(source, makeImports(instanceRef));
  instanceRef.memory = instance.exports.memory;
  return wrapExports(instance.exports);
}
