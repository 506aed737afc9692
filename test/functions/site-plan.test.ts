/**
 * 防疫地图 as a picture, through the local cloud: a unit isolation colours its building on the
 * grid worker's plan, and the residents' version of the same plan names no one and shows no
 * group under five.
 */
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
const GRID = 'demo-grid-11';

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

type Plan = { buildings: { id: string; tone: string; isolatedUnits: number[]; mine: boolean; residents: number }[] };

test('a unit isolation colours its building on the plan; every building of the enclosure is placed', async () => {
  const isolated = await estate.call('quarantine', GRID, {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b03',
    unit: 2,
    reason: '3栋2单元出现确诊病例',
  });
  expect(isolated.code).toBe(0);
  const res = await estate.calls(estate.cloud, 'grid', GRID, { action: 'plan' });
  expect(res.dbOps).toBeLessThanOrEqual(20);
  const plan = res.body.data as Plan & { enclosureName: string; totals: { residents: number } };
  expect(plan.enclosureName).toBe('春华苑');
  const all = estate.cloud.db.find('buildings', { enclosureId: 'enc-chunhua' }, { limit: 1000 }).docs;
  expect(plan.buildings.map((b) => b.id).sort()).toEqual(
    all
      .filter((b) => !b.retiredAt)
      .map((b) => b._id)
      .sort(),
  );
  const b03 = plan.buildings.find((b) => b.id === 'enc-chunhua-b03')!;
  expect(b03).toMatchObject({ tone: 'isolated', isolatedUnits: [2], mine: true });
  expect(plan.totals.residents).toBe(plan.buildings.reduce((n, b) => n + b.residents, 0));
  // Another grid's buildings are on the picture too, but not theirs to open floor by floor.
  expect(plan.buildings.some((b) => !b.mine)).toBe(true);
  expect(await estate.call('grid', 'demo-volunteer-1', { action: 'plan' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('the residents’ version shows the sealed building, masks the contact, and no number under five', async () => {
  const { openid } = estate.demo.examples.green;
  const res = await estate.calls(estate.cloud, 'grid', openid, { action: 'publicPlan' });
  expect(res.dbOps).toBeLessThanOrEqual(20);
  const view = res.body.data as {
    buildings: { id: string; sealed: boolean; residents: unknown; returned: unknown; isolated: unknown }[];
    totals: Record<string, unknown>;
    contact: { phone: string } | null;
  };
  expect(view.buildings.find((b) => b.id === 'enc-chunhua-b03')).toMatchObject({ sealed: true });
  for (const b of view.buildings)
    for (const n of [b.residents, b.returned, b.isolated])
      expect(n === '<5' || n === 0 || (typeof n === 'number' && n >= 5)).toBe(true);
  if (view.contact) expect(view.contact.phone).toMatch(/\*{4}/);
  // Nothing about a person: no names, no colours of anyone.
  const text = JSON.stringify(res.body.data);
  const names = estate.cloud.db
    .find('residents', { enclosureId: 'enc-chunhua' }, { limit: 50 })
    .docs.map((r) => r.name);
  for (const name of names) expect(text).not.toContain(String(name));
  expect(text).not.toMatch(/"(red|yellow|green)"/);
  // Someone without a home or a post is asked to register first.
  expect(await estate.call('grid', 'someone-new', { action: 'publicPlan' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '请先完成住户登记',
  });
});

test('the 社区 admin places buildings on the plan, and the pictures put them there; strangers are refused', async () => {
  const place = (positions: object[], openid = 'demo-community-admin') =>
    estate.call('estate', openid, { action: 'place', enclosureId: 'enc-chunhua', positions });
  expect(await place([{ buildingId: 'enc-chunhua-b03', x: 80, y: 20 }])).toMatchObject({
    code: 0,
    data: { placed: 1 },
  });
  const placement = (
    await estate.call('estate', 'demo-community-admin', { action: 'placement', enclosureId: 'enc-chunhua' })
  ).data as { buildings: { id: string; placed: boolean; position: object }[] };
  expect(placement.buildings.find((b) => b.id === 'enc-chunhua-b03')).toEqual(
    expect.objectContaining({ placed: true, position: { x: 80, y: 20 } }),
  );
  const onPlan = (await estate.call('grid', GRID, { action: 'plan' })).data as {
    buildings: { id: string; position: object }[];
  };
  expect(onPlan.buildings.find((b) => b.id === 'enc-chunhua-b03')!.position).toEqual({ x: 80, y: 20 });
  const shown = (await estate.call('grid', estate.demo.examples.green.openid, { action: 'publicPlan' })).data as {
    buildings: { id: string; position: object }[];
  };
  expect(shown.buildings.find((b) => b.id === 'enc-chunhua-b03')!.position).toEqual({ x: 80, y: 20 });

  const lixin = estate.cloud.db.find('buildings', { enclosureId: 'enc-lixin' }, { limit: 1 }).docs[0]._id as string;
  const before = JSON.stringify(
    estate.cloud.db.find('buildings', { enclosureId: 'enc-chunhua' }, { limit: 1000 }).docs,
  );
  expect(
    await place([
      { buildingId: 'enc-chunhua-b01', x: 10, y: 10 },
      { buildingId: lixin, x: 50, y: 50 },
    ]),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'positions' });
  expect(await place([{ buildingId: 'enc-chunhua-b01', x: 120, y: 10 }])).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'positions.0.x',
  });
  const many = Array.from({ length: 101 }, () => ({ buildingId: 'enc-chunhua-b01', x: 1, y: 1 }));
  expect(await place(many)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'positions' });
  expect(await place([{ buildingId: 'enc-chunhua-b01', x: 1, y: 1 }], GRID)).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(JSON.stringify(estate.cloud.db.find('buildings', { enclosureId: 'enc-chunhua' }, { limit: 1000 }).docs)).toBe(
    before,
  );
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
