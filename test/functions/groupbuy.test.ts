/** Grocery group orders through the local cloud: batches, orders under concurrency, cut-off, pick lists. */
import type { CreateBatchRequest } from '../../typings';
import { demoBatch } from '../../demo/batch';
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
const ENCLOSURE = 'enc-chunhua';
const ORGANISER = 'demo-grid-11';
const HOUR = 3600_000;

/** One resident with a WeChat account per household of the enclosure: the ones who order. */
let shoppers: { openid: string; residentId: string; householdId: string; buildingId: string }[];

beforeAll(async () => {
  estate = await startEstate();
  const residents = estate.cloud.db.find(
    'residents',
    // Those who may order: verified by a grid worker, or the head who opened the household.
    {
      enclosureId: ENCLOSURE,
      openid: { $exists: true },
      $or: [{ verifiedAt: { $exists: true } }, { relation: 'head' }],
    },
    { limit: 10_000 },
  ).docs as { _id: string; openid: string; householdId: string; buildingId: string }[];
  const seen = new Set<string>();
  shoppers = residents
    .filter((r) => !seen.has(r.householdId) && seen.add(r.householdId))
    .map((r) => ({ openid: r.openid, residentId: r._id, householdId: r.householdId, buildingId: r.buildingId }));
});
afterAll(() => estate.cloud.stop());
afterEach(() => {
  estate.cloud.clockOffsetMs = 0;
});

const clockNow = () => Date.now() + estate.cloud.clockOffsetMs;

/** The demo batch, cut off in 6 hours (override anything, e.g. a bad field). */
const batchInput = (overrides: Record<string, unknown> = {}) =>
  demoBatch(clockNow() + 6 * HOUR, requestId(), overrides as Partial<CreateBatchRequest>);

async function openBatch(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await estate.call('groupbuy', ORGANISER, batchInput(overrides));
  expect(res).toMatchObject({ code: 0 });
  return res.data.batchId;
}

const orderAs = (
  openid: string,
  batchId: string,
  lines: { itemId: string; qty: number }[],
  { id = requestId(), baseVersion = 0 } = {},
) => estate.call('groupbuy', openid, { action: 'order', batchId, requestId: id, baseVersion, lines });

const remainingOf = async (batchId: string, openid = shoppers[0].openid) =>
  Object.fromEntries(
    (
      (await estate.call('groupbuy', openid, { action: 'batch', batchId })).data.items as {
        id: string;
        remaining: number;
      }[]
    ).map((i) => [i.id, i.remaining]),
  );

test('an organiser opens a batch; residents of the enclosure see it with its share path, others are refused', async () => {
  const batchId = await openBatch();
  const list = await estate.call('groupbuy', shoppers[0].openid, { action: 'batches' });
  expect(list.data.batches.map((b: { id: string }) => b.id)).toContain(batchId);
  expect(list.data.canOrganise).toBe(false);
  const detail = await estate.call('groupbuy', shoppers[0].openid, { action: 'batch', batchId });
  expect(detail.data).toMatchObject({
    phase: 'open',
    sharePath: `/pages/batch/batch?id=${batchId}`,
    supplier: { licence: 'JY14403040012345' },
    canManage: false,
    myOrder: null,
  });
  expect(detail.data.items[1]).toMatchObject({ name: '鸡蛋', priceText: '¥12.90', remaining: 100, limit: 2 });
  const outsider = await estate.call('groupbuy', 'demo-volunteer-2', { action: 'batch', batchId });
  expect(outsider).toMatchObject({ code: 'PERMISSION_DENIED', message: '该团购不属于您所在的围合区' });
  const resident = await estate.call('groupbuy', shoppers[0].openid, batchInput());
  expect(resident.code).toBe('PERMISSION_DENIED');
});

test('a bad batch is refused field by field and nothing is stored', async () => {
  const before = countDocs(estate.cloud, 'group_batches');
  const res = await estate.call(
    'groupbuy',
    ORGANISER,
    batchInput({
      items: [{ name: '青菜', unit: '斤', priceFen: 3.5, stock: 10, limit: 20 }],
      cutoffAt: new Date(clockNow() - HOUR).toISOString(),
      supplier: { name: '某菜行', licence: '123', contact: 'x' },
    }),
  );
  expect(res.code).toBe('INVALID_ARGUMENT');
  expect(res.errors.map((e: { field: string }) => e.field)).toEqual(
    expect.arrayContaining(['items.0.priceFen', 'items.0.limit', 'cutoffAt', 'supplier.licence', 'supplier.contact']),
  );
  expect(countDocs(estate.cloud, 'group_batches')).toBe(before);
});

test('200 concurrent orders against a stock of 50: exactly 50 sold, the rest told it is sold out', async () => {
  const batchId = await openBatch();
  const storm = shoppers.slice(0, 200);
  expect(storm).toHaveLength(200);
  const answers = await Promise.all(storm.map((s) => orderAs(s.openid, batchId, [{ itemId: 'i1', qty: 1 }])));
  const sold = answers.filter((a) => a.code === 0);
  const refused = answers.filter((a) => a.code !== 0);
  expect(sold).toHaveLength(50);
  expect(refused.every((a) => a.code === 'RESOURCE_EXHAUSTED' && a.message === '青菜已售罄')).toBe(true);
  expect((await remainingOf(batchId)).i1).toBe(0);
  expect(countDocs(estate.cloud, 'group_orders', { batchId, state: 'placed' })).toBe(50);
  const [stored] = estate.cloud.db.find('group_batches', { _id: batchId }, { limit: 1 }).docs as {
    remaining: { i1: number };
  }[];
  expect(stored.remaining.i1).toBe(0);
});

test('the same request submitted 5 times at once makes one order and takes stock once', async () => {
  const batchId = await openBatch();
  const shopper = shoppers[0];
  const id = requestId();
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => orderAs(shopper.openid, batchId, [{ itemId: 'i2', qty: 2 }], { id })),
  );
  expect(answers.every((a) => a.code === 0)).toBe(true);
  expect(new Set(answers.map((a) => a.data.id)).size).toBe(1);
  expect(countDocs(estate.cloud, 'group_orders', { batchId })).toBe(1);
  expect((await remainingOf(batchId)).i2).toBe(98);
});

test('the per-household limit holds, also when two members of a household order at once', async () => {
  const batchId = await openBatch();
  const overLimit = await orderAs(shoppers[1].openid, batchId, [{ itemId: 'i1', qty: 4 }]);
  expect(overLimit).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'lines.i1', message: '青菜每户限购 3斤' });
  const households = estate.cloud.db.find(
    'residents',
    { enclosureId: ENCLOSURE, openid: { $exists: true }, verifiedAt: { $exists: true } },
    { limit: 10_000 },
  ).docs as { openid: string; householdId: string }[];
  const byHousehold = new Map<string, string[]>();
  for (const r of households) byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r.openid]);
  const [a, b] = [...byHousehold.values()].find((members) => members.length >= 2)!;
  const answers = await Promise.all([
    orderAs(a, batchId, [{ itemId: 'i1', qty: 3 }]),
    orderAs(b, batchId, [{ itemId: 'i1', qty: 3 }]),
  ]);
  expect(answers.filter((x) => x.code === 0)).toHaveLength(1);
  expect(answers.find((x) => x.code !== 0)).toMatchObject({ code: 'CONFLICT' });
  expect((await remainingOf(batchId)).i1).toBe(47);
});

test('change and cancel before the cut-off move stock; after the cut-off orders are refused', async () => {
  const batchId = await openBatch();
  const shopper = shoppers[2];
  const placed = await orderAs(shopper.openid, batchId, [
    { itemId: 'i1', qty: 3 },
    { itemId: 'i3', qty: 1 },
  ]);
  expect(placed.data).toMatchObject({ totalFen: 3 * 350 + 4999, totalText: '¥60.49', canChange: true });
  const change = [
    { itemId: 'i1', qty: 1 },
    { itemId: 'i2', qty: 2 },
  ];
  const stale = await orderAs(shopper.openid, batchId, change);
  expect(stale).toMatchObject({ code: 'CONFLICT', message: '家人刚刚修改了本户的订单，请查看后再改' });
  const changed = await orderAs(shopper.openid, batchId, change, { baseVersion: placed.data.version });
  expect(changed.data.totalFen).toBe(350 + 2 * 1290);
  expect(await remainingOf(batchId)).toEqual({ i1: 49, i2: 98, i3: 20 });
  const cancelled = await estate.call('groupbuy', shopper.openid, {
    action: 'cancel',
    batchId,
    requestId: requestId(),
  });
  expect(cancelled.data.state).toBe('cancelled');
  expect(await remainingOf(batchId)).toEqual({ i1: 50, i2: 100, i3: 20 });
  const lastRequest = requestId();
  const again = await orderAs(shopper.openid, batchId, [{ itemId: 'i1', qty: 2 }], {
    id: lastRequest,
    baseVersion: cancelled.data.version,
  });
  expect(again.data.state).toBe('placed');

  estate.cloud.clockOffsetMs = 6 * HOUR + 60_000;
  const retried = await orderAs(shopper.openid, batchId, [{ itemId: 'i1', qty: 2 }], {
    id: lastRequest, // the phone never heard the answer and sends it again after the cut-off
    baseVersion: cancelled.data.version,
  });
  expect(retried).toMatchObject({ code: 0, data: { id: again.data.id, state: 'placed', canChange: false } });
  const late = await orderAs(shoppers[3].openid, batchId, [{ itemId: 'i1', qty: 1 }]);
  expect(late).toMatchObject({ code: 'FAILED_PRECONDITION', message: '已截单，不能再下单或修改' });
  const lateCancel = await estate.call('groupbuy', shopper.openid, {
    action: 'cancel',
    batchId,
    requestId: requestId(),
  });
  expect(lateCancel.code).toBe('FAILED_PRECONDITION');
  expect(await remainingOf(batchId)).toEqual({ i1: 48, i2: 100, i3: 20 });
});

test('totals are exact to the fen and the pick list sums equal the order sums', async () => {
  const batchId = await openBatch();
  const orders = await Promise.all(
    shoppers
      .slice(10, 40)
      .map((s, i) =>
        orderAs(s.openid, batchId, [
          { itemId: 'i1', qty: 1 + (i % 2) },
          { itemId: 'i2', qty: 1 + (i % 3 === 0 ? 1 : 0) },
          ...(i % 4 === 0 ? [{ itemId: 'i3', qty: 1 }] : []),
        ]),
      ),
  );
  expect(orders.every((o) => o.code === 0)).toBe(true);
  for (const o of orders)
    expect(o.data.totalFen).toBe(
      o.data.lines.reduce((sum: number, l: { qty: number; priceFen: number }) => sum + l.qty * l.priceFen, 0),
    );
  const early = await estate.call('groupbuy', ORGANISER, { action: 'pickList', batchId });
  expect(early.code).toBe('FAILED_PRECONDITION');
  expect((await estate.call('groupbuy', ORGANISER, { action: 'close', batchId })).data.phase).toBe('locked');
  const list = await estate.call('groupbuy', ORGANISER, { action: 'pickList', batchId });
  const orderSum = orders.reduce((sum, o) => sum + o.data.totalFen, 0);
  expect(list.data).toMatchObject({ orderCount: 30, totalFen: orderSum });
  const qtyOf = (itemId: string) =>
    orders.reduce((sum, o) => sum + (o.data.lines.find((l: { itemId: string }) => l.itemId === itemId)?.qty ?? 0), 0);
  expect(list.data.itemTotals.map((t: { itemId: string; qty: number }) => [t.itemId, t.qty])).toEqual([
    ['i1', qtyOf('i1')],
    ['i2', qtyOf('i2')],
    ['i3', qtyOf('i3')],
  ]);
  const doors = list.data.buildings.flatMap((b: { doors: { totalFen: number; label: string }[] }) => b.doors);
  expect(doors).toHaveLength(30);
  expect(list.data.buildings.reduce((s: number, b: { totalFen: number }) => s + b.totalFen, 0)).toBe(orderSum);
  expect(doors[0].label).toMatch(/^\d+栋\d单元\d+室 \S*\*\S*：/);
  const fullNames = shoppers
    .slice(10, 40)
    .map(
      (s) => (estate.cloud.db.find('residents', { _id: s.residentId }, { limit: 1 }).docs[0] as { name: string }).name,
    );
  for (const door of doors) for (const name of fullNames) expect(door.label).not.toContain(name);
  expect(doors.some((d: { label: string }) => /[\u4e00-\u9fa5]{2,}：/.test(d.label.split(' ')[1] ?? ''))).toBe(false);
});

test('someone who registers into a household is not shown or allowed its orders until verified', async () => {
  const batchId = await openBatch();
  const head = shoppers[5];
  const placed = await orderAs(head.openid, batchId, [{ itemId: 'i1', qty: 1 }]);
  expect(placed.code).toBe(0);
  const [home] = estate.cloud.db.find('households', { _id: head.householdId }, { limit: 1 }).docs as {
    buildingId: string;
    unit: number;
    room: string;
  }[];
  const joined = await estate.call('residents', 'o-joins-household', {
    action: 'register',
    requestId: requestId(),
    name: '冒名者',
    idNumber: validIdNumber('o-joins-household'),
    phone: '13900001111',
    enclosureId: ENCLOSURE,
    buildingId: home.buildingId,
    unit: home.unit,
    room: home.room,
  });
  expect(joined.code).toBe(0);
  const seen = await estate.call('groupbuy', 'o-joins-household', { action: 'batch', batchId });
  expect(seen.data.myOrder).toBeNull();
  const cancel = await estate.call('groupbuy', 'o-joins-household', {
    action: 'cancel',
    batchId,
    requestId: requestId(),
  });
  expect(cancel).toMatchObject({ code: 'PERMISSION_DENIED', message: '户主确认或网格员核实后才能为本户操作' });
  expect((await remainingOf(batchId)).i1).toBe(49);
});

test('orders racing a cancelled batch end cancelled, none left standing', async () => {
  const batchId = await openBatch();
  const racers = shoppers.slice(40, 100);
  const [answers] = await Promise.all([
    Promise.all(racers.map((s) => orderAs(s.openid, batchId, [{ itemId: 'i2', qty: 1 }]))),
    new Promise((r) => setTimeout(r, 30)).then(() =>
      estate.call('groupbuy', ORGANISER, { action: 'cancelBatch', batchId, reason: '供应商无法供货' }),
    ),
  ]);
  expect(answers.some((a) => a.code === 0)).toBe(true);
  expect(countDocs(estate.cloud, 'group_orders', { batchId, state: 'placed' })).toBe(0);
  const retry = await estate.call('groupbuy', ORGANISER, { action: 'cancelBatch', batchId, reason: '供应商无法供货' });
  expect(retry.data.cancelledOrders).toBe(0);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'cancel_group_batch', batchId })).toBe(1);
});
