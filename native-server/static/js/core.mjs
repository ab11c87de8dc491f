// core.wasm in the browser: the same module the phone and the server run, loaded once
// through the shared loader (its {url} mode). Everything the page previews is computed
// here, then confirmed by the server.
let corePromise = null;
let loadedCore = null;

export function loadCore() {
  if (!corePromise) {
    corePromise = import('/core/loader.mjs')
      .then(({ loadCore: load }) => load({ url: '/core/core.wasm' }))
      .then((core) => { loadedCore = core; return core; });
  }
  return corePromise;
}

export function coreReady() { return loadedCore !== null; }

// Synchronous call once loaded: {op, ...} → the "ok" object; throws CoreError on {"error"}.
export function callCore(request) {
  if (!loadedCore) throw new Error('core.wasm is not loaded yet');
  return loadedCore.call({ v: 1, ...request });
}
