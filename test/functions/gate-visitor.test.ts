/**
 * Visitors through the local cloud: a registration admits its visitor at the gates of the host's
 * own enclosure only, and a visitor going out never spends the host household's outing quota.
 */
import { DEFAULT_RULES } from '../../core/rule-config';
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const doc = (collection: string, query: Record<string, unknown>) =>
  estate.cloud.db.find(collection, query, { limit: 1 }).docs[0];

/** A grid worker of the household's building registers a visitor for today. */
async function registerVisitor(householdId: string, visitorPhone: string): Promise<void> {
  const household = doc('households', { _id: householdId });
  const worker = (doc('grids', { buildingIds: household.buildingId }).workerOpenids as string[])[0];
  const res = await estate.call('gate', worker, {
    action: 'registerVisitor',
    requestId: requestId(),
    householdId,
    visitorName: '钱来访',
    visitorPhone,
    reason: '送药',
    days: 1,
  });
  expect(res.code).toBe(0);
}

const visit = (guard: string, gateId: string, householdId: string, direction: 'in' | 'out', visitorPhone: string) =>
  estate.call('gate', guard, { action: 'visitor', gateId, direction, householdId, visitorPhone, temperature: 36.4 });

test("a visitor registered by 立新村's grid worker is refused at a 春华苑 gate, and let in at 立新村's", async () => {
  const householdId = 'enc-lixin-b01-u1-101';
  await registerVisitor(householdId, '13900002222');
  const atChunhua = await visit('demo-grid-11', 'enc-chunhua-gate-1', householdId, 'in', '13900002222');
  expect(atChunhua.data).toMatchObject({
    allowed: false,
    maskedName: null,
    reason: expect.stringContaining('谢绝访客'),
  });
  const log = doc('gate_logs', { _id: atChunhua.data.logId });
  expect(log).toMatchObject({
    visitor: true,
    allowed: false,
    gateId: 'enc-chunhua-gate-1',
    enclosureId: 'enc-chunhua',
  });

  const atLixin = await visit('demo-grid-21', 'enc-lixin-gate-1', householdId, 'in', '13900002222');
  expect(atLixin.data).toMatchObject({ allowed: true, maskedName: '钱*访' });
});

test("a visitor going out leaves the host household's outing quota whole", async () => {
  const status = doc('statuses', { _id: estate.demo.examples.green.residentId });
  const householdId = status.householdId as string;
  const gateId = `${status.enclosureId}-gate-1`;
  const guard = status.enclosureId === 'enc-chunhua' ? 'demo-grid-11' : 'demo-grid-21';
  expect(countDocs(estate.cloud, 'gate_logs', { householdId })).toBe(0);
  await registerVisitor(householdId, '13900003333');
  for (let i = 0; i < DEFAULT_RULES.outingQuota.exits + 1; i++) {
    const out = await visit(guard, gateId, householdId, 'out', '13900003333');
    expect(out.data).toMatchObject({ allowed: true });
  }

  const { openid } = estate.demo.examples.green;
  const pass = await estate.call('residents', openid, { action: 'pass' });
  const member = await estate.calls(estate.cloud, 'gate', guard, {
    action: 'scan',
    gateId,
    direction: 'out',
    token: pass.data.token,
    temperature: 36.5,
  });
  expect(member.body.data).toMatchObject({ allowed: true, colour: 'green', reason: '绿码，放行' });
  expect(member.dbOps).toBe(2); // still one read and one write: the visitor rule costs no operation
});

test('every query in these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
