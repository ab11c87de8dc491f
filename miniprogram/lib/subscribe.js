// Subscribe messages (订阅消息): at the natural moments (booking, the visit's member code,
// redeeming a coupon) ask with wx.requestSubscribeMessage for the templates of those
// reminder kinds, and report each answer (accept / reject / ban) to the server, which
// allows one message per accept. WeChat only shows the prompt from a tap, so the page
// loads the organisation's templates beforehand (prefetch) and the tap handler asks
// without waiting on the network. Nothing here ever blocks the action itself.
const api = require('./api.js');

let templates = null; // [{kind, template_id}] once loaded
let loading = null;

function prefetch() {
  if (templates || loading) return loading || Promise.resolve(templates);
  loading = api
    .get('/api/v1/subscriptions')
    .then((r) => { templates = r.templates || []; return templates; })
    .catch(() => null)
    .then((t) => { loading = null; return t; });
  return loading;
}

// Asks for the templates of `kinds` (WeChat takes at most 3 per prompt); resolves with the
// reported answers, or null when there was nothing to ask or the prompt failed.
function askFor(kinds) {
  if (!templates || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve(null);
  const ids = templates.filter((t) => kinds.includes(t.kind)).map((t) => t.template_id).slice(0, 3);
  if (!ids.length) return Promise.resolve(null);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds: ids, success: resolve, fail: () => resolve(null) });
  }).then((res) => {
    if (!res) return null;
    const results = {};
    for (const id of ids) {
      if (['accept', 'reject', 'ban'].includes(res[id])) results[id] = res[id]; // 'filter' = hidden by WeChat
    }
    if (!Object.keys(results).length) return null;
    return api.post('/api/v1/subscriptions', { results }).then(() => results, () => null);
  });
}

function reset() { templates = null; loading = null; }

module.exports = { prefetch, askFor, reset };
