// Valid requests for the differential run (issue 16): members with real histories, kept
// the way the server keeps them (account + ledger + lot fates, advanced with the core's own
// answers), so that the generated requests take the success paths of the points, coupon,
// visit, referral and account ops — in the account form and the ledger form. The core that
// builds the histories is the wasm one; the requests then run on both sides.
const DAY = 86_400_000;

export function validRequests({ rnd, core, rules, count }) {
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const int = (n) => Math.floor(rnd() * n);
  const call = (req) => JSON.parse(core.callText(JSON.stringify(req)));
  const cheap = JSON.parse(JSON.stringify(rules));
  cheap.version = 'diff-1';
  for (const c of cheap.catalogue) c.price_points = 20 + int(60);  // redemptions within reach

  const members = [];
  const newMember = (i) => ({
    id: `m${i}`, ledger: [], fates: {}, clock: 1767225600000 + int(40) * DAY,
    account: call({ op: 'account.replay', v: 1, rules: cheap, ledger: [] }).ok.account,
    events: [], visits: [], redemptions: [], seq: 0,
  });
  for (let i = 0; i < 12; i++) members.push(newMember(i));

  const related = (m, ids) => {
    const entryIds = new Set(m.ledger.filter((e) => ids.includes(e.event_id)).map((e) => e.id));
    return m.ledger.filter((e) => entryIds.has(e.id) || (e.kind === 'reverse' && entryIds.has(e.reverses)));
  };
  const fatesOf = (rel, m) => Object.fromEntries(rel.filter((e) => m.fates[e.id]).map((e) => [e.id, m.fates[e.id]]));
  const commit = (m, ok, key = 'account', fatesKey = 'lot_fates', entriesKey = 'entries') => {
    if (!ok) return;
    if (ok[key]) m.account = ok[key];
    for (const [id, x] of Object.entries(ok[fatesKey] || {})) m.fates[id] = (m.fates[id] || 0) + x;
    m.ledger.push(...(ok[entriesKey] || []));
  };
  const cart = () => [
    { sku: 'SVC-CONSULT', name: 'consult', amount_fen: 1000 + int(30000), qty: 1 + int(2), rx: false },
    ...(rnd() < 0.5 ? [{ sku: 'RX-AMOXICILLIN', name: 'rx', amount_fen: 500 + int(3000), qty: 1, rx: true }] : []),
    ...(rnd() < 0.3 ? [{ sku: 'SVC-BP', name: 'bp', amount_fen: 3000, qty: 1, rx: false }] : []),
  ];

  const out = [];
  while (out.length < count) {
    const m = pick(members);
    m.clock += int(2) ? DAY : int(6 * 3600_000);
    const at = m.clock;
    const id = `${m.id}-e${m.seq++}`;
    const k = int(16);
    let req;
    if (k < 4) {  // check-in, account form
      req = { op: 'checkin.apply', v: 1, rules: cheap, account: m.account, related: related(m, [id]), event: { id, at_ms: at } };
    } else if (k < 6) {  // an earning event, account form
      const type = pick(['self_test_completed', 'review', 'register', 'profile_completed', 'visit_completed']);
      const event = { id, type, at_ms: at, ...(type === 'visit_completed' ? { items: cart() } : {}) };
      req = { op: 'points.apply', v: 1, rules: cheap, account: m.account, related: [], event };
      if (type === 'visit_completed') m.visits.push(id);
    } else if (k < 7 && m.events.length) {  // a cancellation (refund of spent points included)
      const target = pick(m.events);
      const rel = related(m, [id, target]);
      req = { op: 'points.apply', v: 1, rules: cheap, account: m.account, related: rel, lot_fates: fatesOf(rel, m),
        event: { id, type: 'cancel', at_ms: at, target_event_id: target } };
    } else if (k < 8) {  // a redemption the member can afford (or the refusal when not)
      req = { op: 'coupon.redeem', v: 1, rules: cheap, account: m.account, catalogue_id: pick(['cash_10', 'free_bp', 'pct_15']),
        redemption_id: id, at_ms: at };
      m.redemptions.push(id);
    } else if (k < 9) {
      req = { op: 'points.balance', v: 1, rules: cheap, ...(rnd() < 0.5 || m.ledger.length > 150 ? { account: m.account } : { ledger: m.ledger }),
        now_ms: at };
    } else if (k < 10 && m.visits.length) {
      const visit = pick(m.visits);
      const rel = related(m, [id, visit]);
      req = { op: 'visit.refund', v: 1, rules: cheap, account: m.account, related: rel, lot_fates: fatesOf(rel, m),
        refund: { id, visit_event_id: visit, at_ms: at } };
    } else if (k < 12) {  // the desk's preview, an invitee with the inviter's figures
      const inviter = pick(members.filter((x) => x !== m));
      const campaign = pick(['invite-2026', 'checkup-points']);
      const fig = call({ op: 'account.figures', v: 1, rules: cheap, account: inviter.account, campaign_id: campaign,
        at_ms: Math.max(at, inviter.clock) });
      if (!fig.ok) continue;
      const figures = fig.ok.figures;
      req = { op: 'visit.price', v: 1, rules: cheap, items: cart(), coupons: [], at_ms: Math.max(at, inviter.clock), account: m.account,
        invitee_discount: { campaign_id: campaign },
        referral: { binding: { invitee_id: m.id, inviter_id: inviter.id, campaign_id: campaign, inviter_rewardable: true,
          shared_at_ms: at - DAY, bound_at_ms: at, rule_version: cheap.version },
        inviter: { member_id: inviter.id, staff: false, figures }, first_paid_visit: true, campaign_used: int(100000) } };
    } else if (k < 13) {  // the inviter's reward, settled on the inviter's account
      const inviter = pick(members.filter((x) => x !== m));
      inviter.clock = Math.max(inviter.clock, at);
      const campaign = pick(['invite-2026', 'checkup-points']);
      req = { op: 'referral.settle', v: 1, rules: cheap,
        binding: { invitee_id: m.id, inviter_id: inviter.id, campaign_id: campaign, inviter_rewardable: true,
          shared_at_ms: at - DAY, bound_at_ms: at, rule_version: cheap.version },
        inviter: { member_id: inviter.id, staff: false, account: inviter.account, related: [] },
        visit: { event_id: id, at_ms: inviter.clock, paid_confirmed: true, items: cart() }, first_paid_visit: true, campaign_used: int(100000) };
      const r = call(req);
      if (r.ok) commit(inviter, r.ok, 'inviter_account', 'inviter_lot_fates', 'inviter_entries');
      out.push(JSON.stringify(req));
      continue;
    } else if (k < 14) {
      req = pick([
        { op: 'account.replay', v: 1, rules: cheap, ledger: m.ledger.slice(0, 300) },
        { op: 'account.figures', v: 1, rules: cheap, account: m.account, campaign_id: 'invite-2026', at_ms: at },
        { op: 'points.preview', v: 1, rules: cheap, account: m.account, event: { id, type: 'self_test_completed', at_ms: at } },
      ]);
    } else if (k < 15) {
      req = { op: 'referral.bind', v: 1, rules: cheap, campaign_id: pick(['invite-2026', 'checkup-points']),
        inviter: { member_id: m.id, staff: false }, invitee: { member_id: `new-${id}`, registered_at_ms: at },
        shared_at_ms: at - int(DAY), at_ms: at };
    } else {  // the ledger form of a check-in (replayed linearly)
      req = { op: 'checkin.apply', v: 1, rules: cheap, ledger: m.ledger.slice(-200), event: { id: `${id}-l`, at_ms: at } };
    }
    if (!req) continue;
    const r = call(req);
    if (r.ok && r.ok.account) {
      commit(m, r.ok);
      if (r.ok.entries && r.ok.entries.length) m.events.push(req.event ? req.event.id : req.redemption_id || req.refund.id);
      // An undone event is not undone twice.
      const undone = req.event && req.event.type === 'cancel' ? req.event.target_event_id : req.refund?.visit_event_id;
      if (undone) {
        m.events = m.events.filter((e) => e !== undone);
        m.visits = m.visits.filter((e) => e !== undone);
      }
    }
    out.push(JSON.stringify(req));
    // Histories stay a few hundred entries long (a fresh member takes over): long enough for
    // expiries, tiers and streaks, short enough that related lookups stay cheap here.
    const at_ = members.indexOf(m);
    if (m.ledger.length > 400) members[at_] = newMember(100 + out.length);
  }
  return out;
}

// Valid triage walks (issue 14): every protocol, patients in every band, all three answerers
// (self, parent, relative), both languages, and "not_sure" answers wherever a question allows
// one; each step (start, answer) and the whole answer set (evaluate) is a request of its own.
export function triageRequests({ rnd, core, count }) {
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const int = (n) => Math.floor(rnd() * n);
  const call = (req) => JSON.parse(core.callText(JSON.stringify(req)));
  const complaints = call({ op: 'triage.catalog', v: 1, lang: 'en' }).ok.complaints;
  const bandAge = { infant: () => ({ age_years: 0, age_months: int(3) }), child: () => ({ age_years: int(16), age_months: 3 + int(9) }),
    adult: () => ({ age_years: 16 + int(49) }), older_adult: () => ({ age_years: 65 + int(30) }) };
  const out = [];
  let walk = 0;
  while (out.length < count) {
    const c = complaints[walk % complaints.length];
    const answerer = ['self', 'parent', 'relative'][walk % 3];
    walk++;
    const band = pick(c.bands);
    const female = c.sex === 'female' || (c.sex !== 'male' && rnd() < 0.5);
    const patient = { ...bandAge[band](), sex: female ? 'female' : 'male', answerer,
      ...(female && band === 'adult' && rnd() < 0.3 ? { pregnant: true } : {}) };
    const lang = pick(['en', 'zh-CN']);
    const start = { op: 'triage.start', v: 1, lang, complaint: c.id, patient };
    out.push(JSON.stringify(start));
    let r = call(start);
    const answers = {};
    while (r.ok && r.ok.status === 'question' && out.length < count) {
      const q = r.ok.question;
      let a;
      if (q.allow_not_sure && rnd() < 0.5) a = 'not_sure';
      else if (q.kind === 'yes_no') a = rnd() < 0.2;
      else if (q.kind === 'number') a = Math.round((q.min + rnd() * (q.max - q.min)) / (q.step || 1)) * (q.step || 1);
      else if (q.kind === 'single') a = pick(q.options).id;
      else a = q.options.filter(() => rnd() < 0.3).map((o) => o.id);
      answers[q.id] = a;
      const step = { op: 'triage.answer', v: 1, lang, state: r.ok.state, answer: a };
      out.push(JSON.stringify(step));
      r = call(step);
    }
    out.push(JSON.stringify({ op: 'triage.evaluate', v: 1, lang, complaint: c.id, patient, answers }));
  }
  return out.slice(0, count);
}
