// A synthetic registry written with one `git fast-import` stream: commits, then annotated tags
// in registry form with increasing tagger times (what GTO or modelreg would have written).
import { execFileSync } from 'node:child_process';

const BASE_TIME = 1_700_000_000;
const COMMITS = 500;

/** Events of one artifact: registrations, assignments, then some undo events, `events` in all. */
function artifactEvents(events) {
  const versions = Math.max(1, Math.floor(events * 0.4));
  const list = [];
  for (let k = 0; k < versions && list.length < events; k++) {
    list.push({ kind: 'register', k });
    if (list.length < events) list.push({ kind: 'assign', k, stage: k % 2 ? 'dev' : 'staging' });
  }
  for (let k = versions - 1; list.length < events; k--) {
    const v = ((k % versions) + versions) % versions;
    const step = list.length % 4;
    if (step === 0) list.push({ kind: 'assign', k: v, stage: 'prod' });
    else if (step === 1) list.push({ kind: 'unassign', k: v, stage: 'prod' });
    else if (step === 2) list.push({ kind: 'assign', k: v, stage: 'prod' });
    else list.push({ kind: 'deregister', k: (v + 1) % versions });
  }
  return list;
}

export function generateRegistry(dir, { artifacts, events }) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const chunks = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let c = 1; c <= COMMITS; c++) {
    const who = `Bench <bench@example.com> ${BASE_TIME + c} +0000`;
    chunks.push(`commit refs/heads/main\nmark :${c}\nauthor ${who}\ncommitter ${who}\n${data(`commit ${c}`)}M 644 inline model.bin\n${data(`weights ${c}`)}`);
  }
  let clock = BASE_TIME + COMMITS + 1;
  const deregistered = new Set();
  for (let i = 0; i < artifacts; i++) {
    const name = `model-${String(i).padStart(4, '0')}`;
    let counter = 0;
    for (const e of artifactEvents(events)) {
      const commit = ((i * 7 + e.k * 11) % COMMITS) + 1;
      const version = `v1.${e.k}.0`;
      let tag;
      let message;
      if (e.kind === 'register') {
        tag = `${name}@${version}`;
        message = `Registering artifact ${name} version ${version}`;
      } else if (e.kind === 'deregister') {
        const base = `${name}@${version}!`;
        tag = deregistered.has(base) ? `${base}#${++counter}` : base;
        deregistered.add(base);
        message = `Deregistering artifact ${name} version ${version}`;
      } else if (e.kind === 'assign') {
        tag = `${name}#${e.stage}#${++counter}`;
        message = `Assigning stage ${e.stage} to artifact ${name} version ${version}`;
      } else {
        tag = `${name}#${e.stage}!#${++counter}`;
        message = `Unassigning stage '${e.stage}' to artifact '${name}' version '${version}'`;
      }
      chunks.push(`tag ${tag}\nfrom :${commit}\ntagger Bench <bench@example.com> ${clock++} +0000\n${data(message)}`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['pack-refs', '--all'], { cwd: dir, env });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
}
