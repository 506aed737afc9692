/**
 * A gate-log export of 50,000 rows (issue 20): more than one call can write within its budget, so
 * it is a job. Sliced into many calls, or with one call's saved place lost after it wrote (killed
 * before saving), the sheet is exactly that of a run with the full budget: every log once, in time
 * order. A finished export answered again is the same file and one audit record; a request id
 * reused for another search and a search above the cap are refused, writing nothing.
 */
import { keyOf } from '../../localcloud/src/store';
import { EXPORT_MAX } from '../../cloudfunctions/grid/src/export-gate-logs';
import { idFor } from '../../server/ids';
import { Estate, requestId, startEstate } from './journeys';

const WORKER = 'demo-grid-11';
const GATE = 'enc-chunhua-gate-1';
const ROWS = 50_000;
// 12 February 2020 from 08:00 China time: two scans a second share each second, so ties on the time are common.
const START = Date.UTC(2020, 1, 12, 0, 0);
const at = (i: number) => new Date(START + Math.floor(i / 2) * 1000);
const DAY = { from: new Date(START).toISOString(), to: new Date(START + 2 * 86_400_000).toISOString() };

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
  // Written in an order unlike the export's: ids do not follow time.
  const logs = Array.from({ length: ROWS }, (_, i) => ({
    _id: `xl-${String((i * 7919) % ROWS).padStart(5, '0')}-${i}`,
    gateId: GATE,
    at: at(i),
    direction: i % 2 ? 'in' : 'out',
    colour: i % 10 === 0 ? 'yellow' : 'green',
    allowed: true,
    code: 'pass',
    maskedName: `王${i % 2 ? '*' : '*明'}`,
    residentId: `res-xl-${i % 5000}`,
  }));
  estate.cloud.db.store.commit(logs.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
}, 120_000);
afterAll(() => estate.cloud.stop());

type Answer = { code: number | string; message?: string; field?: string; data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const exportCall = (request: object) =>
  estate.call('grid', WORKER, {
    action: 'export',
    kind: 'gateLogs',
    gateId: GATE,
    ...DAY,
    ...request,
  }) as Promise<Answer>;

/** Calls until done; `killAfter` loses that call's saved place (it uploaded its slice, then died). */
async function exportToEnd(budgetMs?: number, killAfter?: number) {
  const request = { requestId: requestId(), ...(budgetMs ? { budgetMs } : {}) };
  const jobId = idFor('export', WORKER, request.requestId);
  const answers: Answer['data'][] = [];
  for (let i = 0; i < 1000; i++) {
    const before = estate.cloud.db.store.get('export_jobs', jobId)?.doc;
    const res = await exportCall(request);
    expect(res.code).toBe(0);
    answers.push(res.data);
    if (i === killAfter && before) {
      // The sheet in storage already holds this call's slice; its place is the one before.
      const sheet = estate.cloud.storage.read(String(before.cloudPath))!;
      expect(sheet.length).toBeGreaterThan(Number(before.bytes));
      estate.cloud.db.store.commit([{ collection: 'export_jobs', id: jobId, doc: before }]);
    }
    if (res.data.done) return { answers, request };
  }
  throw new Error('the export never finished');
}

const sheetOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
const linesOf = (sheet: Buffer) => sheet.subarray(3).toString('utf8').trimEnd().split('\n');

let whole: Buffer;
test('the full budget exports every one of 50,000 logs once, in time order, with masked names only', async () => {
  const { answers } = await exportToEnd();
  const last = answers[answers.length - 1];
  expect(last).toMatchObject({ done: true, rows: ROWS });
  whole = await sheetOf(last.url);
  const lines = linesOf(whole);
  expect(lines).toHaveLength(ROWS + 1);
  expect(lines[0]).toBe('时间,方向,颜色,结果,说明,姓名');
  expect(lines[1]).toBe('2020-02-12 08:00,出,黄码,放行,绿码，放行,王*明');
  const times = lines.slice(1).map((l) => l.slice(0, 16));
  expect(times).toEqual([...times].sort());
  expect(lines.filter((l) => l.includes(',黄码,'))).toHaveLength(ROWS / 10);
  expect(whole.toString('utf8')).not.toMatch(/res-xl|xl-\d/);
}, 120_000);

test('sliced into many calls, the sheet is byte for byte the one of the full budget', async () => {
  const { answers } = await exportToEnd(50);
  expect(answers.length).toBeGreaterThan(5);
  const going = answers.slice(0, -1);
  expect(going.every((a) => a.done === false && a.total === ROWS)).toBe(true);
  expect(going.map((a) => a.rows)).toEqual([...going.map((a) => a.rows)].sort((a, b) => a - b));
  expect((await sheetOf(answers[answers.length - 1].url)).equals(whole)).toBe(true);
}, 120_000);

test('a call killed after writing its slice, before saving its place, is redone: no row twice, none lost', async () => {
  const { answers } = await exportToEnd(50, 2);
  const sheet = await sheetOf(answers[answers.length - 1].url);
  expect(linesOf(sheet)).toHaveLength(ROWS + 1);
  expect(sheet.equals(whole)).toBe(true);
}, 120_000);

test('a finished export asked again answers the same file, with one audit record', async () => {
  const { answers, request } = await exportToEnd();
  const done = answers[answers.length - 1];
  const again = await exportCall(request);
  expect(again).toMatchObject({ code: 0, data: { done: true, fileID: done.fileID, rows: ROWS } });
  const audits = estate.cloud.db.find(
    'audit_logs',
    { action: 'export', 'after.fileID': done.fileID },
    { limit: 10 },
  ).docs;
  expect(audits).toHaveLength(1);
  expect(audits[0]).toMatchObject({ actor: WORKER, after: { kind: 'gateLogs', gateId: GATE, rows: ROWS } });
}, 120_000);

test('while a call holds the export, another answers how far it is and writes nothing; a dead hold runs out', async () => {
  const request = { requestId: requestId(), budgetMs: 50 };
  const jobId = idFor('export', WORKER, request.requestId);
  const first = await exportCall(request);
  expect(first).toMatchObject({ code: 0, data: { done: false } });
  // A call that claimed the export and died (or still runs): it holds it for 30 s.
  const held = {
    ...estate.cloud.db.store.get('export_jobs', jobId)!.doc,
    busyUntil: new Date(Date.now() + estate.cloud.clockOffsetMs + 30_000),
  };
  estate.cloud.db.store.commit([{ collection: 'export_jobs', id: jobId, doc: held }]);
  const waiting = await exportCall(request);
  expect(waiting).toMatchObject({ code: 0, data: { done: false, rows: first.data.rows, total: ROWS } });
  expect(estate.cloud.db.store.get('export_jobs', jobId)!.doc).toEqual(held);
  const offset = estate.cloud.clockOffsetMs;
  estate.cloud.clockOffsetMs = offset + 31_000;
  try {
    const next = await exportCall(request);
    expect(next.data.rows).toBeGreaterThan(first.data.rows);
  } finally {
    estate.cloud.clockOffsetMs = offset;
  }
});

test('logs uploaded late behind the cursor (a phone back online) are in the sheet: it starts again', async () => {
  const request = { requestId: requestId(), budgetMs: 50 };
  const first = await exportCall(request);
  expect(first.data.done).toBe(false);
  const late = Array.from({ length: 10 }, (_, i) => ({
    _id: `late-${i}`,
    gateId: GATE,
    at: new Date(START + 500 + i),
    direction: 'out',
    colour: 'green',
    allowed: true,
    code: 'pass',
    maskedName: '赵*',
    offline: { syncedAt: new Date() },
  }));
  estate.cloud.db.store.commit(late.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  try {
    let res = first;
    while (!res.data.done) res = await exportCall(request);
    expect(res.data.rows).toBe(ROWS + 10);
    const lines = linesOf(await sheetOf(res.data.url));
    expect(lines).toHaveLength(ROWS + 11);
    expect(lines.slice(1, 13).filter((l) => l.endsWith(',赵*'))).toHaveLength(10);
  } finally {
    estate.cloud.db.store.commit(late.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc: null })));
  }
}, 120_000);

test('logs past the cap arriving mid-export are refused with the cap, and the failing call writes nothing', async () => {
  const request = { requestId: requestId(), budgetMs: 50 };
  const jobId = idFor('export', WORKER, request.requestId);
  expect((await exportCall(request)).data.done).toBe(false);
  // Ahead of the cursor, inside the range: the export would grow past EXPORT_MAX.
  const ahead = Array.from({ length: EXPORT_MAX - ROWS + 1 }, (_, i) => ({
    _id: `ahead-${i}`,
    gateId: GATE,
    at: new Date(START + 30 * 3600_000 + i),
    direction: 'in',
    colour: 'green',
    allowed: true,
    code: 'pass',
    maskedName: '钱*',
  }));
  estate.cloud.db.store.commit(ahead.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  try {
    for (let i = 0; i < 1000; i++) {
      const before = estate.cloud.db.store.get('export_jobs', jobId)!.doc;
      const audits = estate.cloud.db.count('audit_logs', {}).total;
      const res = await exportCall(request);
      if (res.code === 0) continue;
      expect(res).toMatchObject({ code: 'RESOURCE_EXHAUSTED', field: 'from' });
      expect(res.message).toContain(`超过单次导出上限 ${EXPORT_MAX} 条`);
      expect(estate.cloud.db.store.get('export_jobs', jobId)!.doc).toEqual(before);
      expect(estate.cloud.db.count('audit_logs', {}).total).toBe(audits);
      return;
    }
    throw new Error('the export never went over the cap');
  } finally {
    estate.cloud.db.store.commit(ahead.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc: null })));
  }
}, 120_000);

test('a request id reused for another search is refused, and its export goes on unchanged', async () => {
  const request = { requestId: requestId(), budgetMs: 50 };
  const first = await exportCall(request);
  expect(first).toMatchObject({ code: 0, data: { done: false } });
  const other = await exportCall({ ...request, colour: 'yellow' });
  expect(other).toMatchObject({ code: 'INVALID_ARGUMENT', message: '该导出编号已用于其他条件', field: 'requestId' });
  const next = await exportCall(request);
  expect(next.data.rows).toBeGreaterThan(first.data.rows);
});

test(`above the cap of ${EXPORT_MAX.toLocaleString('en')} rows it is refused with the count, in Chinese, and nothing is written`, async () => {
  const over = EXPORT_MAX - ROWS + 1;
  const extra = Array.from({ length: over }, (_, i) => ({
    _id: `cap-${i}`,
    gateId: GATE,
    at: new Date(START + 86_400_000 + i * 1000),
    direction: 'in',
    colour: 'green',
    allowed: true,
    code: 'pass',
    maskedName: '李*',
  }));
  estate.cloud.db.store.commit(extra.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  const counts = () => ['export_jobs', 'audit_logs'].map((c) => estate.cloud.db.count(c, {}).total);
  const before = counts();
  const res = await exportCall({ requestId: requestId() });
  expect(res).toMatchObject({
    code: 'RESOURCE_EXHAUSTED',
    message: `符合条件的记录共 ${EXPORT_MAX + 1} 条，超过单次导出上限 ${EXPORT_MAX} 条，请缩短时间范围分段导出`,
    field: 'from',
  });
  expect(counts()).toEqual(before);
  estate.cloud.db.store.commit(extra.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc: null })));
}, 60_000);

test.each([49, 8_001, 1.5])('a budget of %p ms is refused with the field, and nothing is written', async (budgetMs) => {
  const counts = () => ['export_jobs', 'audit_logs'].map((c) => estate.cloud.db.count(c, {}).total);
  const before = counts();
  const res = await exportCall({ requestId: requestId(), budgetMs });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'budgetMs' });
  expect(res.message).toMatch(/^时间预算应/);
  expect(counts()).toEqual(before);
});

test('every query of the export used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
