/** 防疫地图: snapshots that follow every status change, and views (list and picture) that stay cheap at 100,000 residents. */
import fc from 'fast-check';
import { buildingStats } from '../../core/building-stats';
import type { StatusDoc } from '../../core/status-doc';
import { keyOf } from '../../localcloud/src/store';
import { Estate, daysAgoIso, requestId, startEstate } from './journeys';

let estate: Estate;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

/** What a full recount says right now, straight from the stored statuses. */
function recount(buildingId: string) {
  const building = estate.cloud.db.find('buildings', { _id: buildingId }, { limit: 1 }).docs[0] as {
    _id: string;
    enclosureId: string;
    name: string;
  };
  const statuses = estate.cloud.db.find('statuses', { buildingId }, { limit: 10_000 }).docs as unknown as StatusDoc[];
  const { computedAt: _c, ...stats } = buildingStats(building, statuses, new Date());
  return stats;
}
function stored(buildingId: string) {
  const {
    computedAt: _c,
    countedFrom: _r,
    _id: _i,
    ...stats
  } = estate.cloud.db.find('building_stats', { _id: buildingId }, { limit: 1 }).docs[0];
  return stats;
}

test('the map equals a brute-force recount after declarations, verifications, isolations and endings', async () => {
  const touched = new Set<string>(['enc-chunhua-b03', 'enc-chunhua-b04']);
  // A mix of what changes statuses: a Wuhan trip, a fever, a verification, a unit isolation and its end.
  const residents = estate.cloud.db
    .find('residents', { buildingId: { $in: [...touched] } }, { limit: 1000 })
    .docs.filter((r) => r.openid);
  for (const [i, r] of residents.slice(0, 6).entries()) {
    const trips = i % 2 ? [{ place: '武汉', areaCode: '420100', from: daysAgoIso(6), to: daysAgoIso(4) }] : [];
    await estate.call('residents', r.openid as string, {
      action: 'report',
      requestId: requestId(),
      temperature: i === 2 ? 38.1 : 36.5,
      symptoms: [],
      trips,
    });
  }
  const yellow = estate.cloud.db.find(
    'statuses',
    { buildingId: 'enc-chunhua-b03', colour: 'yellow' },
    { limit: 5 },
  ).docs;
  for (const y of yellow.slice(0, 2))
    await estate.call('residents', 'demo-grid-11', { action: 'verify', residentId: y._id, note: '上门核实' });
  const order = await estate.call('quarantine', 'demo-grid-11', {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b04',
    unit: 2,
    reason: '确诊病例',
  });
  expect(order.code).toBe(0);
  for (const id of touched) expect(stored(id)).toEqual(recount(id));
  const b04 = await estate.call('grid', 'demo-grid-11', { action: 'building', buildingId: 'enc-chunhua-b04' });
  expect(b04.data.isolatedUnits).toEqual([2]);
  expect(b04.data.isolated).toBeGreaterThan(0);
  expect(Object.keys(b04.data.byFloor).length).toBeGreaterThan(1);
});

test('property: after any sequence of status changes the map equals a recount', async () => {
  const buildings = ['enc-chunhua-b05', 'enc-chunhua-b06'];
  const people = estate.cloud.db
    .find('residents', { buildingId: { $in: buildings } }, { limit: 1000 })
    .docs.filter((r) => r.openid) as { _id: string; openid: string; buildingId: string }[];
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('report' as const),
      who: fc.nat(people.length - 1),
      fever: fc.boolean(),
      wuhan: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('verify' as const), who: fc.nat(people.length - 1) }),
    fc.record({
      kind: fc.constant('isolate' as const),
      building: fc.constantFrom(...buildings),
      unit: fc.integer({ min: 1, max: 2 }),
    }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
      for (const o of ops) {
        if (o.kind === 'report')
          await estate.call('residents', people[o.who].openid, {
            action: 'report',
            requestId: requestId(),
            temperature: o.fever ? 38.2 : 36.5,
            symptoms: [],
            trips: o.wuhan ? [{ place: '武汉', areaCode: '420100', from: daysAgoIso(6), to: daysAgoIso(4) }] : [],
          });
        else if (o.kind === 'verify')
          await estate.call('residents', 'demo-grid-11', {
            action: 'verify',
            residentId: people[o.who]._id,
            note: '上门核实',
          });
        else
          await estate.call('quarantine', 'demo-grid-11', {
            action: 'isolateUnit',
            requestId: requestId(),
            buildingId: o.building,
            unit: o.unit,
            reason: '确诊病例',
          });
      }
      for (const id of buildings) expect(stored(id)).toEqual(recount(id));
    }),
    { numRuns: 6 },
  );
  // A budget, not an assertion: six sequences of status changes through the functions, each
  // change a recompute (about ten operations), on 2 cores shared with the other suite.
}, 90_000);

test('sixteen declarations landing at once in one building leave its map equal to a recount', async () => {
  // Each declaration recounts the building; the recount that read first must not be written last.
  const people = estate.cloud.db
    .find('residents', { buildingId: 'enc-chunhua-b07' }, { limit: 1000 })
    .docs.filter((r) => r.openid)
    .slice(0, 16);
  const answers = await Promise.all(
    people.map((p, i) =>
      estate.call('residents', p.openid as string, {
        action: 'report',
        requestId: requestId(),
        temperature: i % 3 === 0 ? 38.3 : 36.6,
        symptoms: [],
        trips: [],
      }),
    ),
  );
  expect(answers.every((a) => a.code === 0)).toBe(true);
  expect(stored('enc-chunhua-b07')).toEqual(recount('enc-chunhua-b07'));
  expect(stored('enc-chunhua-b07').red).toBeGreaterThanOrEqual(6);
});

test('the nightly recount repairs drift', async () => {
  estate.cloud.db.store.commit([
    {
      collection: 'building_stats',
      id: 'enc-chunhua-b05',
      doc: { ...stored('enc-chunhua-b05'), _id: 'enc-chunhua-b05', red: 999 },
    },
  ]);
  const run = await fetch(`${estate.cloud.url}/_localcloud/triggers/grid`, { method: 'POST' }).then((r) => r.json());
  expect(run).toMatchObject({ code: 0, data: { recountedBuildings: 20 } });
  expect(stored('enc-chunhua-b05')).toEqual(recount('enc-chunhua-b05'));
});

test('a grid worker sees only the buildings of their grids', async () => {
  const res = await estate.call('grid', 'demo-grid-11', { action: 'map' });
  const mine = (
    estate.cloud.db.find('grids', { workerOpenids: 'demo-grid-11' }, { limit: 5 }).docs[0].buildingIds as string[]
  ).sort();
  expect(res.data.buildings.map((b: { buildingId: string }) => b.buildingId)).toEqual(mine);
  expect(await estate.call('grid', 'demo-grid-11', { action: 'building', buildingId: 'enc-lixin-b01' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('a map view of a 100,000-resident estate costs at most 20 database operations', async () => {
  // 200 buildings of 500 residents in one grid, seeded straight into the store as a migration would.
  const now = new Date();
  const buildingIds = Array.from({ length: 200 }, (_, i) => `big-b${i}`);
  const statuses = buildingIds.flatMap((b, i) =>
    Array.from({ length: 500 }, (_, j) => ({
      _id: `big-r${i}-${j}`,
      residentId: `big-r${i}-${j}`,
      buildingId: b,
      enclosureId: 'enc-big',
      householdId: `big-h${i}-${j % 150}`,
      buildingName: `${i + 1}栋`,
      unit: 1 + (j % 2),
      room: `${100 + (j % 30)}`,
      floor: 1 + (j % 30),
      maskedName: '张*',
      colour: j % 10 === 0 ? 'red' : 'green',
      reasons:
        j % 10 === 0
          ? [{ rule: 'fever', colour: 'red', text: '发热', since: new Date(now.getTime() - 3600_000), until: null }]
          : [],
      until: null,
      ruleVersion: 1,
      computedAt: now,
      reviewAt: null,
      declarationExpiresAt: new Date(now.getTime() + 3600_000),
    })),
  );
  estate.cloud.db.store.commit(statuses.map((doc) => ({ collection: 'statuses', id: keyOf(doc._id), doc })));
  const stats = buildingIds.map((b) =>
    buildingStats(
      { _id: b, enclosureId: 'enc-big', name: b },
      statuses.filter((s) => s.buildingId === b) as unknown as StatusDoc[],
      now,
    ),
  );
  estate.cloud.db.store.commit(
    stats.map((s) => ({ collection: 'building_stats', id: s.buildingId, doc: { _id: s.buildingId, ...s } })),
  );
  estate.cloud.db.store.commit([
    { collection: 'grids', id: 'big-grid', doc: { _id: 'big-grid', enclosureId: 'enc-big', buildingIds } },
    {
      collection: 'users',
      id: 'big-worker',
      doc: { _id: 'big-worker', roles: ['grid_worker'], enclosureId: 'enc-big', gridIds: ['big-grid'], gateIds: [] },
    },
    {
      collection: 'users',
      id: 'big-resident',
      doc: { _id: 'big-resident', roles: ['resident'], homeEnclosureId: 'enc-big' },
    },
  ]);
  const res = await estate.calls(estate.cloud, 'grid', 'big-worker', { action: 'map' });
  expect(res.body.data.totals).toMatchObject({ residents: 100_000, red: 10_000 });
  expect(res.body.data.buildings).toHaveLength(200);
  expect(res.dbOps).toBeLessThanOrEqual(20);
  // The same estate as a picture: for the grid worker, and for a resident (counts only).
  const plan = await estate.calls(estate.cloud, 'grid', 'big-worker', { action: 'plan' });
  expect(plan.body.data.buildings).toHaveLength(200);
  expect(plan.body.data.totals).toMatchObject({ residents: 100_000, red: 10_000 });
  expect(plan.dbOps).toBeLessThanOrEqual(20);
  const shown = await estate.calls(estate.cloud, 'grid', 'big-resident', { action: 'publicPlan' });
  expect(shown.body.data.totals).toMatchObject({ residents: 100_000 });
  expect(shown.dbOps).toBeLessThanOrEqual(20);
}, 60_000);

test('the map exports as a masked CSV to cloud storage, and the export is audited', async () => {
  const res = await estate.call('grid', 'demo-grid-11', { action: 'export', kind: 'map' });
  expect(res).toMatchObject({
    code: 0,
    data: { fileID: expect.stringMatching(/^cloud:\/\/.+\.csv$/), rows: expect.any(Number) },
  });
  const bytes = Buffer.from(new Uint8Array(await (await fetch(res.data.url as string)).arrayBuffer()));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel shows the Chinese
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\n')[0]).toBe(
    '楼栋,居住人数,未离开本市,离开后返回,从未申报,隔离中,其中健康驿站,其中集中隔离,绿码,黄码,红码,未按时申报,隔离单元,统计时间',
  );
  // Every building of the grid, each with when it was counted, in China time.
  const lines = text.trimEnd().split('\n').slice(1);
  expect(lines).toHaveLength(res.data.rows);
  expect(res.data.rows).toBe((await estate.call('grid', 'demo-grid-11', { action: 'map' })).data.buildings.length);
  for (const line of lines) expect(line).toMatch(/^\d+栋,\d+,.*,\d{4}-\d\d-\d\d \d\d:\d\d$/);
  const audit = estate.cloud.db.find('audit_logs', { action: 'export', actor: 'demo-grid-11' }, { limit: 5 }).docs;
  expect(audit).toEqual([
    expect.objectContaining({ after: expect.objectContaining({ kind: 'map', fileID: res.data.fileID }) }),
  ]);
  expect(await estate.call('grid', estate.demo.examples.green.openid, { action: 'export', kind: 'map' })).toMatchObject(
    { code: 'PERMISSION_DENIED' },
  );
});
