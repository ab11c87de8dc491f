// The on-device core: the same C++ as the server, as core.wasm.br inside the package,
// loaded by the shared loader through WXWebAssembly (a package path is all WeChat accepts).
const { loadCore, CoreError } = require('../core/loader.js');

const kWasmPath = '/core/core.wasm.br';
let corePromise = null;

function getCore() {
  if (!corePromise) {
    corePromise = loadCore({ wxPath: kWasmPath }).catch((err) => {
      corePromise = null; // let a later call retry
      throw err;
    });
  }
  return corePromise;
}

// Runs one core op; resolves with the "ok" value, rejects with CoreError.
async function callCore(request) {
  const core = await getCore();
  return core.call(request);
}

module.exports = { getCore, callCore, CoreError, kWasmPath };
