/** Care for isolated households: a volunteer contact, requests, and the volunteer's task list. */
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
let resident: { _id: string; openid: string; householdId: string };

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

test('the volunteer is named once, as 志愿者何磊, whether or not their name already says 志愿者', async () => {
  const demoNamed = await estate.call('care', resident.openid, { action: 'contact' });
  expect(demoNamed.data.volunteerName).toMatch(/^志愿者(?!志愿者)/); // the demo's names say 志愿者 already
  const modify = (volunteerName: string) =>
    estate.cloud.db.modify(
      'care_assignments',
      { _id: resident.householdId },
      { volunteerName },
      { multi: false, merge: true, upsert: false, byId: true },
    );
  modify('何磊'); // as an admin may have typed it when inviting
  const asked = await estate.call('care', resident.openid, { action: 'request', requestId: requestId(), kind: 'meal' });
  expect(asked.data.volunteerName).toBe('志愿者何磊');
  expect((await estate.call('care', resident.openid, { action: 'contact' })).data.volunteerName).toBe('志愿者何磊');
  modify(demoNamed.data.volunteerName);
  await estate.call('care', 'demo-volunteer-1', { action: 'accept', id: asked.data.requestId });
  await estate.call('care', 'demo-volunteer-1', { action: 'complete', id: asked.data.requestId });
});

test('a task shows who asked with their number masked; only its volunteer may dial them, each reveal audited', async () => {
  const asked = await estate.call('care', resident.openid, {
    action: 'request',
    requestId: requestId(),
    kind: 'medicine',
    note: '布洛芬一盒',
  });
  const tasks = await estate.call('care', 'demo-volunteer-1', { action: 'tasks' });
  const task = tasks.data.find((t: { id: string }) => t.id === asked.data.requestId);
  expect(task).toMatchObject({ residentId: resident._id, note: '布洛芬一盒' });
  expect(task.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  const dial = (openid: string, residentId: string) =>
    estate.call('quarantine', openid, { action: 'callResident', residentId });
  const called = await dial('demo-volunteer-1', resident._id);
  expect(called).toMatchObject({ code: 0, data: { phone: expect.stringMatching(/^1\d{10}$/) } });
  expect(`${called.data.phone.slice(0, 3)}****${called.data.phone.slice(-4)}`).toBe(task.phoneMasked);
  const reveals = () =>
    estate.cloud.db.find('audit_logs', { action: 'reveal_phone', residentId: resident._id }, { limit: 10 }).docs;
  expect(reveals()).toEqual([
    expect.objectContaining({ actor: 'demo-volunteer-1', note: '志愿者拨打电话（关爱服务）' }),
  ]);
  // Not another volunteer, nor a neighbour who did not ask, nor once the task is done.
  expect(await dial('demo-volunteer-2', resident._id)).toMatchObject({ code: 'PERMISSION_DENIED' });
  const neighbour = estate.cloud.db
    .find('residents', { buildingId: 'enc-chunhua-b12', unit: 2 }, { limit: 1000 })
    .docs.find((r) => r.householdId !== resident.householdId)!;
  expect(await dial('demo-volunteer-1', neighbour._id as string)).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '仅可联系向您求助的住户',
  });
  await estate.call('care', 'demo-volunteer-1', { action: 'accept', id: asked.data.requestId });
  await estate.call('care', 'demo-volunteer-1', { action: 'complete', id: asked.data.requestId });
  expect(await dial('demo-volunteer-1', resident._id)).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(reveals()).toHaveLength(1);
});

test('households not in isolation and people who are not volunteers are refused', async () => {
  const free = estate.demo.examples.green.openid;
  expect(await estate.call('care', free, { action: 'request', requestId: requestId(), kind: 'meal' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '关爱服务面向居家隔离住户和关爱对象',
  });
  expect(await estate.call('care', resident.openid, { action: 'tasks' })).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(
    await estate.call('care', resident.openid, { action: 'request', requestId: requestId(), kind: 'pizza' }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'kind' });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
