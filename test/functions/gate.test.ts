/** The gate through the local cloud: verdicts from the server's current status, every scan logged. */
import { DEFAULT_RULES } from '../../core/rule-config';
import { keyOf } from '../../localcloud/src/store';
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;
const guardOf = (enclosureId: string) => (enclosureId === 'enc-chunhua' ? 'demo-grid-11' : 'demo-grid-21');
const gateOf = (enclosureId: string) => `${enclosureId}-gate-1`;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

let greensUsed = 0;
/** A green resident of a household nobody in these tests has used yet. */
function freshGreen(): { openid: string; residentId: string } {
  const used = new Set<unknown>();
  const greens = estate.cloud.db
    .find('statuses', { colour: 'green' }, { limit: 1000 })
    .docs.filter((s) => !used.has(s.householdId) && used.add(s.householdId));
  for (const status of greens.slice(1 + greensUsed)) {
    const resident = estate.cloud.db.find('residents', { _id: status._id }, { limit: 1 }).docs[0];
    greensUsed++;
    if (resident.openid) return { openid: resident.openid as string, residentId: resident._id as string };
  }
  throw new Error('no green resident left');
}

async function passOf(story: string | { openid: string; residentId: string }) {
  const { openid, residentId } = typeof story === 'string' ? estate.demo.examples[story] : story;
  const pass = await estate.call('residents', openid, { action: 'pass' });
  expect(pass.code).toBe(0);
  const enclosureId = estate.cloud.db.find('residents', { _id: residentId }, { limit: 1 }).docs[0]
    .enclosureId as string;
  return { token: pass.data.token as string, residentId, enclosureId, pass: pass.data };
}

async function scan(token: string, enclosureId: string, direction: 'in' | 'out', guard = guardOf(enclosureId)) {
  return estate.calls(estate.cloud, 'gate', guard, {
    action: 'scan',
    gateId: gateOf(enclosureId),
    direction,
    token,
    temperature: 36.5,
  });
}

test('a green pass is let in and the entry is logged, in at most 3 database operations', async () => {
  const { token, enclosureId, residentId } = await passOf('green');
  const res = await scan(token, enclosureId, 'in');
  expect(res.body).toMatchObject({ code: 0, data: { allowed: true, colour: 'green', reason: '绿码，放行' } });
  expect(res.body.data.maskedName).toMatch(/\*/);
  expect(res.body.data.household).toMatch(/栋\d单元\d+室$/);
  expect(res.dbOps).toBeLessThanOrEqual(3);
  const log = estate.cloud.db.find('gate_logs', { _id: res.body.data.logId }, { limit: 1 }).docs[0];
  expect(log).toMatchObject({
    residentId,
    direction: 'in',
    allowed: true,
    colour: 'green',
    gateId: gateOf(enclosureId),
    guard: guardOf(enclosureId),
  });
});

test('the guard sees colour, masked name and address only: no ID number, phone or full name', async () => {
  const { token, enclosureId, residentId } = await passOf('green');
  const res = await scan(token, enclosureId, 'in');
  const resident = estate.cloud.db.find('residents', { _id: residentId }, { limit: 1 }).docs[0];
  expect(Object.keys(res.body.data).sort()).toEqual([
    'allowed',
    'buildingUnit',
    'colour',
    'household',
    'logId',
    'maskedName',
    'reason',
    'temperature',
  ]);
  expect(JSON.stringify(res.body)).not.toContain(resident.name as string);
});

test('a red pass is refused and the refusal is logged', async () => {
  const { token, enclosureId, residentId } = await passOf('wuhan_returnee');
  const before = countDocs(estate.cloud, 'gate_logs', { residentId });
  const res = await scan(token, enclosureId, 'out');
  expect(res.body.data).toMatchObject({ allowed: false, colour: 'red', reason: expect.stringContaining('指定观察点') });
  expect(countDocs(estate.cloud, 'gate_logs', { residentId, allowed: false })).toBe(before + 1);
});

test('a fever sends the resident to the fever clinic', async () => {
  const { token, enclosureId } = await passOf('fever');
  expect((await scan(token, enclosureId, 'in')).body.data).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('发热门诊'),
  });
});

test('a token past its expiry (a screenshot) is refused and logged', async () => {
  const { token, enclosureId } = await passOf('green');
  estate.cloud.clockOffsetMs = 3 * 60_000;
  try {
    const res = await scan(token, enclosureId, 'in');
    expect(res.body.data).toMatchObject({ allowed: false, colour: null, reason: expect.stringContaining('已过期') });
    expect(countDocs(estate.cloud, 'gate_logs', { _id: res.body.data.logId })).toBe(1);
  } finally {
    estate.cloud.clockOffsetMs = 0;
  }
});

test('a token with one character changed is refused', async () => {
  const { token, enclosureId } = await passOf('green');
  const at = token.length - 3;
  const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  expect((await scan(forged, enclosureId, 'in')).body.data).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('无效'),
  });
});

test('a resident calling the gate gets a permission error and nothing is written', async () => {
  const { token, enclosureId } = await passOf('green');
  const before = countDocs(estate.cloud, 'gate_logs');
  const res = await estate.calls(estate.cloud, 'gate', estate.demo.examples.green.openid, {
    action: 'scan',
    gateId: gateOf(enclosureId),
    direction: 'in',
    token,
    temperature: 36.5,
  });
  expect(res.body).toMatchObject({ code: 'PERMISSION_DENIED', data: null });
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before);
});

test("a guard of another enclosure's gate refuses a resident from elsewhere", async () => {
  const { token, enclosureId } = await passOf('green');
  const otherEnclosure = enclosureId === 'enc-chunhua' ? 'enc-lixin' : 'enc-chunhua';
  const res = await estate.calls(estate.cloud, 'gate', guardOf(otherEnclosure), {
    action: 'scan',
    gateId: gateOf(otherEnclosure),
    direction: 'in',
    token,
    temperature: 36.5,
  });
  expect(res.body.data).toMatchObject({ allowed: false, reason: expect.stringContaining('非本围合区') });
});

test('one exit per household per period: the second exit is refused; coming back pairs with the exit', async () => {
  const { token, enclosureId } = await passOf(freshGreen());
  const first = await scan(token, enclosureId, 'out');
  expect(first.body.data).toMatchObject({ allowed: true });
  const second = await scan(token, enclosureId, 'out');
  expect(second.body.data).toMatchObject({ allowed: false, reason: '本户本期外出次数已用完' });
  const back = await scan(token, enclosureId, 'in');
  const entry = estate.cloud.db.find('gate_logs', { _id: back.body.data.logId }, { limit: 1 }).docs[0];
  expect(entry).toMatchObject({ direction: 'in', allowed: true, pairedExitId: first.body.data.logId });
});

test('members of one household leaving at the same moment cannot exceed the quota', async () => {
  const { token, enclosureId, residentId } = await passOf(freshGreen());
  const householdId = estate.cloud.db.find('statuses', { _id: residentId }, { limit: 1 }).docs[0].householdId;
  const results = await Promise.all(Array.from({ length: 6 }, () => scan(token, enclosureId, 'out')));
  const allowedExits = countDocs(estate.cloud, 'gate_logs', { householdId, direction: 'out', allowed: true });
  expect(allowedExits).toBe(DEFAULT_RULES.outingQuota.exits);
  expect(results.filter((r) => r.body.data.allowed)).toHaveLength(DEFAULT_RULES.outingQuota.exits);
  expect(results.every((r) => r.body.code === 0)).toBe(true);
});

test('a yellow resident may go out once while yellow, then must be verified first', async () => {
  // A generous quota so that only the yellow rule is at work.
  const config = { ...DEFAULT_RULES, version: 2, outingQuota: { exits: 10, periodDays: 1 } };
  estate.cloud.db.store.commit([{ collection: 'rule_configs', id: keyOf('v2'), doc: { _id: 'v2', ...config } }]);
  try {
    const { token, enclosureId } = await passOf('unverified');
    expect((await scan(token, enclosureId, 'out')).body.data).toMatchObject({
      allowed: true,
      colour: 'yellow',
      reason: expect.stringContaining('现场核实'),
    });
    expect((await scan(token, enclosureId, 'in')).body.data).toMatchObject({ allowed: true, colour: 'yellow' });
    expect((await scan(token, enclosureId, 'out')).body.data).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('已放行过一次'),
    });
  } finally {
    estate.cloud.db.store.commit([{ collection: 'rule_configs', id: keyOf('v2'), doc: null }]);
  }
});

test('bad scan input is refused with a field and nothing is logged', async () => {
  const before = countDocs(estate.cloud, 'gate_logs');
  const res = await estate.call('gate', 'demo-grid-11', {
    action: 'scan',
    gateId: 'enc-chunhua-gate-1',
    direction: 'sideways',
    token: 'x',
    temperature: 36.5,
  });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'direction' });
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before);
});

test('a visitor is refused unless a grid worker of that grid registered them for today', async () => {
  const householdId = 'enc-chunhua-b01-u1-101';
  const visit = {
    action: 'visitor',
    gateId: 'enc-chunhua-gate-1',
    direction: 'in',
    visitorPhone: '13900001111',
    temperature: 36.5,
  };
  expect((await estate.call('gate', 'demo-grid-11', visit)).data).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('谢绝访客'),
  });
  const other = await estate.call('gate', 'demo-grid-21', {
    action: 'registerVisitor',
    requestId: 'req-visit-0001',
    householdId,
    visitorName: '钱来访',
    visitorPhone: '13900001111',
    reason: '送药',
    days: 1,
  });
  expect(other).toMatchObject({ code: 'PERMISSION_DENIED' });
  const grid = estate.cloud.db.find('grids', { buildingIds: 'enc-chunhua-b01' }, { limit: 1 }).docs[0];
  const worker = (grid.workerOpenids as string[])[0];
  const registered = await estate.call('gate', worker, {
    action: 'registerVisitor',
    requestId: 'req-visit-0002',
    householdId,
    visitorName: '钱来访',
    visitorPhone: '13900001111',
    reason: '送药',
    days: 1,
  });
  expect(registered.code).toBe(0);
  const res = await estate.call('gate', 'demo-grid-11', visit);
  expect(res.data).toMatchObject({ allowed: true, maskedName: '钱*访', reason: expect.stringContaining('访客已登记') });
  const stored = estate.cloud.db.find('visitor_exceptions', {}, { limit: 10 }).docs;
  expect(JSON.stringify(stored)).not.toContain('13900001111');
  expect(JSON.stringify(stored)).not.toContain('钱来访');
  // Both passages are logged; only the admitted one is the host's (the refused visitor named no one).
  expect(countDocs(estate.cloud, 'gate_logs', { visitor: true, gateId: 'enc-chunhua-gate-1' })).toBe(2);
  expect(countDocs(estate.cloud, 'gate_logs', { visitor: true, householdId })).toBe(1);
});

test('every query the functions made in these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
