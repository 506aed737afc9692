/** After the cut-off: contactless delivery to isolated households, pickup, receipt, complaints, organisers. */
import { demoBatch } from '../../demo/batch';
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
const HOUR = 3600_000;

/** The demo's Wuhan returnee (red, isolated at home), a green neighbour, and their enclosure's people. */
let red: { openid: string; residentId: string };
let green: { openid: string; residentId: string };
let enclosureId: string;
let worker: string;
let volunteer: string;

beforeAll(async () => {
  estate = await startEstate();
  red = estate.demo.examples.wuhan_returnee;
  const find = (collection: string, query: Record<string, unknown>) =>
    estate.cloud.db.find(collection, query, { limit: 1000 }).docs as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  enclosureId = find('residents', { _id: red.residentId })[0].enclosureId;
  const greenStatus = find('statuses', { enclosureId, colour: 'green' }).find(
    (s) => find('residents', { _id: s.residentId })[0].openid,
  )!;
  green = { residentId: greenStatus.residentId, openid: find('residents', { _id: greenStatus.residentId })[0].openid };
  worker = find('users', { enclosureId, roles: 'grid_worker' })[0]._id;
  volunteer = find('users', { enclosureId, roles: 'volunteer' })[0]._id;
});
afterAll(() => estate.cloud.stop());

async function lockedBatchWithOrders(): Promise<{ batchId: string; redOrder: string; greenOrder: string }> {
  const cutoff = Date.now() + estate.cloud.clockOffsetMs + HOUR;
  const created = await estate.call(
    'groupbuy',
    worker,
    demoBatch(cutoff, requestId(), {
      title: '水果拼团',
      items: [{ name: '苹果', unit: '袋', priceFen: 1999, stock: 30, limit: 2 }],
    }),
  );
  const batchId = created.data.batchId;
  const order = (openid: string) =>
    estate.call('groupbuy', openid, {
      action: 'order',
      batchId,
      requestId: requestId(),
      baseVersion: 0,
      lines: [{ itemId: 'i1', qty: 1 }],
    });
  const [r, g] = await Promise.all([order(red.openid), order(green.openid)]);
  expect([r.code, g.code]).toEqual([0, 0]);
  await estate.call('groupbuy', worker, { action: 'close', batchId });
  return { batchId, redOrder: r.data.id, greenOrder: g.data.id };
}

test('an isolated household is delivered contactless by a volunteer; others collect at the pickup point', async () => {
  const { batchId, redOrder, greenOrder } = await lockedBatchWithOrders();
  expect((await estate.call('groupbuy', worker, { action: 'arrived', batchId })).code).toBe('FAILED_PRECONDITION');
  const list = await estate.call('groupbuy', worker, { action: 'pickList', batchId });
  const doors = list.data.buildings.flatMap((b: { doors: unknown[] }) => b.doors);
  expect(doors.find((d: { orderId: string }) => d.orderId === redOrder)).toMatchObject({
    contactless: true,
    volunteerName: expect.stringMatching(/^志愿者/),
    label: expect.stringMatching(/^【无接触配送】/),
  });
  expect(doors.find((d: { orderId: string }) => d.orderId === greenOrder).contactless).toBe(false);
  expect(list.data).toMatchObject({ contactlessCount: 1, unassigned: 0 });

  const tasks = await estate.call('groupbuy', volunteer, { action: 'deliveries' });
  expect(tasks.data.map((t: { orderId: string }) => t.orderId)).toEqual([redOrder]);
  expect(tasks.data[0].maskedName).toContain('*');
  expect(tasks.data[0].contents).toBe('苹果×1袋');
  // 拨打 for the bag at their door: this volunteer, until it is delivered, each reveal audited.
  const dial = (openid: string) =>
    estate.call('quarantine', openid, { action: 'callResident', residentId: tasks.data[0].residentId });
  const reveals = () =>
    estate.cloud.db.count('audit_logs', { action: 'reveal_phone', note: '志愿者拨打电话（团购配送）' }).total;
  expect((await dial(volunteer)).data.phone).toMatch(/^1\d{10}$/);
  expect(reveals()).toBe(1);
  expect((await dial('demo-volunteer-x')).code).toBe('PERMISSION_DENIED');

  expect((await estate.call('groupbuy', worker, { action: 'arrived', batchId })).data.ready).toBe(1);
  expect((await estate.call('groupbuy', green.openid, { action: 'confirm', orderId: greenOrder })).data.delivery).toBe(
    'received',
  );
  expect((await estate.call('groupbuy', red.openid, { action: 'confirm', orderId: redOrder })).code).toBe(
    'FAILED_PRECONDITION',
  );
  expect((await estate.call('groupbuy', 'demo-volunteer-x', { action: 'delivered', orderId: redOrder })).code).toBe(
    'PERMISSION_DENIED',
  );
  expect((await estate.call('groupbuy', volunteer, { action: 'delivered', orderId: redOrder })).code).toBe(0);
  expect((await estate.call('groupbuy', volunteer, { action: 'deliveries' })).data).toEqual([]);
  expect((await dial(volunteer)).code).toBe('PERMISSION_DENIED'); // delivered: no more reason to call
  const mine = await estate.call('groupbuy', red.openid, { action: 'myOrders' });
  expect(mine.data[0]).toMatchObject({ id: redOrder, delivery: 'delivered', contactless: true });
  expect(mine.data[0].deliveryStateText).toBe('志愿者已送到门口');
});

test('before the cut-off an isolated household is told volunteers bring its order; a green one collects', async () => {
  const cutoff = Date.now() + estate.cloud.clockOffsetMs + HOUR;
  const created = await estate.call('groupbuy', worker, demoBatch(cutoff, requestId(), { title: '豆腐拼团' }));
  const batchId = created.data.batchId;
  const lines = [{ itemId: 'i1', qty: 1 }];
  const placed = await estate.call('groupbuy', red.openid, {
    action: 'order',
    batchId,
    requestId: requestId(),
    baseVersion: 0,
    lines,
  });
  expect(placed.code).toBe(0);
  const seen = await estate.call('groupbuy', red.openid, { action: 'batch', batchId });
  expect(seen.data).toMatchObject({ phase: 'open', doorDelivery: true, myOrder: { contactless: true } });
  const mine = await estate.call('groupbuy', red.openid, { action: 'myOrders' });
  expect(mine.data.find((o: { batchId: string }) => o.batchId === batchId).contactless).toBe(true);
  expect((await estate.call('groupbuy', red.openid, { action: 'batches' })).data.doorDelivery).toBe(true);

  expect((await estate.call('groupbuy', green.openid, { action: 'batch', batchId })).data.doorDelivery).toBe(false);
  expect((await estate.call('groupbuy', green.openid, { action: 'batches' })).data.doorDelivery).toBe(false);
});

test('a volunteer’s delivery names who ordered, with their masked number; moved elsewhere, they see it no more', async () => {
  const { batchId, redOrder } = await lockedBatchWithOrders();
  await estate.call('groupbuy', worker, { action: 'pickList', batchId });
  const tasks = await estate.call('groupbuy', volunteer, { action: 'deliveries' });
  const task = tasks.data.find((t: { orderId: string }) => t.orderId === redOrder);
  const masked = estate.cloud.db.find('residents', { _id: red.residentId }, { limit: 1 }).docs[0].phoneMasked;
  expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  expect(task).toMatchObject({ residentId: red.residentId, phoneMasked: masked });
  // Lists never carry a full number: 拨打 asks quarantine.callResident, which audits it.
  expect(JSON.stringify(tasks.data)).not.toMatch(/1[3-9]\d{9}/);

  const other = estate.cloud.db.find('enclosures', { _id: { $ne: enclosureId } }, { limit: 1 }).docs[0]._id;
  const move = (to: unknown) =>
    estate.cloud.db.modify(
      'users',
      { _id: volunteer },
      { enclosureId: to },
      { multi: false, merge: true, upsert: false, byId: true },
    );
  move(other);
  try {
    const elsewhere = await estate.call('groupbuy', volunteer, { action: 'deliveries' });
    expect(elsewhere.data.map((t: { orderId: string }) => t.orderId)).not.toContain(redOrder);
  } finally {
    move(enclosureId);
  }
});

test('a resident complains once; the organiser sees it and answers; nobody else can', async () => {
  const { batchId, greenOrder } = await lockedBatchWithOrders();
  const bad = await estate.call('groupbuy', green.openid, {
    action: 'complain',
    orderId: greenOrder,
    reason: 'rotten',
  });
  expect(bad.code).toBe('INVALID_ARGUMENT');
  expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['reason', 'detail']);
  const complaint = {
    action: 'complain',
    orderId: greenOrder,
    reason: 'short',
    detail: '苹果少了两个',
    photoFileId: 'cloud://env-1/complaints/a.jpg',
  };
  const foreignFile = await estate.call('groupbuy', green.openid, {
    ...complaint,
    photoFileId: 'cloud://env-1/exports/gate-logs.csv',
  });
  expect(foreignFile).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'photoFileId' });
  const filed = await estate.call('groupbuy', green.openid, complaint);
  expect(filed.data).toMatchObject({ reasonText: '缺斤少两', answer: null, photoFileId: complaint.photoFileId });
  expect((await estate.call('groupbuy', green.openid, complaint)).data.at).toBe(filed.data.at);
  expect((await estate.call('groupbuy', red.openid, complaint)).code).toBe('PERMISSION_DENIED');

  const seen = await estate.call('groupbuy', worker, { action: 'complaints', batchId });
  expect(seen.data).toEqual([expect.objectContaining({ orderId: greenOrder, detail: '苹果少了两个' })]);
  expect((await estate.call('groupbuy', green.openid, { action: 'complaints', batchId })).code).toBe(
    'PERMISSION_DENIED',
  );
  const answered = await estate.call('groupbuy', worker, {
    action: 'answer',
    orderId: greenOrder,
    answer: '已联系供应商补发',
  });
  expect(answered.data.answer).toBe('已联系供应商补发');
  const mine = await estate.call('groupbuy', green.openid, { action: 'myOrders' });
  expect(mine.data.find((o: { id: string }) => o.id === greenOrder).complaint.answer).toBe('已联系供应商补发');
});

test('a grid worker appoints a resident as organiser, who then opens and cancels a batch', async () => {
  const before = await estate.call('groupbuy', green.openid, { action: 'batches' });
  expect(before.data.canOrganise).toBe(false);
  const outsider = estate.cloud.db.find(
    'users',
    { roles: 'grid_worker', enclosureId: { $ne: enclosureId } },
    { limit: 1 },
  ).docs[0]._id as string;
  expect((await estate.call('groupbuy', outsider, { action: 'appoint', residentId: green.residentId })).code).toBe(
    'PERMISSION_DENIED',
  );
  // The grid worker responsible for the resident's building appoints them.
  const workers = estate.cloud.db.find('users', { roles: 'grid_worker', enclosureId }, { limit: 10 }).docs;
  const answers = await Promise.all(
    workers.map((w) => estate.call('groupbuy', w._id as string, { action: 'appoint', residentId: green.residentId })),
  );
  expect(answers.filter((a) => a.code === 0)).toHaveLength(1);
  const responsible = workers[answers.findIndex((a) => a.code === 0)]._id as string;
  const retry = await estate.call('groupbuy', responsible, { action: 'appoint', residentId: green.residentId });
  expect(retry.code).toBe(0);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'appoint_organiser', residentId: green.residentId })).toBe(1);
  expect((await estate.call('groupbuy', green.openid, { action: 'batches' })).data.canOrganise).toBe(true);

  const created = await estate.call(
    'groupbuy',
    green.openid,
    demoBatch(Date.now() + HOUR, requestId(), {
      title: '牛奶团',
      items: [{ name: '纯牛奶', unit: '箱', priceFen: 5500, stock: 10, limit: 1 }],
      // a 统一社会信用代码 rather than a food licence number
      supplier: { name: '光明乳业深圳分公司', licence: '91440300MA5F8XYW1K', contact: '13800138000' },
    }),
  );
  const batchId = created.data.batchId;
  await estate.call('groupbuy', red.openid, {
    action: 'order',
    batchId,
    requestId: requestId(),
    baseVersion: 0,
    lines: [{ itemId: 'i1', qty: 1 }],
  });
  const audits = countDocs(estate.cloud, 'audit_logs');
  const cancelled = await estate.call('groupbuy', green.openid, {
    action: 'cancelBatch',
    batchId,
    reason: '供应商缺货',
  });
  expect(cancelled.data).toMatchObject({ phase: 'cancelled', cancelledOrders: 1 });
  expect(countDocs(estate.cloud, 'audit_logs')).toBe(audits + 1);
  const detail = await estate.call('groupbuy', red.openid, { action: 'batch', batchId });
  expect(detail.data).toMatchObject({
    phase: 'cancelled',
    cancelReason: '供应商缺货',
    myOrder: { state: 'cancelled' },
  });
  const mine = await estate.call('groupbuy', red.openid, { action: 'myOrders' });
  expect(mine.data.find((o: { batchId: string }) => o.batchId === batchId)).toMatchObject({
    state: 'cancelled',
    deliveryStateText: '已取消',
    cancelReason: '供应商缺货',
  });
});

test('a household that turns red after the pick list is not told to come out: its bag goes to the door', async () => {
  const { batchId, greenOrder } = await lockedBatchWithOrders();
  await estate.call('groupbuy', worker, { action: 'pickList', batchId });
  const fever = await estate.call('residents', green.openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 38.4,
    symptoms: [],
    trips: [],
  });
  expect(fever.data.status.colour).toBe('red');
  const arrived = await estate.call('groupbuy', worker, { action: 'arrived', batchId });
  expect(arrived.data.ready).toBe(0);
  const mine = await estate.call('groupbuy', green.openid, { action: 'myOrders' });
  expect(mine.data.find((o: { id: string }) => o.id === greenOrder)).toMatchObject({
    delivery: 'pending',
    contactless: true,
  });
  const tasks = await estate.call('groupbuy', volunteer, { action: 'deliveries' });
  expect(tasks.data.map((t: { orderId: string }) => t.orderId)).toContain(greenOrder);
});
