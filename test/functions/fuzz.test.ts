/**
 * Payload fuzz of every action of every cloud function, through the LocalCloud gateway, as a caller
 * who may run it: a valid payload with one to three fields replaced by hostile JSON (operators, EJSON,
 * huge strings, fractions, arrays…), removed, or joined by unknown keys; and each function's action
 * name itself; and whatever the seed, an empty key, `__proto__`, and each field as `{$ne:null}` and
 * as `{toString:1}`. Whatever comes in, the answer is an envelope: never INTERNAL or a crash, a Chinese
 * message of sensible length, INVALID_ARGUMENT naming a field of the request, nothing stored when it
 * refuses (but a gate's logged verdict, a claim's counted wrong try), no operator or 90 000
 * characters accepted where text or a number belongs. Each failure is shrunk by fast-check and
 * listed once. Fixed seed (FUZZ_SEED, FUZZ_RUNS change it), printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ErrorCode } from '../../typings';
import { callAs } from '../../localcloud/test/helpers';
import { ActionCase, CASES, Fixtures, Payload, prepareFixtures } from './fuzz-payloads';
import { Estate, startEstate } from './journeys';

const SEED = Number(process.env.FUZZ_SEED ?? 20200210);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Calls one shrink may spend: bounds the run time while handlers are broken. */
const SHRINK_CALLS = 25;
/** Under the gateway's 100 KB callFunction limit: a bigger event never reaches a function. */
const BODY_LIMIT = 100 * 1024 - 512;
const CODES: ErrorCode[] = ['INVALID_ARGUMENT', 'UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND', 'CONFLICT'];
CODES.push('FAILED_PRECONDITION', 'RESOURCE_EXHAUSTED', 'UNKNOWN_ACTION');

type Path = (string | number)[];
type Mutation =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'near'; path: Path; variant: number }
  | { op: 'drop'; path: Path }
  | { op: 'add'; path: Path; key: string; value: unknown };

const HUGE = 'a'.repeat(90_000);
const HUGE_CJK = '疫'.repeat(30_000); // 90 KB of UTF-8
const deep = (n: number): unknown => (n === 0 ? 'x' : [deep(n - 1)]);
const OBJECTS = [
  ...[{ $gt: '' }, { $ne: null }, { $exists: true }, { $in: [] }, { $nin: [] }, { $regex: '.*' }, { $gte: 0 }],
  ...[{ $where: 'sleep(1000)' }, { $or: [{}] }, { $expr: { $eq: [1, 1] } }, { $date: '2020-02-10T00:00:00Z' }],
  ...[{ $date: { $numberLong: '0' } }, { $numberInt: '1' }, { $numberDouble: 'NaN' }, { $undefined: true }],
  ...[{ $oid: '5e40f1c2a1b2c3d4e5f60718' }, { $regularExpression: { pattern: '.*', options: '' } }],
  // Objects that break String() and template literals, or pose as arrays and prototypes.
  ...[{ toString: 1 }, { valueOf: {}, toString: null }, { length: 1e9 }, JSON.parse('{"__proto__":{"roles":[1]}}')],
];
const STRINGS = [
  ...['', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', 'undefined', 'null', 'true', '0', '-1', '1e-7', '0x1F'],
  ...['1.5', '１２３', '{"$gt":""}', '{"$ne":null}', "' OR '1'='1", '<script>alert(1)</script>', '../../etc/passwd'],
  ...['\u0000', '\u202e', '😷😷', '中', 'a'.repeat(65), '-'.repeat(64), 'res-00001', 'enc-lixin', 'demo-admin'],
  ...['__proto__', 'constructor', 'toString', 'cloud://x/complaints/../a', '2020-02-30', '2099-01-01T00:00:00Z'],
  ...['1e400', 'Timer'],
];
const NUMBERS = [0, -0, -1, 0.5, 1.5, 1e-7, -1e-7, 1e21, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 3.14159];
const KEYS = ['__proto__', 'constructor', 'prototype', '_id', '$where', '$set', 'openid', 'OPENID', 'userInfo'];
KEYS.push('Type', 'residentId', 'enclosureId', 'roles', 'state', 'verifiedAt', '', 'a.b', '中文键');

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: fc.constantFrom(...OBJECTS), weight: 3 },
  { arbitrary: fc.constantFrom(...STRINGS), weight: 3 },
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 3 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [null]), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(HUGE, HUGE_CJK, Array(20_000).fill(0), deep(300)), weight: 1 },
);

/** Variants of the valid value itself: almost right (padded, upper-cased, wrapped, off by a little). */
function nearValues(v: unknown): unknown[] {
  if (typeof v === 'string')
    return [
      ...[`${v} `, ` ${v}`, v.toUpperCase(), `${v}\u0000`, v.slice(0, -1), v.repeat(40), `${v}${'中'.repeat(250)}`],
      ...[[v], { $eq: v }, { $ne: v }, { $in: [v] }, { $regex: `^${v}` }, Number(v) || 0, [...v].reverse().join('')],
    ];
  if (typeof v === 'number') return [v + 0.5, -v, v - 1, v + 1, v * 1000, v + 1e-7, String(v), [v], { $gt: v }, -1];
  if (Array.isArray(v))
    return [[], [...v, ...v], Array(60).fill(v[0] ?? 1), [v], [null], [...v, {}], { ...v }, v.length];
  if (v && typeof v === 'object') return [{}, [v], { ...v, $where: '1' }, JSON.stringify(v), Object.values(v)];
  return [null, true, 0, '', {}];
}

const ACTION: Path = ['action'];
/** What the router alone decides on: odd action names, and a timer event sent by a user. */
const ROUTING: Mutation[][] = [HUGE, { toString: 1 }, ['me'], null, 7, '', '__proto__', 'constructor', 'hasOwnProperty']
  .map((value): Mutation[] => [{ op: 'set', path: ACTION, value }])
  .concat([[{ op: 'add', path: [], key: 'Type', value: 'Timer' }]]);

/** Tried on every action whatever the seed: keys no form sends, and each field as an operator or a trap. */
const sweep = (event: Payload): Mutation[][] => [
  [{ op: 'add', path: [], key: '', value: 1 }],
  [{ op: 'add', path: [], key: '__proto__', value: { roles: ['admin'] } }],
  ...Object.keys(event)
    .filter((k) => k !== 'action')
    .flatMap((k): Mutation[][] => [
      [{ op: 'set', path: [k], value: { $ne: null } }],
      [{ op: 'set', path: [k], value: { toString: 1 } }],
    ]),
];

/** Every value's path in the event but its action, and the objects that may gain keys. */
function shape(value: unknown, at: Path = [], out = { values: [] as Path[], objects: [[]] as Path[] }) {
  if (!value || typeof value !== 'object' || at.length >= 4) return out;
  for (const [key, child] of Object.entries(value)) {
    if (at.length === 0 && key === 'action') continue;
    const p = [...at, Array.isArray(value) ? Number(key) : key];
    out.values.push(p);
    if (child && typeof child === 'object' && !Array.isArray(child)) out.objects.push(p);
    shape(child, p, out);
  }
  return out;
}

function mutationsOf(event: Payload, routing: boolean): fc.Arbitrary<Mutation[]> {
  const { values, objects } = routing ? { values: [ACTION], objects: [[]] } : shape(event);
  const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ minLength: 1, maxLength: 10 }));
  const add = fc.record({ op: fc.constant('add' as const), path: fc.constantFrom(...objects), key, value: hostile });
  const choices: { arbitrary: fc.Arbitrary<Mutation>; weight: number }[] = [{ arbitrary: add, weight: 2 }];
  if (values.length > 0) {
    const at = fc.constantFrom(...values);
    choices.push(
      { arbitrary: fc.record({ op: fc.constant('set' as const), path: at, value: hostile }), weight: 8 },
      { arbitrary: fc.record({ op: fc.constant('near' as const), path: at, variant: fc.nat(40) }), weight: 6 },
      { arbitrary: fc.record({ op: fc.constant('drop' as const), path: at }), weight: 2 },
    );
  }
  return fc.array(fc.oneof(...choices), { minLength: 1, maxLength: routing ? 2 : 3 });
}

const at = (value: unknown, p: Path) => p.reduce<unknown>((node, k) => (node as Payload)?.[k], value);
/** Own data properties only: a key like `__proto__` is sent as a key, never set as a prototype. */
const put = (target: object, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
const nearOf = (sample: Payload, m: { path: Path; variant: number }) => {
  const near = nearValues(at(sample, m.path));
  return near[m.variant % near.length];
};

function mutate(sample: Payload, mutations: Mutation[]): Payload {
  const event = structuredClone(sample);
  for (const m of mutations) {
    const target = m.op === 'add' ? at(event, m.path) : at(event, m.path.slice(0, -1));
    if (!target || typeof target !== 'object') continue; // an earlier mutation removed or replaced it
    const last = m.path.at(-1)!;
    if (m.op === 'add') put(target, m.key, m.value);
    else if (m.op === 'set') put(target, last, m.value);
    else if (m.op === 'near') put(target, last, nearOf(event, m));
    else if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete (target as Payload)[last];
  }
  return event;
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 40 ? `<${x.length}×${x[0]}>` : x));
  return text === undefined ? String(v) : text.length > 120 ? `${text.slice(0, 117)}…` : text;
};
const where = (p: Path) => (p.length ? p.join('.') : '(payload)');
const told = (m: Mutation, sample: Payload) =>
  m.op === 'drop'
    ? `${where(m.path)} removed`
    : m.op === 'add'
      ? `${where(m.path)} + key ${show(m.key)} = ${show(m.value)}`
      : `${where(m.path)} = ${show(m.op === 'set' ? m.value : nearOf(sample, m))}`;

interface Outcome {
  code: unknown;
  message: unknown;
  commits: number;
  problems: { kind: string; detail: string }[];
  sample: Payload;
}

let estate: Estate;
let fixtures: Fixtures;
let tried = 0;
const attemptedWrites = new Set<string>();
const summary: string[] = [];

const isOperator = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k[0] === '$');
/** A field that was text or a number and was sent as a query operator or as 90 000 characters. */
function hostileSent(sample: Payload, event: Payload, mutations: Mutation[]): string | undefined {
  for (const m of mutations) {
    const [original, value] = [at(sample, m.path), at(event, m.path)];
    if (m.op === 'drop' || m.op === 'add' || original === null || typeof original === 'object') continue;
    if (isOperator(value) || (typeof value === 'string' && value.length > 10_000)) return where(m.path);
  }
  return undefined;
}

interface Call {
  status: number;
  body: Payload;
  sample: Payload;
  event: Payload;
  commits: number;
  written: string;
  hostileAt?: string;
}

function problemsOf(c: ActionCase, { status, body, sample, event, commits, written, hostileAt }: Call) {
  const known = { ...sample, ...event };
  const problems: Outcome['problems'] = [];
  const add = (kind: string, detail = '') => problems.push({ kind, detail });
  const writes = `${commits} commit(s): ${written}`;
  if (status !== 200) add('crash', `HTTP ${status}: ${String(body.errMsg ?? JSON.stringify(body)).slice(0, 100)}`);
  else if (body.code === 0) {
    if (!('data' in body) || body.message !== 'ok') add('bad-envelope', show(body));
    // A refused verdict at the gate is logged by design: that one gate log, nothing else.
    const refused = c.logsRefusals && (body.data as { allowed?: unknown } | null)?.allowed === false;
    if (refused && (commits > 1 || !/^gate_logs:\d+$/.test(written))) add('refusal-writes', writes);
    if (hostileAt && !refused) add('accepted-hostile', `${hostileAt} taken as valid, ${writes}`);
  } else {
    if (body.code === 'INTERNAL') add('INTERNAL');
    else if (!CODES.includes(body.code as ErrorCode)) add('unknown-code', show(body.code));
    if (body.data !== null) add('bad-envelope', show(body));
    if (typeof body.message !== 'string' || !/[\u4e00-\u9fff]/.test(body.message)) add('no-chinese-message');
    else if (body.message.length > 200) add('oversized-message', `${body.message.length} characters`);
    const field = body.field;
    // An empty key is named as it is: '' (the message says 空字段名).
    if (body.code === 'INVALID_ARGUMENT' && (typeof field !== 'string' || (field === '' && !Object.hasOwn(known, ''))))
      add('no-field');
    // The form shows the message at its field: one the request has, or the valid request would have.
    else if (typeof field === 'string' && ![field, field.split(/[.[]/)[0]].some((k) => Object.hasOwn(known, k)))
      add('unknown-field', field);
    // A claim's wrong try is counted by design: that one write, nothing else.
    const counted = body.code === 'NOT_FOUND' && commits === 1 && written === `${c.countsFailures}:1`;
    if (commits > 0 && !counted) add('writes-on-refusal', writes);
  }
  return problems;
}

/** One call of the action with its sample mutated; null when the event would not fit the gateway. */
async function attempt(c: ActionCase, mutations: Mutation[]): Promise<Outcome | null> {
  const sample = { action: c.action, ...(await c.sample(fixtures)) };
  const event = mutate(sample, mutations);
  if (Buffer.byteLength(JSON.stringify(event)) > BODY_LIMIT) return null;
  const store = estate.cloud.db.store;
  const before = store.currentSeq;
  const res = await callAs(estate.cloud, c.fn, c.caller(fixtures), event);
  const commits = store.currentSeq - before; // nothing else runs in this cloud meanwhile
  const ops = res.invocationId ? estate.cloud.meter.invocation(res.invocationId)?.ops : undefined;
  const written = Object.entries(ops?.byCollection ?? {})
    .filter(([, n]) => n.writes > 0)
    .map(([name, n]) => `${name}:${n.writes}`)
    .join(' ');
  const body = res.body as Payload;
  tried++;
  if (body.code !== 0 && commits === 0 && written)
    attemptedWrites.add(`${c.fn}.${c.action} (${String(body.code)}: ${written})`);
  const hostileAt = hostileSent(sample, event, mutations);
  const problems = problemsOf(c, { status: res.status, body, sample, event, commits, written, hostileAt });
  return { code: body.code, message: body.message, commits, problems, sample };
}

interface Found {
  index: number;
  mutations: Mutation[];
  outcome: Outcome;
  problem: Outcome['problems'][number];
}
const keyOf = (f: Pick<Found, 'outcome' | 'problem'>) => `${f.problem.kind}|${String(f.outcome.code)}`;
const pathsOf = (ms: Mutation[]) =>
  [...new Set(ms.map((m) => `${where(m.path)}${m.op === 'add' ? `+${m.key}` : ''}`))].sort();
const report = (label: string, { mutations, outcome: o, problem }: Found) =>
  `${label}: ${mutations.map((m) => told(m, o.sample)).join(' + ') || 'valid sample'} → ${String(o.code)} ` +
  `${show(o.message)}; ${problem.kind}${problem.detail ? ` (${problem.detail})` : ''}; ${o.commits} commit(s)`;

/** Fuzzes one action (or its function's router); answers each failure once, shrunk. */
async function fuzz(c: ActionCase, routing = false): Promise<string[]> {
  const label = routing ? `${c.fn} (action name)` : (c.label ?? `${c.fn}.${c.action}`);
  const seed = SEED + [...label].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 0);
  const startTried = tried;
  const found: Found[] = [];
  const record = (index: number, mutations: Mutation[], outcome: Outcome | null) =>
    outcome?.problems.forEach((problem) => found.push({ index, mutations, outcome, problem }));
  const valid = await attempt(c, []);
  record(-1, [], valid);
  const template = { action: c.action, ...(await c.sample(fixtures)) };
  for (const fixed of routing ? ROUTING : sweep(template)) record(-1, fixed, await attempt(c, fixed));
  const arbitrary = mutationsOf(template, routing);
  let index = 0;
  const property = fc.asyncProperty(arbitrary, async (mutations) => {
    const i = index++;
    const outcome = await attempt(c, mutations);
    fc.pre(outcome !== null);
    record(i, mutations, outcome);
  });
  await fc.check(property, { seed, numRuns: c.runs ?? RUNS });
  // One run per kind of failure and set of fields: a run is skipped when a smaller one covers it.
  const picked: Found[] = [];
  for (const f of [...found].sort((a, b) => a.mutations.length - b.mutations.length)) {
    const same = picked.filter((p) => keyOf(p) === keyOf(f));
    const paths = pathsOf(f.mutations);
    if (same.length < 3 && !same.some((p) => pathsOf(p.mutations).every((x) => paths.includes(x)))) picked.push(f);
  }
  const minimal = new Map<string, string>();
  for (const f of picked) {
    let best = f;
    const still = async (mutations: Mutation[]) => {
      const outcome = await attempt(c, mutations);
      const problem = outcome?.problems.find((p) => keyOf({ outcome, problem: p }) === keyOf(f));
      if (problem) best = { index: f.index, mutations, outcome: outcome!, problem };
      return !!problem;
    };
    let budget = SHRINK_CALLS; // fast-check replays the failing run (its path) and shrinks it
    const shrinking = fc.asyncProperty(arbitrary, async (m) => budget-- <= 0 || !(await still(m)));
    if (f.index >= 0) await fc.check(shrinking, { seed, path: String(f.index) });
    for (let i = best.mutations.length - 1; i >= 0 && best.mutations.length > 1; i--)
      await still(best.mutations.filter((_, j) => j !== i)); // then without what it does not need
    minimal.set(`${keyOf(best)}|${pathsOf(best.mutations)}`, report(label, best));
  }
  summary.push(
    `${label}: ${tried - startTried} inputs, valid sample → ${String(valid?.code)}, ${minimal.size} failure(s)`,
  );
  return [...minimal.values()];
}

beforeAll(async () => {
  estate = await startEstate();
  fixtures = await prepareFixtures(estate);
  console.log(`payload fuzz: seed ${SEED} (FUZZ_SEED), ${RUNS} runs per action (FUZZ_RUNS)`);
}, 60_000);
afterEach(() => {
  estate.cloud.clockOffsetMs = 0;
});
afterAll(async () => {
  const notes = [...attemptedWrites].map((w) => `  ${w}`);
  const totals = `payload fuzz, seed ${SEED}: ${tried} inputs tried`;
  console.log([totals, ...summary, 'refusals whose write operations changed nothing:', ...notes].join('\n'));
  await estate.cloud.stop();
});

/** The actions each function routes, read from its createMain table: a new action needs a case. */
function routedActions(): string[] {
  const dir = path.join(__dirname, '../../cloudfunctions');
  return fs.readdirSync(dir).flatMap((fn) => {
    const file = path.join(dir, fn, 'src/index.ts');
    if (!fs.existsSync(file)) return [];
    const source = fs.readFileSync(file, 'utf8');
    const keys: string[] = [];
    let [depth, segment] = [0, ''];
    const start = source.search(/\b(?:createMain|defineFunction)\(/);
    for (let i = source.indexOf('{', start) + 1; i < source.length && depth >= 0; i++) {
      const ch = source[i];
      if ('([{<'.includes(ch)) depth++;
      else if (')]}'.includes(ch) || (ch === '>' && source[i - 1] !== '=')) depth--;
      if (depth > 0 || (depth === 0 && ch !== ',')) segment += ch;
      else {
        const name = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(segment)?.[1];
        if (name) keys.push(`${fn}.${name}`);
        segment = '';
      }
    }
    return keys;
  });
}

test('every routed action of every function is fuzzed', () => {
  const routed = routedActions();
  expect(routed.length).toBeGreaterThan(50);
  expect(routed.filter((a) => !CASES.some((c) => `${c.fn}.${c.action}` === a))).toEqual([]);
});

test.each(CASES.map((c) => [c.label ?? `${c.fn}.${c.action}`, c] as const))(
  '%s: every mutated payload gets a clean refusal or a success',
  async (_label, c) => {
    if (c.clockOffsetMs) estate.cloud.clockOffsetMs = c.clockOffsetMs();
    expect(await fuzz(c)).toEqual([]);
  },
  120_000,
);

test.each([...new Set(CASES.map((c) => c.fn))])(
  '%s: any action name, and a timer event sent by a user, gets a clean refusal',
  async (fn) =>
    expect(await fuzz({ ...CASES.find((c) => c.fn === fn && c.caller(fixtures))!, runs: 10 }, true)).toEqual([]),
  120_000,
);

test('the cloud is healthy afterwards: each function still answers a valid request with code 0', async () => {
  const health = await fetch(`${estate.cloud.url}/_localcloud/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
  for (const fn of new Set(CASES.map((c) => c.fn))) {
    const c = CASES.find((x) => x.fn === fn)!;
    expect([c.fn, c.action, (await attempt(c, []))?.code]).toEqual([c.fn, c.action, 0]);
  }
});
