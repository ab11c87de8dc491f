// What WeChat provides and jsdom does not: WXWebAssembly, which — like WeChat —
// accepts only a string path inside the code package (.wasm, or .wasm.br which it
// decompresses itself). Every call is recorded for the tests to inspect.
const { readFileSync } = require('node:fs');
const { join, normalize } = require('node:path');
const { brotliDecompressSync } = require('node:zlib');

const packageRoot = join(__dirname, '..', '..', 'miniprogram');
const calls = [];

global.WXWebAssembly = {
  calls,
  async instantiate(path, imports) {
    calls.push(path);
    if (typeof path !== 'string') throw new TypeError('WXWebAssembly.instantiate: path must be a string in the code package');
    if (!/\.wasm(\.br)?$/.test(path)) throw new TypeError('WXWebAssembly.instantiate: only .wasm or .wasm.br');
    const file = normalize(join(packageRoot, path));
    if (!file.startsWith(packageRoot)) throw new Error('path escapes the code package');
    let bytes = readFileSync(file);
    if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports);
  },
};

// The rest of what WeChat itself provides and jsdom does not, as the pages use it:
// per-device storage (each simulated phone has its own), wx.login codes, wx.request
// (handed to a test-provided transport: a fake API in page tests, real HTTP to the real
// clinic-server in the journey test), network loss, and recorded UI calls
// (makePhoneCall, navigateTo, showToast, showModal answers). miniprogram-simulate merges
// its own mocks under these (Object.assign(api, global.wx)), so these win.
const devices = {};
const wxShim = {
  device: null,
  online: true,
  transport: null,      // (options) => void; must call options.success/fail like wx.request
  modalAnswer: true,    // what the next wx.showModal answers
  fontSizeSetting: 16,  // fontSizeSetting of wx.getAppBaseInfo / getSystemInfoSync (WeChat's font size, px)
  calls: [],            // [name, args] of recorded UI calls
  useDevice(name, { user = name } = {}) {
    if (!devices[name]) devices[name] = { name, user, storage: new Map(), logins: 0 };
    this.device = devices[name];
    return this.device;
  },
  reset() {
    for (const k of Object.keys(devices)) delete devices[k];
    this.online = true;
    this.transport = null;
    this.modalAnswer = true;
    this.fontSizeSetting = 16;
    this.calls.length = 0;
    this.useDevice('phone', { user: 'patient' });
  },
  called(name) { return this.calls.filter((c) => c[0] === name).map((c) => c[1]); },
};
global.wxShim = wxShim;
wxShim.reset();

function later(fn) { setTimeout(fn, 0); }
function clone(v) { return v === undefined ? '' : JSON.parse(JSON.stringify(v)); }
function record(name) {
  return (opts = {}) => {
    wxShim.calls.push([name, opts]);
    later(() => { if (opts.success) opts.success({ errMsg: `${name}:ok` }); if (opts.complete) opts.complete({}); });
  };
}

global.wx = {
  getStorageSync: (k) => (wxShim.device.storage.has(k) ? clone(wxShim.device.storage.get(k)) : ''),
  setStorageSync: (k, v) => { wxShim.device.storage.set(k, clone(v)); },
  removeStorageSync: (k) => { wxShim.device.storage.delete(k); },
  clearStorageSync: () => { wxShim.device.storage.clear(); },
  // Like WeChat: a fresh one-time code per call. The fake WeChat API logs "<user>.<n>" in
  // as the same openid for every n, so one device stays one WeChat user.
  login(opts = {}) {
    const d = wxShim.device;
    const code = `${d.user}.${++d.logins}`;
    wxShim.calls.push(['login', { code }]);
    later(() => opts.success && opts.success({ code, errMsg: 'login:ok' }));
  },
  request(opts) {
    wxShim.calls.push(['request', { method: opts.method || 'GET', url: opts.url }]);
    if (!wxShim.online || !wxShim.transport) {
      later(() => opts.fail && opts.fail({ errMsg: 'request:fail network unavailable' }));
      return;
    }
    wxShim.transport(opts);
  },
  showModal(opts = {}) {
    wxShim.calls.push(['showModal', opts]);
    const confirm = wxShim.modalAnswer;
    later(() => opts.success && opts.success({ confirm, cancel: !confirm, errMsg: 'showModal:ok' }));
  },
  makePhoneCall: record('makePhoneCall'),
  openLocation: record('openLocation'),
  openPrivacyContract: record('openPrivacyContract'),
  getAppBaseInfo: () => ({ fontSizeSetting: wxShim.fontSizeSetting, SDKVersion: '3.0.0' }),
  getSystemInfoSync: () => ({ fontSizeSetting: wxShim.fontSizeSetting, platform: 'devtools' }),
  navigateTo: record('navigateTo'),
  showToast: record('showToast'),
  setNavigationBarTitle: record('setNavigationBarTitle'),
};
