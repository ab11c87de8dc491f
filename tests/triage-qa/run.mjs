#!/usr/bin/env node
// Plays the vignette bank (vignettes.mjs) through triage.match -> triage.start -> triage.answer on the wasm core,
// the way a careful lay answering agent would: it reads each question's text and answers from the vignette's
// facts (concept patterns), never from question ids, so it also tests whether the questions are answerable.
//   node tests/triage-qa/run.mjs [--bank vignettes|holdout] [--verbose] [--alts] [--only id,id] [--lang en] [--json]
//                                [--write tests/vectors/triage-vignettes.json]
// --bank holdout plays holdout.json: vignettes in the same form, written from public cases BEFORE any protocol was
// tuned to them (see its description); --json ends with one JSON line of the figures (scripts/bench reads it).
// Answer rules: yes_no -> yes if a `yes` pattern matches the question text, else no. number -> the first `nums`
// pattern that matches the text; else days for a duration, 37.0 for a temperature, else the minimum (a
// "nothing unusual" answer). single -> the option matching a `yes` pattern, else the option fitting `days` for a
// duration, else a none/not-sure option, else the first. multi -> every matching option, else [].
// `unsure` patterns: facts the answerer does not know (no thermometer, does not remember). Such a question gets the
// engine's "not sure" answer when the question offers one (`allow_not_sure: true` on the question), else a not-sure
// option, else what the question's help text says to answer when unsure ("Not sure? Answer yes", "Enter 38.5"),
// else "no" / the normal value.
// A vignette whose complaint is typed in Chinese is matched in Chinese; its questions are answered from the English
// texts (the agent's patterns are English), so it tests the Chinese matcher, not the Chinese wording.
// Prints accuracy per level and per age band, under-triaged emergencies and self-care cases sent to an emergency
// department or an ambulance (each listed by id with the question walk that missed it), and exits non-zero when
// either count is above 0 or the bank itself is malformed (band, source, ids).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCoreFromDisk } from '../../wasm/harness.mjs';
import { alts } from './alt-complaints.mjs';
import { vignettes as mainBank } from './vignettes.mjs';

const LEVELS = { emergent: ['emergency_ambulance', 'emergency'], nonemergent: ['consultation_24', 'consultation'], selfcare: ['self_care'] };
// Age bands of the bank (not the core's bands): infant < 1 y, toddler 1-4 y, school age 5-13 y, adult, older adult >= 65.
const BANDS = ['infant', 'toddler', 'school', 'adult', 'older'];
const CHILD_BANDS = ['infant', 'toddler', 'school'];
function bandOf(patient) {
  const years = patient.age_years + (patient.age_months || 0) / 12;
  return years < 1 ? 'infant' : years < 5 ? 'toddler' : years < 14 ? 'school' : years < 65 ? 'adult' : 'older';
}
const typedInChinese = (v) => /[\u3400-\u9fff]/.test(v.text);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const lang = opt('--lang') || 'en';
const bankName = opt('--bank') || 'vignettes';
const bank = bankName === 'holdout'
  ? JSON.parse(readFileSync(new URL('./holdout.json', import.meta.url), 'utf8')).vignettes
  : mainBank;
const only = opt('--only')?.split(',');
// --alts: also play each vignette with the other phrasings of its chief complaint (alt-complaints.mjs).
const vignettes = flag('--alts') && bankName === 'vignettes'
  ? bank.flatMap((v) => [v, ...(alts[v.id] || []).map((text, i) => ({ ...v, id: `${v.id}#${i + 1}`, text }))])
  : bank;

// The bank must be well formed: unique ids, a known expected class, an age band that fits the age, a source.
const bankErrors = [];
const seen = new Set();
for (const v of bank) {
  if (seen.has(v.id)) bankErrors.push(`${v.id}: duplicate id`);
  seen.add(v.id);
  if (!LEVELS[v.expect]) bankErrors.push(`${v.id}: expect must be one of ${Object.keys(LEVELS).join(', ')}`);
  if (!BANDS.includes(v.band)) bankErrors.push(`${v.id}: band must be one of ${BANDS.join(', ')}`);
  else if (bandOf(v.patient) !== v.band) bankErrors.push(`${v.id}: band ${v.band} but the patient's age is in ${bandOf(v.patient)}`);
  if (typeof v.source !== 'string' || v.source.trim().length < 8) bankErrors.push(`${v.id}: source missing`);
}

// Patterns match from a word start ("eat" must not match "breathe", "red" not "coloured").
const re = (p) => new RegExp(`\\b(?:${p})`, 'i');
const anyMatch = (patterns, text) => patterns.some((p) => re(p).test(text));

// "Less than 2 days" / "2-7 days" / "More than a week" -> [lo, hi) in days; undefined when not a duration.
function durationRange(text) {
  const t = text.toLowerCase();
  const unit = /hour/.test(t) ? 1 / 24 : /week/.test(t) ? 7 : /month/.test(t) ? 30 : /year/.test(t) ? 365 : /day|today|yesterday/.test(t) ? 1 : 0;
  if (!unit) return undefined;
  const words = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, few: 3 };
  const nums = [...t.matchAll(/(\d+(?:\.\d+)?)|\b(an?|one|two|three|four|five|six|seven|ten)\b/g)]
    .map((m) => (m[1] ? Number(m[1]) : words[m[2]]));
  if (nums.length === 0) return undefined;
  if (/less than|under|within|up to|fewer than|<|not more than/.test(t)) return [0, nums[0] * unit];
  if (/more than|over|longer than|at least|>|or more|\+/.test(t)) return [nums[0] * unit, Infinity];
  if (nums.length >= 2) return [nums[0] * unit, (nums[1] + 1) * unit];
  return [nums[0] * unit, nums[0] * unit + unit];
}

// The least duration a question asks about ("after a week", "more than 2 weeks", "3 weeks or more"), in days.
function durationThreshold(text) {
  // "more than 24 weeks pregnant" is the stage of pregnancy, not how long the complaint has lasted.
  const t = text.toLowerCase().replace(/(more|less) than \d+ weeks pregnant/g, '');
  const m = t.match(/(?:more than|over|after|at least|longer than|for)\s+(a|one|two|three|four|six|\d+)\s+(day|week|month)s?/)
    || t.match(/(a|one|two|three|four|six|\d+)\s+(day|week|month)s?\s+or (?:more|longer)/)
    || t.match(/(?:for|going on for)\s+()(week|month)s\b/);
  if (!m) return undefined;
  const words = { '': 2, a: 1, one: 1, two: 2, three: 3, four: 4, six: 6 };
  const n = m[1] in words ? words[m[1]] : Number(m[1]);
  return n * { day: 1, week: 7, month: 30 }[m[2]];
}

function answerFor(v, q) {
  const text = `${q.text} ${q.help || ''}`;
  if (anyMatch(v.unsure || [], q.text)) return unsureAnswer(q);
  // A fact the story explicitly denies (`no`) wins: the patient says no to a question about it.
  if (q.kind === 'yes_no') {
    // "Do you have a fever (38 °C or higher)?" is answered from the measured temperature when there is one.
    const temp = Object.entries(v.nums || {}).find(([p]) => /temperat/.test(p))?.[1];
    if (temp !== undefined && /\bfever\b|temperature/i.test(q.text) && !/fever.*(with|and)\b.*\?|,/.test(q.text)) {
      const m = q.text.match(/(\d+(?:\.\d+)?) ?°C or (higher|more|above)/);
      return temp >= (m ? Number(m[1]) : 38);
    }
    // "Is it still swollen after a week?" / "lasted more than 2 weeks?": the patient knows how long it has been.
    const dur = durationThreshold(q.text);
    if (dur !== undefined && v.days !== undefined && v.days < dur) return false;
    return anyMatch(v.yes || [], q.text) && !anyMatch(v.no || [], q.text);
  }
  if (q.kind === 'number') {
    for (const [p, val] of Object.entries(v.nums || {})) if (re(p).test(text) || re(p).test(q.unit || '')) return clamp(q, val);
    if (/°|temperat/i.test(text + (q.unit || ''))) return clamp(q, 37.0);
    if (/day/i.test(text + (q.unit || '')) && v.days !== undefined) return clamp(q, Math.round(v.days));
    if (/hour/i.test(text + (q.unit || '')) && v.days !== undefined) return clamp(q, Math.round(v.days * 24));
    return q.min;
  }
  const options = q.options || [];
  const matching = options.filter((o) => anyMatch(v.yes || [], o.text));
  const durations = v.days === undefined ? [] : options.filter((o) => {
    const r = durationRange(o.text);
    return r && v.days >= r[0] && v.days < r[1];
  });
  const neutral = options.filter((o) => /none|no(t)? |neither|not sure|hard to say|normal|don.?t know|nothing|other/i.test(o.text));
  if (q.kind === 'multi') return (matching.length ? matching : []).map((o) => o.id);
  const pick = matching[0] || durations[0] || neutral[0] || options[0];
  return pick.id;
}

// What a lay answerer does with a question about something they do not know.
function unsureAnswer(q) {
  if (q.allow_not_sure || q.not_sure) return 'not_sure';
  const opt = (q.options || []).find((o) => /not sure|don.?t know|not measured|no thermometer/i.test(o.text));
  if (opt) return q.kind === 'multi' ? [] : opt.id;
  const help = q.help || '';
  // A yes/no question that itself counts "you don't know" as yes, or whose help says so, gets yes.
  if (q.kind === 'yes_no') {
    return /\b(or )?(you )?(don.?t know|not sure|can.?t remember)\b/i.test(q.text)
      || /(not sure|don.?t know|no thermometer)[^.?!]*[.?!]?\s*answer yes/i.test(help);
  }
  if (q.kind === 'number') {
    const m = help.match(/enter (\d+(?:\.\d+)?)/i);
    if (m) return clamp(q, Number(m[1]));
    return /°|temperat/i.test(q.text + (q.unit || '')) ? clamp(q, 37.0) : q.min;
  }
  return (q.options || [])[0]?.id;
}

// A question a parent answers about a child should speak about the child, and should not ask about adult matters.
const ADULT_TOPIC = /pregnan|smoking|smoker|cigarette|(you|they|does your child) smoke|\bperiod\b|menstru|contracept|alcohol|finish a sentence|toilet paper|lost weight|fibre|\bsex\b|penis|vagina/i;
const SECOND_PERSON = /\byou\b|\byour\b/i;
const CHILD_WORD = /\b(your )?(child|baby|son|daughter|toddler|infant|they|their|them)\b/i;
function adultWorded(q) {
  const t = q.text;
  if (ADULT_TOPIC.test(t)) return 'adult topic';
  // "you" as the parent who looks, measures or presses is right; "you" as the one who is ill is not.
  const parentActs = t.replace(/\byou (have |had |can |could )?(measured|measure|taken|take|press|pressed|notice|noticed|see|saw|found|find|give|gave|touch|feel that)\b/gi, '');
  if (SECOND_PERSON.test(parentActs) && !CHILD_WORD.test(t)) return 'says "you" to the parent';
  return null;
}

function clamp(q, val) {
  return Math.min(q.max ?? val, Math.max(q.min ?? val, val));
}

function play(core, v) {
  const call = (req) => JSON.parse(core.callText(JSON.stringify({ v: 1, lang, ...req })));
  const match = call({ op: 'triage.match', text: v.text, patient: v.patient, limit: 3 });
  const top = match.ok?.matches?.[0];
  const transcript = [`match "${v.text}" -> ${(match.ok?.matches || []).map((m) => `${m.complaint}(${m.score})`).join(', ') || JSON.stringify(match)}`];
  const adultQuestions = [];
  if (!top) return { level: 'no_match', transcript, answers: {}, complaint: null, adultQuestions };
  let r = call({ op: 'triage.start', complaint: top.complaint, patient: v.patient });
  const answers = {};
  while (r.ok?.status === 'question') {
    const q = r.ok.question;
    const a = answerFor(v, q);
    answers[q.id] = a;
    const opts = q.options ? ` [${q.options.map((o) => o.id).join('|')}]` : '';
    const why = a === true ? (v.yes || []).find((p) => re(p).test(q.text)) : undefined;
    const odd = CHILD_BANDS.includes(v.band) ? adultWorded(q) : null;
    if (odd) adultQuestions.push(`${q.id} (${odd})`);
    transcript.push(`${q.red_flag ? 'RF ' : ''}${q.id}: ${q.text}${opts} -> ${JSON.stringify(a)}${why ? `  [${re(why).exec(q.text)[0]}]` : ''}${odd ? `  <${odd}>` : ''}`);
    r = call({ op: 'triage.answer', state: r.ok.state, answer: a });
  }
  if (!r.ok) return { level: 'error', transcript: [...transcript, JSON.stringify(r)], answers, complaint: top.complaint, adultQuestions };
  transcript.push(`=> ${r.ok.outcome.level} (${r.ok.outcome.id})`);
  return { level: r.ok.outcome.level, outcome: r.ok.outcome.id, transcript, answers, complaint: top.complaint, protocol: r.ok.protocol, adultQuestions };
}

if (bankErrors.length) {
  console.log(`vignette bank is malformed:\n  ${bankErrors.join('\n  ')}`);
  process.exit(2);
}

const core = await loadCoreFromDisk();
const tally = () => ({ pass: 0, total: 0 });
const perLevel = Object.fromEntries(Object.keys(LEVELS).map((k) => [k, tally()]));
const perBand = Object.fromEntries(BANDS.map((k) => [k, tally()]));
const perTyping = { zh: tally(), en: tally() };
const missed = [];
const selfToEd = [];
const adultWording = [];
const vectors = [];
for (const v of vignettes) {
  if (only && !only.includes(v.id) && !only.includes(v.id.split('#')[0])) continue;
  const res = play(core, v);
  const ok = LEVELS[v.expect].includes(res.level);
  for (const t of [perLevel[v.expect], perBand[v.band], perTyping[typedInChinese(v) ? 'zh' : 'en']]) {
    t.total++;
    if (ok) t.pass++;
  }
  // The question the walk ended on (or the last one asked) is where a missed emergency slipped through.
  const lastQ = res.transcript.length > 1 ? res.transcript[res.transcript.length - (res.level === 'error' || res.level === 'no_match' ? 1 : 2)] : '';
  if (v.expect === 'emergent' && !ok) missed.push(`${v.id} [${v.band}] -> ${res.level} via ${res.complaint} (last question: ${lastQ.split(' -> ')[0]})`);
  if (v.expect === 'selfcare' && LEVELS.emergent.includes(res.level)) selfToEd.push(`${v.id} [${v.band}] -> ${res.level} via ${res.complaint}`);
  if (res.adultQuestions.length) adultWording.push(`${v.id}: ${res.adultQuestions.join(', ')}`);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${v.id.padEnd(26)} ${v.band.padEnd(7)} ${v.expect.padEnd(12)} -> ${res.level.padEnd(20)} via ${res.complaint}`);
  if (!ok || flag('--verbose')) console.log(`     ${v.story}\n     ${res.transcript.join('\n     ')}`);
  // Replay vectors lock in only cases that reach their expected class: a vector must assert right behaviour.
  if (res.complaint && ok) {
    vectors.push({
      name: `[${v.expect}] ${v.id}: ${v.story}`,
      request: { op: 'triage.evaluate', v: 1, lang, complaint: res.complaint, patient: v.patient, answers: res.answers },
      response_includes: { ok: { outcome: { level: res.level } } },
    });
  }
}
const pct = ({ pass, total }) => (total ? `${((100 * pass) / total).toFixed(1)}%` : '-');
const row = (name, t) => console.log(`  ${name.padEnd(14)} ${String(t.pass).padStart(3)}/${String(t.total).padEnd(3)} ${pct(t)}`);
const sum = Object.values(perLevel).reduce((a, t) => ({ pass: a.pass + t.pass, total: a.total + t.total }), tally());
const played = vignettes.filter((v) => !only || only.includes(v.id) || only.includes(v.id.split('#')[0]));
console.log(`\nbank: ${bank.length} vignettes (${bank.filter((v) => CHILD_BANDS.includes(v.band)).length} children: `
  + `${CHILD_BANDS.map((b) => `${b} ${bank.filter((v) => v.band === b).length}`).join(', ')}; `
  + `${bank.filter(typedInChinese).length} typed in Chinese); played ${played.length}`);
console.log('accuracy per level (expected class):');
for (const [k, t] of Object.entries(perLevel)) row(k, t);
console.log('accuracy per age band:');
for (const [k, t] of Object.entries(perBand)) row(k, t);
console.log('accuracy by complaint typing:');
row('typed in zh', perTyping.zh);
row('typed in en', perTyping.en);
row('overall', sum);
console.log(`emergencies under-triaged: ${missed.length}${missed.length ? `\n  ${missed.join('\n  ')}` : ''}`);
console.log(`self-care cases sent to an emergency department or ambulance: ${selfToEd.length}${selfToEd.length ? `\n  ${selfToEd.join('\n  ')}` : ''}`);
console.log(`children asked adult-worded questions: ${adultWording.length} cases${flag('--verbose') && adultWording.length ? `\n  ${adultWording.join('\n  ')}` : ' (--verbose lists them)'}`);
if (flag('--json')) {
  const fig = (t) => ({ ...t, pct: pct(t) });
  console.log(JSON.stringify({
    bank: bankName, vignettes: bank.length, children: bank.filter((v) => CHILD_BANDS.includes(v.band)).length,
    per_level: Object.fromEntries(Object.entries(perLevel).map(([k, t]) => [k, fig(t)])),
    per_band: Object.fromEntries(Object.entries(perBand).map(([k, t]) => [k, fig(t)])),
    overall: fig(sum), missed, self_to_ed: selfToEd,
  }));
}
const out = opt('--write');
if (out) {
  const doc = {
    description: 'Independent vignette bank (tests/triage-qa/vignettes.mjs) played through triage.match/start/answer by the '
      + 'lay answering agent in tests/triage-qa/run.mjs; each case replays the answers it gave, for the cases that reached '
      + 'their expected class. Regenerate with `node tests/triage-qa/run.mjs --write tests/vectors/triage-vignettes.json` '
      + 'after a protocol change.',
    cases: vectors,
  };
  writeFileSync(out, `{"description": ${JSON.stringify(doc.description)}, "cases": [\n${doc.cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]}\n`);
  console.log(`wrote ${vectors.length} cases to ${out}`);
}
process.exit(missed.length === 0 && selfToEd.length === 0 ? 0 : 1);
