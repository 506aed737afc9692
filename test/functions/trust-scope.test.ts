/**
 * Where staff live is not where they work: a grid worker of 春华苑 who registers as a resident
 * at a flat in 立新村 gains nothing over 立新村's group orders, and keeps managing 春华苑's.
 */
import { demoBatch } from '../../demo/batch';
import { Estate, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
const CHUNHUA_WORKER = 'demo-grid-11';
const LIXIN_WORKER = 'demo-grid-21';
const HOUR = 3600_000;
let lixinBatch: string;
let chunhuaBatch: string;

beforeAll(async () => {
  estate = await startEstate();
  const open = async (worker: string) => {
    const res = await estate.call('groupbuy', worker, demoBatch(Date.now() + 6 * HOUR, requestId()));
    expect(res.code).toBe(0);
    return res.data.batchId as string;
  };
  lixinBatch = await open(LIXIN_WORKER);
  chunhuaBatch = await open(CHUNHUA_WORKER);
  const home = await estate.call('residents', CHUNHUA_WORKER, {
    action: 'register',
    requestId: requestId(),
    name: '网格员回家',
    idNumber: validIdNumber(CHUNHUA_WORKER),
    phone: '13700001111',
    enclosureId: 'enc-lixin',
    buildingId: 'enc-lixin-b02',
    unit: 1,
    room: '203',
  });
  expect(home.code).toBe(0);
});
afterAll(() => estate.cloud.stop());

test.each([
  ['close', {}],
  ['pickList', {}],
  ['cancelBatch', { reason: '我来取消' }],
])("the worker living in 立新村 cannot %s 立新村's batch", async (action, extra) => {
  const res = await estate.call('groupbuy', CHUNHUA_WORKER, { action, batchId: lixinBatch, ...extra });
  expect(res.code).toBe('PERMISSION_DENIED');
  const batch = estate.cloud.db.find('group_batches', { _id: lixinBatch }, { limit: 1 }).docs[0] as { state: string };
  expect(batch.state).toBe('open');
});

test('they still see their home batch as a resident, and still manage the batch of 春华苑', async () => {
  const seen = await estate.call('groupbuy', CHUNHUA_WORKER, { action: 'batch', batchId: lixinBatch });
  expect(seen).toMatchObject({ code: 0, data: { canManage: false } });
  const work = await estate.call('groupbuy', CHUNHUA_WORKER, { action: 'batch', batchId: chunhuaBatch });
  expect(work).toMatchObject({ code: 0, data: { canManage: true } });
  const me = await estate.call('account', CHUNHUA_WORKER, { action: 'me' });
  expect(me.data).toMatchObject({ enclosureId: 'enc-chunhua', roles: expect.arrayContaining(['grid_worker']) });
});

test('an order naming an item by an object is refused by field, not INTERNAL', async () => {
  const head = estate.cloud.db.find(
    'residents',
    { enclosureId: 'enc-chunhua', relation: 'head', openid: { $exists: true } },
    { limit: 1 },
  ).docs[0] as { openid: string };
  const res = await estate.call('groupbuy', head.openid, {
    action: 'order',
    batchId: chunhuaBatch,
    requestId: requestId(),
    baseVersion: 0,
    lines: [{ itemId: { toString: 'i1' }, qty: 1 }],
  });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'lines.0.itemId' });
  expect(estate.cloud.db.count('group_orders', { batchId: chunhuaBatch }).total).toBe(0);
});
