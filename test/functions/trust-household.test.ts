/**
 * Acting for others, tried as a stranger would: someone registers at a neighbour's flat and tries
 * to take their pass, declare a fever for them, read or appeal their history, check in for them or
 * ask for care. Only the verified head acts for the dependants without WeChat; nobody else.
 */
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
type Doc = Record<string, unknown> & { _id: string };
const find = (collection: string, query: Record<string, unknown>) =>
  estate.cloud.db.find(collection, query, { limit: 1000 }).docs as Doc[];

/** A demo household with a head (WeChat), a member with WeChat and a dependant without. */
let household: { id: string; head: Doc; member: Doc; dependant: Doc };
let stranger: { openid: string; residentId: string };

beforeAll(async () => {
  estate = await startEstate();
  const candidates = find('households', { enclosureId: 'enc-chunhua' });
  for (const h of candidates) {
    const people = find('residents', { householdId: h._id });
    const head = people.find((p) => p._id === h.headResidentId);
    const member = people.find((p) => p._id !== h.headResidentId && p.openid);
    const dependant = people.find((p) => !p.openid);
    if (head?.openid && head.verifiedAt && member && dependant) {
      household = { id: h._id, head, member, dependant };
      break;
    }
  }
  expect(household).toBeDefined();
  const h = find('households', { _id: household.id })[0];
  const res = await estate.call('residents', 'o-stranger', {
    action: 'register',
    requestId: requestId(),
    name: '冒名者',
    idNumber: validIdNumber('o-stranger'),
    phone: '13900001111',
    enclosureId: h.enclosureId,
    buildingId: h.buildingId,
    unit: h.unit,
    room: h.room,
  });
  expect({ code: res.code, message: res.message }).toEqual({ code: 0, message: 'ok' });
  stranger = { openid: 'o-stranger', residentId: res.data.residentId };
});
afterAll(() => estate.cloud.stop());

const asStranger = (fn: string, event: object) => estate.call(fn, stranger.openid, event);

test('a newcomer at an occupied flat joins it pending and sees only themselves', async () => {
  const me = await asStranger('residents', { action: 'me' });
  expect(me.data).toMatchObject({ registered: true, isHead: false, pending: true });
  expect(me.data.members).toEqual([expect.objectContaining({ self: true, residentId: stranger.residentId })]);
});

test.each(['head', 'member', 'dependant'] as const)(
  'the pending newcomer gets no pass, declaration, history or appeal of the %s',
  async (who) => {
    const victim = household[who]._id;
    const declarationsBefore = countDocs(estate.cloud, 'declarations', { residentId: victim });
    const pass = await asStranger('residents', { action: 'pass', residentId: victim });
    expect(pass).toMatchObject({ code: 'PERMISSION_DENIED', data: null });
    const fever = await asStranger('residents', {
      action: 'report',
      requestId: requestId(),
      residentId: victim,
      temperature: 39.1,
      symptoms: ['cough'],
      trips: [],
    });
    expect(fever.code).toBe('PERMISSION_DENIED');
    expect(countDocs(estate.cloud, 'declarations', { residentId: victim })).toBe(declarationsBefore);
    expect((await asStranger('residents', { action: 'history', residentId: victim })).code).toBe('PERMISSION_DENIED');
    const appeal = await asStranger('residents', {
      action: 'appeal',
      requestId: requestId(),
      residentId: victim,
      reason: '我替他申诉一下',
    });
    expect(appeal.code).toBe('PERMISSION_DENIED');
    const checkin = await asStranger('quarantine', {
      action: 'checkin',
      residentId: victim,
      temperature: 39.5,
      symptoms: [],
    });
    expect(checkin.code).toBe('PERMISSION_DENIED');
  },
);

test('a residentId that is not a string is refused by field, never read as "myself"', async () => {
  const res = await asStranger('residents', { action: 'pass', residentId: { $ne: '' } });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'residentId' });
});

test('the pending newcomer may not ask for care or shop for the household', async () => {
  const care = await asStranger('care', { action: 'request', requestId: requestId(), kind: 'meal' });
  expect(care.code).toBe('PERMISSION_DENIED');
  const orders = await asStranger('groupbuy', { action: 'myOrders' });
  expect(orders).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('户主确认') });
});

test('the verified head acts for the dependant without WeChat, not for the member with WeChat', async () => {
  const head = household.head.openid as string;
  const dependantPass = await estate.call('residents', head, { action: 'pass', residentId: household.dependant._id });
  expect(dependantPass).toMatchObject({ code: 0, data: { residentId: household.dependant._id } });
  const memberPass = await estate.call('residents', head, { action: 'pass', residentId: household.member._id });
  expect(memberPass).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('本人') });
  const me = await estate.call('residents', head, { action: 'me' });
  const byId = new Map(me.data.members.map((m: { residentId: string }) => [m.residentId, m]));
  expect(byId.get(household.dependant._id)).toMatchObject({ actFor: true });
  expect(byId.get(household.member._id)).toMatchObject({ actFor: false });
  expect(byId.get(stranger.residentId)).toMatchObject({ pending: true, actFor: false });
});

test('a member with WeChat acts only for themselves, not for the dependant', async () => {
  const member = household.member.openid as string;
  const res = await estate.call('residents', member, { action: 'pass', residentId: household.dependant._id });
  expect(res.code).toBe('PERMISSION_DENIED');
  expect((await estate.call('residents', member, { action: 'pass' })).code).toBe(0);
});

test('an unverified head does not act for their dependants until a grid worker verifies them', async () => {
  const reg = await estate.call('residents', 'o-new-head', {
    action: 'register',
    requestId: requestId(),
    name: '孙新户',
    idNumber: validIdNumber('o-new-head'),
    phone: '13900002222',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 1,
    room: '303',
  });
  expect(reg.code).toBe(0);
  const child = await estate.call('residents', 'o-new-head', {
    action: 'addDependant',
    requestId: requestId(),
    name: '孙小宝',
    relation: 'child',
    birthYear: 2015,
  });
  expect(child.code).toBe(0);
  const before = await estate.call('residents', 'o-new-head', { action: 'pass', residentId: child.data.residentId });
  expect(before).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('核实') });
  const verified = await estate.call('residents', 'demo-grid-11', {
    action: 'verify',
    residentId: reg.data.residentId,
    note: '上门核实户主',
  });
  expect(verified.code).toBe(0);
  const after = await estate.call('residents', 'o-new-head', { action: 'pass', residentId: child.data.residentId });
  expect(after.code).toBe(0);
});

test('the head accepts the newcomer (audited once); they then see the household, still act only for themselves', async () => {
  const head = household.head.openid as string;
  const refused = await asStranger('residents', { action: 'acceptMember', residentId: stranger.residentId });
  expect(refused.code).toBe('PERMISSION_DENIED');
  const [a, b] = await Promise.all([
    estate.call('residents', head, { action: 'acceptMember', residentId: stranger.residentId }),
    estate.call('residents', head, { action: 'acceptMember', residentId: stranger.residentId }),
  ]);
  expect([a.code, b.code]).toEqual([0, 0]);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'accept_member', residentId: stranger.residentId })).toBe(1);
  const me = await asStranger('residents', { action: 'me' });
  expect(me.data.pending).toBe(false);
  expect(me.data.members.length).toBeGreaterThan(1);
  const pass = await asStranger('residents', { action: 'pass', residentId: household.dependant._id });
  expect(pass.code).toBe('PERMISSION_DENIED');
});
