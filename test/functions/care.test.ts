/** Care for isolated households: a volunteer contact, requests, and the volunteer's task list. */
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
let resident: { _id: string; openid: string };

beforeAll(async () => {
  estate = await startEstate();
  await estate.call('quarantine', 'demo-grid-12', {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b12',
    unit: 2,
    reason: '确诊病例密接单元',
  });
  resident = estate.cloud.db
    .find('residents', { buildingId: 'enc-chunhua-b12', unit: 2 }, { limit: 1000 })
    .docs.find((r) => r.openid) as typeof resident;
});
afterAll(() => estate.cloud.stop());

test('an isolated household asks for supplies; its volunteer sees, accepts and completes the task', async () => {
  const contact = await estate.call('care', resident.openid, { action: 'contact' });
  expect(contact).toMatchObject({ code: 0, data: { volunteerName: expect.stringMatching(/^志愿者/) } });
  const id = requestId();
  const asked = await estate.call('care', resident.openid, {
    action: 'request',
    requestId: id,
    kind: 'supplies',
    note: '大米一袋',
  });
  const again = await estate.call('care', resident.openid, {
    action: 'request',
    requestId: id,
    kind: 'supplies',
    note: '大米一袋',
  });
  expect(again.data.requestId).toBe(asked.data.requestId);
  const tasks = await estate.call('care', 'demo-volunteer-1', { action: 'tasks' });
  expect(tasks.data).toEqual([
    expect.objectContaining({
      id: asked.data.requestId,
      kind: '代购生活物资',
      note: '大米一袋',
      state: 'open',
      address: expect.stringMatching(/^12栋2单元/),
    }),
  ]);
  expect(tasks.data[0].maskedName).toContain('*');
  expect((await estate.call('care', 'demo-volunteer-1', { action: 'complete', id: asked.data.requestId })).code).toBe(
    'FAILED_PRECONDITION',
  );
  expect(
    (await estate.call('care', 'demo-volunteer-1', { action: 'accept', id: asked.data.requestId })).data.state,
  ).toBe('accepted');
  expect((await estate.call('care', 'demo-volunteer-2', { action: 'complete', id: asked.data.requestId })).code).toBe(
    'FAILED_PRECONDITION',
  );
  expect(
    (await estate.call('care', 'demo-volunteer-1', { action: 'complete', id: asked.data.requestId })).data.state,
  ).toBe('done');
  expect((await estate.call('care', 'demo-volunteer-1', { action: 'tasks' })).data).toEqual([]);
});

test('households not in isolation and people who are not volunteers are refused', async () => {
  const free = estate.demo.examples.green.openid;
  expect(await estate.call('care', free, { action: 'request', requestId: requestId(), kind: 'meal' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '关爱服务面向居家隔离住户',
  });
  expect(await estate.call('care', resident.openid, { action: 'tasks' })).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(
    await estate.call('care', resident.openid, { action: 'request', requestId: requestId(), kind: 'pizza' }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'kind' });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
