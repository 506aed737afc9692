/**
 * 上门登记 through the local cloud: a grid worker registers a household at its door — a resident
 * and the elder living with them, one without a phone — verified at once and audited; the elder
 * can then be given a 爱心码, and the resident can later claim their record with their own WeChat.
 */
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const WORKER = 'demo-grid-11';
const BUILDING = 'enc-chunhua-b02'; // in grid 1
/** A room of the building nobody lives in (floor 1, room 09 onwards). */
function freeRoom(): string {
  const taken = new Set(
    estate.cloud.db
      .find('households', { buildingId: BUILDING }, { limit: 5000 })
      .docs.map((h) => `${h.unit}-${h.room}`),
  );
  for (let n = 9; n < 99; n++)
    if (!taken.has(`1-1${String(n).padStart(2, '0')}`)) return `1${String(n).padStart(2, '0')}`;
  throw new Error('no free room');
}

const household = (room: string, request = requestId()) => ({
  action: 'registerAtDoor',
  requestId: request,
  buildingId: BUILDING,
  unit: 1,
  room,
  place: 'door',
  consent: true,
  people: [
    {
      name: '孙建华',
      relation: 'head',
      birthYear: 1975,
      idNumber: validIdNumber(`door-${room}`),
      phone: '13800001234',
    },
    { name: '孙秀英', relation: 'elder', birthYear: 1941 },
  ],
});

test('a household registered at its door is verified at once, audited with who and where, and stored once', async () => {
  const room = freeRoom();
  const event = household(room);
  const res = await estate.call('residents', WORKER, event);
  expect(res.code).toBe(0);
  const [head, elder] = res.data.residents as { residentId: string; maskedName: string }[];
  expect([head.maskedName, elder.maskedName]).toEqual(['孙*华', '孙*英']);
  const stored = (id: string) => estate.cloud.db.find('residents', { _id: id }, { limit: 1 }).docs[0];
  expect(stored(head.residentId)).toMatchObject({ relation: 'head', verifiedBy: WORKER, room, unit: 1 });
  expect(stored(elder.residentId)).toMatchObject({ relation: 'elder', verifiedBy: WORKER });
  expect(stored(elder.residentId).openid).toBeUndefined();
  expect(stored(head.residentId).idHash).toBeDefined();
  expect(JSON.stringify(stored(head.residentId))).not.toContain(event.people[0].idNumber); // only hashed and masked
  const [home] = estate.cloud.db.find('households', { _id: `${BUILDING}-u1-${room}` }, { limit: 1 }).docs;
  expect(home).toMatchObject({ headResidentId: head.residentId, memberIds: [head.residentId, elder.residentId] });
  // Verified: no 待网格员核实 reason on either.
  for (const { residentId } of [head, elder]) {
    const status = estate.cloud.db.find('statuses', { _id: residentId }, { limit: 1 }).docs[0];
    expect(JSON.stringify(status.reasons)).not.toContain('核实');
  }
  const audit = estate.cloud.db.find(
    'audit_logs',
    { action: 'register_at_door', residentId: head.residentId },
    {
      limit: 5,
    },
  ).docs;
  expect(audit).toEqual([expect.objectContaining({ actor: WORKER, note: `上门登记 2栋1单元${room}室，住户已同意` })]);

  // Resent (the answer was lost): the same people, nobody twice.
  expect((await estate.call('residents', WORKER, event)).data).toEqual(res.data);
  expect(countDocs(estate.cloud, 'residents', { householdId: `${BUILDING}-u1-${room}` })).toBe(2);

  // The elder without a phone is offered a 爱心码.
  const holders = await estate.call('grid', WORKER, { action: 'cardHolders' });
  expect(holders.data.map((h: { residentId: string }) => h.residentId)).toContain(elder.residentId);

  // The resident, later with WeChat, claims their record with the details the worker took.
  const claimed = await estate.call('residents', 'door-head-wechat', {
    action: 'claim',
    requestId: requestId(),
    name: '孙建华',
    idNumber: event.people[0].idNumber,
    enclosureId: 'enc-chunhua',
    buildingId: BUILDING,
    unit: 1,
    room,
  });
  expect(claimed).toMatchObject({ code: 0, data: { residentId: head.residentId } });
});

test('without the resident’s consent, or outside the worker’s grid, nothing is written', async () => {
  const before = countDocs(estate.cloud, 'residents', {});
  const room = freeRoom();
  expect(await estate.call('residents', WORKER, { ...household(room), consent: false })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'consent',
    message: '请先告知登记用途并征得住户同意',
  });
  expect(await estate.call('residents', 'demo-grid-12', household(room))).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await estate.call('residents', estate.demo.examples.green.openid, household(room))).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(countDocs(estate.cloud, 'residents', {})).toBe(before);
});

test('an ID number already registered, or given twice, is refused at its field', async () => {
  const room = freeRoom();
  const first = household(room);
  expect((await estate.call('residents', WORKER, first)).code).toBe(0);
  const again = { ...household(freeRoom()), people: first.people };
  expect(await estate.call('residents', WORKER, again)).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
  const twice = household(freeRoom());
  twice.people[1] = { ...twice.people[1], idNumber: twice.people[0].idNumber } as (typeof twice.people)[1];
  expect(await estate.call('residents', WORKER, twice)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'people' });
});

test('registering more people at a flat already lived in adds each of them to its household', async () => {
  const room = freeRoom();
  const first = await estate.call('residents', WORKER, household(room));
  const [head, elder] = first.data.residents as { residentId: string }[];
  const later = await estate.call('residents', WORKER, {
    ...household(room),
    people: [{ name: '孙小明', relation: 'child', birthYear: 2015 }],
  });
  expect(later.code).toBe(0);
  const [child] = later.data.residents as { residentId: string }[];
  const [home] = estate.cloud.db.find('households', { _id: `${BUILDING}-u1-${room}` }, { limit: 1 }).docs;
  // Each id on its own, the head unchanged: the household page and the 爱心码 list read these.
  expect(home).toMatchObject({
    headResidentId: head.residentId,
    memberIds: [head.residentId, elder.residentId, child.residentId],
  });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
