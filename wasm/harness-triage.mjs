// The triage self-test in a terminal, over the wasm core (found by wasm/harness.mjs).
//   node wasm/harness.mjs triage                     interactive: language, age/sex,
//                                                    complaint text, pick a match, answer
//   node wasm/harness.mjs triage --script s.json     replay non-interactively, print the
//                                                    transcript and the outcome
// Script: {"lang":"en","patient":{"age_years":34,"sex":"female"},
//          "complaint":"tummy ache" (free text; the top match is taken) or "complaint_id":"abdominal_pain",
//          "answers":{"question_id": true | "option_id" | ["option_id"] | 38.5},
//          "unlisted":"no"}   unlisted yes/no questions are answered "no" (multi: none) unless "unlisted":"error"
// The session state lives only in the responses (no server-side session): each answer
// sends the state back, exactly as the mini-program does.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const T = {
  'zh-CN': {
    age: '年龄（岁）：', months: '月龄（0–11 个月）：', sex: '性别（1 男 / 2 女）：', pregnant: '是否怀孕？（y/n）：',
    complaint: '哪里不舒服？请描述主要症状：', pick: '请选择编号（0 = 查看全部）：', none: '没有找到匹配的主诉，请从列表中选择：',
    yes: '是', no: '否', yn: '（y 是 / n 否）：', choose: '选择编号：', multi: '可多选，用逗号分隔编号，直接回车表示“都没有”：',
    number: (q) => `请输入数字（${q.min}–${q.max} ${q.unit}）：`, outcome: '结果', dept: '建议科室', advice: '建议',
    sooner: '出现以下情况请尽快就医', invalid: '输入无效，请重试。', redflag: '（危险信号）',
  },
  en: {
    age: 'Age (years): ', months: 'Months (0-11): ', sex: 'Sex (1 male / 2 female): ', pregnant: 'Pregnant? (y/n): ',
    complaint: 'What is the main problem? Describe it: ', pick: 'Pick a number (0 = show all): ', none: 'No match found; pick from the list:',
    yes: 'yes', no: 'no', yn: '(y/n): ', choose: 'Choose a number: ', multi: 'Choose any, comma-separated numbers; Enter for none of these: ',
    number: (q) => `Enter a number (${q.min}-${q.max} ${q.unit}): `, outcome: 'Outcome', dept: 'Department', advice: 'Advice',
    sooner: 'Seek care sooner if', invalid: 'Invalid input, try again.', redflag: '(red flag)',
  },
};

class CoreCallError extends Error {}

function caller(core) {
  return (request) => {
    const response = JSON.parse(core.callText(JSON.stringify(request)));
    if (response.error) throw new CoreCallError(`${response.error.code}: ${response.error.message} (${response.error.path})`);
    return response.ok;
  };
}

function formatAnswer(q, a, t) {
  if (q.kind === 'yes_no') return a ? t.yes : t.no;
  if (q.kind === 'single') return q.options.find((o) => o.id === a)?.text ?? a;
  if (q.kind === 'multi') return a.length ? a.map((id) => q.options.find((o) => o.id === id)?.text ?? id).join('; ') : '—';
  return `${a} ${q.unit}`;
}

export function printOutcome(out, t, log = console.log) {
  log('');
  log(`== ${t.outcome}: ${out.title} [${out.level}]`);
  log(`${t.dept}: ${out.departments.map((d) => d.name).join(' / ')}`);
  log(`${t.advice}: ${out.advice}`);
  log(`${t.sooner}:`);
  for (const s of out.go_sooner_if) log(`  - ${s}`);
  log(out.disclaimer);
}

function printQuestion(q, index, t, log) {
  log('');
  log(`Q${index}. ${q.text}${q.red_flag ? ' ' + t.redflag : ''}`);
  if (q.help) log(`    ${q.help}`);
  if (q.options) q.options.forEach((o, i) => log(`    ${i + 1}. ${o.text}`));
}

async function runScript(call, path) {
  const script = JSON.parse(readFileSync(path, 'utf8'));
  const lang = script.lang === 'en' ? 'en' : 'zh-CN';
  const t = T[lang];
  const log = console.log;
  let complaint = script.complaint_id;
  log(`patient: ${JSON.stringify(script.patient)}`);
  if (!complaint) {
    const matches = call({ op: 'triage.match', v: 1, lang, text: script.complaint, patient: script.patient }).matches;
    log(`complaint: "${script.complaint}"`);
    matches.forEach((m, i) => log(`  ${i + 1}. ${m.name} [${m.complaint}] score ${m.score} (matched "${m.matched}")`));
    if (!matches.length) throw new Error('no complaint matched the script text');
    complaint = matches[0].complaint;
  }
  let r = call({ op: 'triage.start', v: 1, lang, complaint, patient: script.patient });
  log(`protocol: ${r.protocol.name} [${r.protocol.id} rev ${r.protocol.revision}]`);
  const answers = script.answers || {};
  while (r.status === 'question') {
    const q = r.question;
    printQuestion(q, r.asked + 1, t, log);
    let a = answers[q.id];
    let note = '';
    if (a === undefined) {
      if (script.unlisted === 'error' || (q.kind !== 'yes_no' && q.kind !== 'multi')) {
        throw new Error(`the script has no answer for question ${q.id} (${q.kind})`);
      }
      a = q.kind === 'yes_no' ? false : [];
      note = ' (not in script)';
    }
    log(`A: ${formatAnswer(q, a, t)}${note}`);
    r = call({ op: 'triage.answer', v: 1, lang, state: r.state, question: q.id, answer: a });
  }
  printOutcome(r.outcome, t, log);
  // What the server would do: re-evaluate the finished state.
  const verified = call({ op: 'triage.evaluate', v: 1, lang, state: r.state });
  const same = JSON.stringify(verified.outcome) === JSON.stringify(r.outcome);
  log(`\nserver re-evaluation: ${same ? 'identical outcome' : 'MISMATCH'} (${r.path.length} questions asked)`);
  return same ? 0 : 1;
}

async function runInteractive(call, initialLang) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt) => {
    process.stdout.write(prompt);
    const { value, done } = await lines.next();
    if (done) throw new Error('input ended');
    return value.trim();
  };
  try {
    let lang = initialLang;
    if (!lang) lang = (await ask('语言 Language: 1 中文 / 2 English: ')) === '2' ? 'en' : 'zh-CN';
    const t = T[lang];
    const patient = {};
    for (;;) {
      const years = Number(await ask(t.age));
      if (Number.isInteger(years) && years >= 0 && years <= 120) { patient.age_years = years; break; }
      console.log(t.invalid);
    }
    if (patient.age_years === 0) patient.age_months = Math.min(11, Math.max(0, Number(await ask(t.months)) | 0));
    patient.sex = (await ask(t.sex)) === '2' ? 'female' : 'male';
    if (patient.sex === 'female' && patient.age_years >= 10 && patient.age_years <= 60) {
      patient.pregnant = /^(y|是)/i.test(await ask(t.pregnant));
    }
    let complaint;
    while (!complaint) {
      const text = await ask(t.complaint);
      let list = text ? call({ op: 'triage.match', v: 1, lang, text, patient }).matches : [];
      if (!list.length) {
        console.log(t.none);
        list = call({ op: 'triage.catalog', v: 1, lang, patient }).complaints.map((c) => ({ complaint: c.id, name: c.name }));
      }
      list.forEach((m, i) => console.log(`  ${i + 1}. ${m.name}`));
      let pick = Number(await ask(t.pick));
      if (pick === 0) {
        // The whole catalogue for this patient, when no match fits.
        list = call({ op: 'triage.catalog', v: 1, lang, patient }).complaints.map((c) => ({ complaint: c.id, name: c.name }));
        list.forEach((m, i) => console.log(`  ${i + 1}. ${m.name}`));
        pick = Number(await ask(t.choose));
      }
      if (pick >= 1 && pick <= list.length) complaint = list[pick - 1].complaint;
    }
    let r = call({ op: 'triage.start', v: 1, lang, complaint, patient });
    console.log(`\n${r.protocol.name}`);
    while (r.status === 'question') {
      const q = r.question;
      printQuestion(q, r.asked + 1, t, console.log);
      let answer;
      while (answer === undefined) {
        const input = await ask(q.kind === 'yes_no' ? t.yn : q.kind === 'single' ? t.choose : q.kind === 'multi' ? t.multi : t.number(q));
        if (q.kind === 'yes_no' && /^(y|yes|是|1)$/i.test(input)) answer = true;
        else if (q.kind === 'yes_no' && /^(n|no|否|不|0|2)$/i.test(input)) answer = false;
        else if (q.kind === 'single' && Number(input) >= 1 && Number(input) <= q.options.length) answer = q.options[Number(input) - 1].id;
        else if (q.kind === 'multi') {
          const picks = input ? input.split(/[,，\s]+/).map(Number) : [];
          if (picks.every((n) => n >= 1 && n <= q.options.length)) answer = [...new Set(picks)].map((n) => q.options[n - 1].id);
        } else if (q.kind === 'number' && input !== '' && Number.isFinite(Number(input)) && Number(input) >= q.min && Number(input) <= q.max) {
          answer = Number(input);
        }
        if (answer === undefined) console.log(t.invalid);
      }
      r = call({ op: 'triage.answer', v: 1, lang, state: r.state, question: q.id, answer });
    }
    printOutcome(r.outcome, t);
    return 0;
  } finally {
    rl.close();
  }
}

export async function run(core, args) {
  const call = caller(core);
  let lang;
  let script;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--script') script = args[++i];
    else if (args[i] === '--lang') lang = args[++i] === 'en' ? 'en' : 'zh-CN';
    else {
      console.error('usage: node wasm/harness.mjs triage [--lang en|zh-CN] [--script answers.json]');
      return 2;
    }
  }
  try {
    return script ? await runScript(call, script) : await runInteractive(call, lang);
  } catch (e) {
    if (e instanceof CoreCallError || /script|input ended/.test(e.message)) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
