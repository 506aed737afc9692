/**
 * Counts and lists past one page of the database (CloudBase answers at most 1000 documents a
 * query): a building of 1,200 residents, a verification queue of more than 1,000, a gate-log
 * export of more than 50 rows — all complete, through the local cloud (export-large.test.ts
 * exports 50,000).
 */
import { keyOf } from '../../localcloud/src/store';
import { DAY_MS } from '../../core/time';
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
const WORKER = 'demo-grid-11';
const BIG = 'big-b1200';
const N = 1200;
const now = Date.now();
/** Resident i registered i minutes before the oldest demo resident: the highest ids wait longest. */
const registeredAt = (i: number) => new Date(now - 60 * DAY_MS - i * 60_000);
const rid = (i: number) => `big-r${String(i).padStart(4, '0')}`;

beforeAll(async () => {
  estate = await startEstate();
  const { store } = estate.cloud.db;
  const building = { _id: BIG, enclosureId: 'enc-chunhua', name: '99栋', units: 2, floors: 30 };
  const grid = store.get('grids', 'enc-chunhua-grid-1')!.doc;
  // 1,200 new registrants, none verified yet: unit 1 holds all but the two newest (unit 2).
  const residents = Array.from({ length: N }, (_, i) => ({
    _id: rid(i),
    name: '张三丰',
    maskedName: '张*丰',
    householdId: `big-h${i}`,
    enclosureId: 'enc-chunhua',
    buildingId: BIG,
    buildingName: '99栋',
    unit: i < 2 ? 2 : 1,
    floor: 1 + (i % 30),
    room: `${1 + (i % 30)}01`,
    relation: 'self',
    birthYear: 1980,
    registeredAt: registeredAt(i),
  }));
  const statuses = residents.map((r) => ({
    _id: r._id,
    residentId: r._id,
    householdId: r.householdId,
    enclosureId: r.enclosureId,
    buildingId: BIG,
    buildingName: r.buildingName,
    unit: r.unit,
    room: r.room,
    floor: r.floor,
    maskedName: r.maskedName,
    colour: 'yellow',
    reasons: [
      { rule: 'not_verified', colour: 'yellow', text: '新登记住户，待网格员核实', since: r.registeredAt, until: null },
    ],
    until: null,
    ruleVersion: 1,
    computedAt: new Date(now),
    reviewAt: null,
    declarationExpiresAt: new Date(now + DAY_MS),
  }));
  store.commit([
    { collection: 'buildings', id: BIG, doc: building },
    { collection: 'grids', id: grid._id as string, doc: { ...grid, buildingIds: [...(grid.buildingIds as []), BIG] } },
    ...residents.map((doc) => ({ collection: 'residents', id: keyOf(doc._id), doc })),
    ...statuses.map((doc) => ({ collection: 'statuses', id: keyOf(doc._id), doc })),
  ]);
}, 60_000);
afterAll(() => estate.cloud.stop());

const mapOf = async (buildingId: string) =>
  (await estate.call('grid', WORKER, { action: 'map' })).data.buildings.find(
    (b: { buildingId: string }) => b.buildingId === buildingId,
  );

test('a building of 1,200 residents counts 1,200 on the map, on refresh and after the nightly recount', async () => {
  // A status change in the building refreshes its snapshot: the two residents of unit 2 isolated.
  const order = await estate.call('quarantine', WORKER, {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: BIG,
    unit: 2,
    reason: '99栋2单元出现确诊病例',
  });
  expect(order).toMatchObject({ code: 0, data: { isolated: 2 } });
  expect(await mapOf(BIG)).toMatchObject({ residents: N, red: 2, yellow: N - 2, isolated: 2, isolatedUnits: [2] });
  const floors = (await estate.call('grid', WORKER, { action: 'building', buildingId: BIG })).data.byFloor;
  expect(Object.values(floors).reduce((sum: number, f) => sum + (f as { residents: number }).residents, 0)).toBe(N);

  // Drift repaired by the nightly job counts every page too.
  const stats = estate.cloud.db.store.get('building_stats', BIG)!.doc;
  estate.cloud.db.store.commit([{ collection: 'building_stats', id: BIG, doc: { ...stats, residents: 7 } }]);
  const run = await fetch(`${estate.cloud.url}/_localcloud/triggers/grid`, { method: 'POST' }).then((r) => r.json());
  expect(run).toMatchObject({ code: 0, data: { recountedBuildings: 21, done: true } });
  expect(await mapOf(BIG)).toMatchObject({ residents: N, yellow: N - 2 });
}, 60_000);

test('the verification queue is oldest first across more than one page of the database', async () => {
  const res = await estate.call('grid', WORKER, { action: 'verificationQueue' });
  expect(res.code).toBe(0);
  const queue = res.data as { residentId: string; since: string; waitingDays: number }[];
  const mine = queue.filter((q) => q.residentId.startsWith('big-r'));
  // All still yellow (the two isolated are red now), longest waiting first: the highest ids.
  expect(mine).toHaveLength(N - 2);
  expect(queue.slice(0, 3).map((q) => q.residentId)).toEqual([rid(N - 1), rid(N - 2), rid(N - 3)]);
  expect(queue[0].since).toBe(registeredAt(N - 1).toISOString());
  expect(queue[0].waitingDays).toBeGreaterThanOrEqual(60);
  expect(queue.map((q) => q.since)).toEqual([...queue.map((q) => q.since)].sort());
}, 30_000);

describe('gate-log export', () => {
  const GATE = 'enc-chunhua-gate-1';
  // 10 February 2020, from 08:30 China time (00:30 UTC), one scan a minute.
  const start = Date.UTC(2020, 1, 10, 0, 30);
  const COLOURS = ['green', 'yellow', 'red'] as const;
  const logs = Array.from({ length: 130 }, (_, i) => ({
    _id: `exp-log-${String(i).padStart(3, '0')}`,
    gateId: GATE,
    at: new Date(start + i * 60_000),
    direction: i % 2 ? 'in' : 'out',
    colour: COLOURS[i % 3],
    allowed: i % 3 !== 2,
    code: i % 3 === 2 ? 'red_isolation' : 'pass',
    maskedName: '王*',
    residentId: `res-exp-${i}`,
  }));

  beforeAll(() => {
    estate.cloud.db.store.commit(logs.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  });

  const exportOf = (from: number, to: number) =>
    estate.call('grid', WORKER, {
      action: 'export',
      kind: 'gateLogs',
      gateId: GATE,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      requestId: requestId(),
    });

  test('holds every matching row, in China time and with the colours in Chinese', async () => {
    const res = await exportOf(start, start + DAY_MS);
    expect(res).toMatchObject({ code: 0, data: { done: true, rows: 130 } });
    if (!res.data.done) return;
    const text = Buffer.from(new Uint8Array(await (await fetch(res.data.url as string)).arrayBuffer()))
      .subarray(3)
      .toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('时间,方向,颜色,结果,说明,姓名');
    expect(lines).toHaveLength(131);
    expect(lines[1]).toBe('2020-02-10 08:30,出,绿码,放行,绿码，放行,王*');
    expect(lines[3]).toBe('2020-02-10 08:32,出,红码,拒绝,红码，不得通行，请引导至指定观察点,王*');
    expect(lines[130]).toMatch(/^2020-02-10 10:39,进,/);
    expect(text).not.toMatch(/green|yellow|red|T\d\d:|Z,/);
    expect(lines.filter((l) => l.includes(',黄码,'))).toHaveLength(43);
    expect(JSON.stringify(text)).not.toContain('res-exp');
  });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
