/**
 * A unit isolation is in the history of every resident it isolated (申诉与记录), once: a retried
 * order (same request id) writes no second record; the same request id for another unit is refused.
 */
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
const WORKER = 'demo-grid-11';
const BUILDING = 'enc-chunhua-b05';

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const unitResidents = (unit: number) =>
  estate.cloud.db.find('residents', { buildingId: BUILDING, unit }, { limit: 1000 }).docs as {
    _id: string;
    openid?: string;
    householdId: string;
  }[];

test('every isolated resident sees the unit order in their own history, and a retry writes nothing twice', async () => {
  const order = {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: BUILDING,
    unit: 1,
    reason: '5栋1单元出现确诊病例',
  };
  const first = await estate.call('quarantine', WORKER, order);
  const inUnit = unitResidents(1);
  expect(first).toMatchObject({ code: 0, data: { isolated: inUnit.length } });
  const audits = () => countDocs(estate.cloud, 'audit_logs', { action: 'isolate_unit' });
  const written = audits();
  // One record for each resident (members without a phone too), plus one for the order itself.
  for (const r of inUnit)
    expect(countDocs(estate.cloud, 'audit_logs', { action: 'isolate_unit', residentId: r._id })).toBe(1);
  expect(written).toBe(inUnit.length + 1);

  const withPhone = inUnit.find((r) => r.openid)!;
  const history = await estate.call('residents', withPhone.openid!, { action: 'history' });
  expect(history.data.changes).toContainEqual(
    expect.objectContaining({
      action: 'isolate_unit',
      why: '5栋1单元出现确诊病例',
      after: expect.objectContaining({ colour: 'red', unit: 1, days: 14, orderId: first.data.orderId }),
    }),
  );

  // The same request again (a lost answer, a double tap): the same order, no new record.
  const retry = await estate.call('quarantine', WORKER, order);
  expect(retry).toMatchObject({ code: 0, data: { orderId: first.data.orderId, plannedEnd: first.data.plannedEnd } });
  expect(audits()).toBe(written);
  expect(countDocs(estate.cloud, 'unit_orders', { buildingId: BUILDING })).toBe(1);

  // The same request id cannot be reused for another unit.
  expect(await estate.call('quarantine', WORKER, { ...order, unit: 2 })).toMatchObject({ code: 'CONFLICT' });
  expect(audits()).toBe(written);
  for (const r of unitResidents(2))
    expect(countDocs(estate.cloud, 'audit_logs', { action: 'isolate_unit', residentId: r._id })).toBe(0);
  expect(estate.cloud.meter.unindexed).toEqual({});
});

test('a household head sees the order in the history of a member without a phone', async () => {
  const member = unitResidents(1).find((r) => !r.openid)!;
  expect(member).toBeDefined(); // the demo seeds children and elders without phones
  const household = estate.cloud.db.find('households', { _id: member.householdId }, { limit: 1 }).docs[0];
  const head = estate.cloud.db.find('residents', { _id: household.headResidentId }, { limit: 1 }).docs[0];
  const history = await estate.call('residents', head.openid as string, { action: 'history', residentId: member._id });
  expect(history.data.changes).toContainEqual(
    expect.objectContaining({ action: 'isolate_unit', why: '5栋1单元出现确诊病例' }),
  );
});
