/**
 * Visitors through the local cloud, end to end: the host asks, a grid worker of the host's grid
 * decides, and the gates of the host's enclosure admit the visitor on the approved days only; a
 * walk-in registration admits at once; a visitor going out never spends the host's outing quota.
 */
import { DEFAULT_RULES } from '../../core/rule-config';
import { Estate, countDocs, cstDateIn, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => {
  estate.cloud.clockOffsetMs = 0;
  return estate.cloud.stop();
});

const DAY = 24 * 3600_000;
const doc = (collection: string, query: Record<string, unknown>) =>
  estate.cloud.db.find(collection, query, { limit: 1 }).docs[0];

/** A grid worker of the household's building registers a visitor for today. */
async function registerVisitor(householdId: string, visitorPhone: string): Promise<void> {
  const household = doc('households', { _id: householdId });
  const worker = (doc('grids', { buildingIds: household.buildingId }).workerOpenids as string[])[0];
  const res = await estate.call('gate', worker, {
    action: 'registerVisitor',
    requestId: requestId(),
    householdId,
    visitorName: '钱来访',
    visitorPhone,
    reason: '送药',
    days: 1,
  });
  expect(res.code).toBe(0);
}

const visit = (guard: string, gateId: string, direction: 'in' | 'out', visitorPhone: string) =>
  estate.call('gate', guard, { action: 'visitor', gateId, direction, visitorPhone, temperature: 36.4 });

/** Where a resident's visitors come in: their status, their enclosure's first gate and its guard, their grid worker. */
function laneOf(residentId: string) {
  const status = doc('statuses', { _id: residentId });
  return {
    status,
    gateId: `${status.enclosureId}-gate-1`,
    guard: status.enclosureId === 'enc-chunhua' ? 'demo-grid-11' : 'demo-grid-21',
    worker: (doc('grids', { buildingIds: status.buildingId }).workerOpenids as string[])[0],
  };
}

const ask = (openid: string, visitorPhone: string, from: number, to = from, extra = {}) =>
  estate.call('gate', openid, {
    action: 'requestVisit',
    requestId: requestId(),
    visitorName: '孙晓来',
    visitorPhone,
    fromDate: cstDateIn(estate.cloud, from),
    toDate: cstDateIn(estate.cloud, to),
    reason: '探望父母',
    ...extra,
  });

test("a visitor registered by 立新村's grid worker is refused at a 春华苑 gate, and let in at 立新村's", async () => {
  await registerVisitor('enc-lixin-b01-u1-101', '13900002222');
  const atChunhua = await visit('demo-grid-11', 'enc-chunhua-gate-1', 'in', '13900002222');
  expect(atChunhua.data).toMatchObject({
    allowed: false,
    maskedName: null,
    reason: expect.stringContaining('谢绝访客'),
  });
  const log = doc('gate_logs', { _id: atChunhua.data.logId });
  expect(log).toMatchObject({
    visitor: true,
    allowed: false,
    gateId: 'enc-chunhua-gate-1',
    enclosureId: 'enc-chunhua',
  });

  const atLixin = await visit('demo-grid-21', 'enc-lixin-gate-1', 'in', '13900002222');
  expect(atLixin.data).toMatchObject({
    allowed: true,
    maskedName: '钱*访',
    household: expect.stringContaining('探访'),
  });
});

test('a host asks, the gate refuses while it waits, the grid worker approves, the gate admits on those days only', async () => {
  const green = estate.demo.examples.green;
  const { status, gateId, guard, worker } = laneOf(green.residentId);

  const asked = await ask(green.openid, '13900004444', 0, 1);
  expect(asked).toMatchObject({ code: 0, data: { state: 'pending' } });
  const stored = doc('visitor_exceptions', { _id: asked.data.visitId });
  // The visitor is kept masked, the number only as a keyed hash.
  expect(JSON.stringify(stored)).not.toContain('孙晓来');
  expect(JSON.stringify(stored)).not.toContain('13900004444');
  expect(stored).toMatchObject({ visitorMaskedName: '孙*来', visitorPhoneMasked: '139****4444' });

  expect((await visit(guard, gateId, 'in', '13900004444')).data).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('待网格员审批'),
  });

  const list = await estate.call('gate', worker, { action: 'visits' });
  const waiting = list.data.pending.find((v: { id: string }) => v.id === asked.data.visitId);
  expect(waiting).toMatchObject({ visitorMaskedName: '孙*来', visitorPhoneMasked: '139****4444', reason: '探望父母' });
  expect(waiting.household).toMatch(/单元.+室$/);

  // Only a grid worker of the host's grid decides.
  const otherWorker = status.enclosureId === 'enc-chunhua' ? 'demo-grid-21' : 'demo-grid-11';
  const foreign = await estate.call('gate', otherWorker, {
    action: 'decideVisit',
    visitId: asked.data.visitId,
    decision: 'approve',
  });
  expect(foreign.code).toBe('PERMISSION_DENIED');
  const approved = await estate.call('gate', worker, {
    action: 'decideVisit',
    visitId: asked.data.visitId,
    decision: 'approve',
  });
  expect(approved).toMatchObject({ code: 0, data: { state: 'approved' } });

  const inside = await visit(guard, gateId, 'in', '13900004444');
  expect(inside.data).toMatchObject({ allowed: true, maskedName: '孙*来' });
  expect(doc('gate_logs', { _id: inside.data.logId })).toMatchObject({ visitId: asked.data.visitId, allowed: true });

  const mine = await estate.call('gate', green.openid, { action: 'myVisits' });
  expect(mine.data.find((v: { id: string }) => v.id === asked.data.visitId)).toMatchObject({
    state: 'approved',
    fromDate: cstDateIn(estate.cloud, 0),
    toDate: cstDateIn(estate.cloud, 1),
  });

  // After the two days: no longer let in, but let out (a gate never keeps a visitor inside).
  estate.cloud.clockOffsetMs = 2 * DAY + 60_000;
  try {
    expect((await visit(guard, gateId, 'in', '13900004444')).data).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('已过'),
    });
    expect((await visit(guard, gateId, 'out', '13900004444')).data).toMatchObject({ allowed: true });
  } finally {
    estate.cloud.clockOffsetMs = 0;
  }
});

test('a visit approved for tomorrow is refused today; a refusal needs a reason the host reads; a cancelled visit admits no one', async () => {
  const green = estate.demo.examples.green;
  const { gateId, guard, worker } = laneOf(green.residentId);
  const decide = (visitId: string, decision: string, answer?: string) =>
    estate.call('gate', worker, { action: 'decideVisit', visitId, decision, ...(answer ? { answer } : {}) });

  const tomorrow = (await ask(green.openid, '13900005555', 1)).data.visitId;
  await decide(tomorrow, 'approve');
  expect((await visit(guard, gateId, 'in', '13900005555')).data).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('未到'),
  });

  const refusedOne = (await ask(green.openid, '13900006666', 0)).data.visitId;
  const noReason = await decide(refusedOne, 'refuse');
  expect(noReason).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'answer' });
  expect((await decide(refusedOne, 'refuse', '本周小区封控，暂停访客')).data).toMatchObject({ state: 'refused' });
  // A second answer, either way, finds it answered.
  expect((await decide(refusedOne, 'approve')).code).toBe('CONFLICT');
  const mine = (await estate.call('gate', green.openid, { action: 'myVisits' })).data;
  expect(mine.find((v: { id: string }) => v.id === refusedOne)).toMatchObject({
    state: 'refused',
    answer: '本周小区封控，暂停访客',
  });

  const cancelled = (await ask(green.openid, '13900007777', 0)).data.visitId;
  expect((await estate.call('gate', green.openid, { action: 'cancelVisit', visitId: cancelled })).data).toMatchObject({
    state: 'cancelled',
  });
  expect((await decide(cancelled, 'approve')).code).toBe('CONFLICT');
  expect((await visit(guard, gateId, 'in', '13900007777')).data.allowed).toBe(false);
});

test('the host may not ask for a day past, beyond a week, or longer than 3 days; a retry makes one request', async () => {
  const { openid } = estate.demo.examples.green;
  expect(await ask(openid, '13900008888', -1)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'fromDate' });
  expect(await ask(openid, '13900008888', 8)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'fromDate' });
  expect(await ask(openid, '13900008888', 1, 4)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'toDate' });
  expect(await ask(openid, '13900008888', 2, 1)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'toDate' });
  expect(await ask(openid, '13900008888', 0, 0, { fromDate: '2026-02-30' })).toMatchObject({ field: 'fromDate' });

  const before = countDocs(estate.cloud, 'visitor_exceptions');
  const again = { requestId: requestId() };
  const first = await ask(openid, '13900008888', 1, 1, again);
  const retry = await ask(openid, '13900008888', 1, 1, again);
  expect(retry.data).toEqual(first.data);
  expect(countDocs(estate.cloud, 'visitor_exceptions')).toBe(before + 1);
});

test('an isolated household is answered 居家隔离期间谢绝访客, and writes nothing', async () => {
  const { openid } = estate.demo.examples.wuhan_returnee;
  const before = countDocs(estate.cloud, 'visitor_exceptions');
  expect(await ask(openid, '13900009999', 0)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '居家隔离期间谢绝访客',
  });
  expect(countDocs(estate.cloud, 'visitor_exceptions')).toBe(before);
});

test("a visitor going out leaves the host household's outing quota whole", async () => {
  const status = doc('statuses', { _id: estate.demo.examples.green.residentId });
  const householdId = status.householdId as string;
  const gateId = `${status.enclosureId}-gate-1`;
  const guard = status.enclosureId === 'enc-chunhua' ? 'demo-grid-11' : 'demo-grid-21';
  const exitsBefore = countDocs(estate.cloud, 'gate_logs', { householdId, visitor: { $ne: true } });
  expect(exitsBefore).toBe(0);
  await registerVisitor(householdId, '13900003333');
  for (let i = 0; i < DEFAULT_RULES.outingQuota.exits + 1; i++) {
    const out = await visit(guard, gateId, 'out', '13900003333');
    expect(out.data).toMatchObject({ allowed: true });
  }

  const { openid } = estate.demo.examples.green;
  const pass = await estate.call('residents', openid, { action: 'pass' });
  const member = await estate.calls(estate.cloud, 'gate', guard, {
    action: 'scan',
    gateId,
    direction: 'out',
    token: pass.data.token,
    temperature: 36.5,
  });
  expect(member.body.data).toMatchObject({ allowed: true, colour: 'green', reason: '绿码，放行' });
  expect(member.dbOps).toBe(2); // still one read and one write: the visitor rule costs no operation
});

/** A verified green resident with WeChat of the enclosure, of another household than `not`. */
function neighbour(enclosureId: string, not: string[]) {
  const greens = new Set(
    estate.cloud.db.find('statuses', { enclosureId, colour: 'green' }, { limit: 5000 }).docs.map((d) => d._id),
  );
  return estate.cloud.db
    .find('residents', { enclosureId, relation: 'head' }, { limit: 5000 })
    .docs.find(
      (r) => r.openid && r.verifiedAt && !r.pendingSince && greens.has(r._id) && !not.includes(r.householdId as string),
    )!;
}

test("a neighbour asking and cancelling visits for the same number cannot push a host's approved visit out", async () => {
  const green = estate.demo.examples.green;
  const { status, gateId, guard, worker } = laneOf(green.residentId);
  const approved = (await ask(green.openid, '13900001212', 0)).data.visitId;
  await estate.call('gate', worker, { action: 'decideVisit', visitId: approved, decision: 'approve' });

  const attacker = neighbour(status.enclosureId as string, [status.householdId as string]);
  for (let i = 0; i < 25; i++) {
    const asked = await ask(attacker.openid as string, '13900001212', 1 + (i % 7));
    expect(asked.code).toBe(0);
    await estate.call('gate', attacker.openid as string, { action: 'cancelVisit', visitId: asked.data.visitId });
  }
  expect((await visit(guard, gateId, 'in', '13900001212')).data).toMatchObject({ allowed: true });
});

test('a visit the host cancels while the visitor is inside lets them out, never in again, and reads 已取消', async () => {
  const greenStatus = doc('statuses', { _id: estate.demo.examples.green.residentId });
  // A host with no visits yet (green's household has its 5 open requests by now).
  const host = neighbour(greenStatus.enclosureId as string, [greenStatus.householdId as string]);
  const { gateId, guard, worker } = laneOf(host._id as string);
  const asked = await ask(host.openid as string, '13900001313', 0);
  expect(asked).toMatchObject({ code: 0 });
  const visitId = asked.data.visitId;
  await estate.call('gate', worker, { action: 'decideVisit', visitId, decision: 'approve' });
  expect((await visit(guard, gateId, 'in', '13900001313')).data.allowed).toBe(true);
  expect((await estate.call('gate', host.openid as string, { action: 'cancelVisit', visitId })).data.state).toBe(
    'cancelled',
  );
  expect((await visit(guard, gateId, 'in', '13900001313')).data.allowed).toBe(false);
  expect((await visit(guard, gateId, 'out', '13900001313')).data.allowed).toBe(true);
  const mine = (await estate.call('gate', host.openid as string, { action: 'myVisits' })).data;
  expect(mine.find((v: { id: string }) => v.id === visitId)).toMatchObject({ state: 'cancelled' });
});

test('a green member of a household with someone red may not ask for a visitor', async () => {
  const reds = estate.cloud.db.find('statuses', { colour: 'red' }, { limit: 5000 }).docs;
  const member = reds
    .flatMap((red) =>
      estate.cloud.db
        .find('residents', { householdId: red.householdId }, { limit: 20 })
        .docs.filter(
          (r) => r._id !== red._id && r.openid && !r.pendingSince && doc('statuses', { _id: r._id })?.colour !== 'red',
        ),
    )
    .at(0);
  expect(member).toBeDefined(); // the demo has such a household
  expect(await ask(member!.openid as string, '13900001414', 0)).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '居家隔离期间谢绝访客',
  });
});

test('every query in these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
