/**
 * 逢人必测 at the gate: every scan carries the temperature the guard measured and logs it; at or
 * above the street's fever threshold the person is refused whatever their colour, turns red until a
 * medical assessment, and the grid worker of their building finds an alert on the 隔离名单.
 */
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const GATE = 'enc-chunhua-gate-1';
const GUARD = 'demo-grid-11'; // grid 1 of 春华苑: buildings 1–6
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let picked = 0;
/** A green resident with a phone in grid 1, of a household no other test here uses. */
function greenOfGrid1(): { openid: string; residentId: string } {
  const seen = new Set<unknown>();
  const greens = (
    estate.cloud.db.find('statuses', { colour: 'green', enclosureId: 'enc-chunhua' }, { limit: 2000 }).docs as Doc[]
  ).filter((s) => Number(String(s.buildingId).slice(-2)) <= 6 && !seen.has(s.householdId) && seen.add(s.householdId));
  for (const status of greens.slice(picked)) {
    picked++;
    const [resident] = estate.cloud.db.find('residents', { _id: status._id }, { limit: 1 }).docs as Doc[];
    if (resident.openid) return { openid: resident.openid, residentId: resident._id };
  }
  throw new Error('no green resident left in grid 1');
}

async function scanAt(openid: string, temperature: unknown, direction = 'in') {
  const pass = await estate.call('residents', openid, { action: 'pass' });
  return estate.calls(estate.cloud, 'gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction,
    token: pass.data.token,
    temperature,
  });
}

test('a green resident at 37.6℃ is refused, logged with the reading, red until assessed, and the worker alerted', async () => {
  const { openid, residentId } = greenOfGrid1();
  const res = await scanAt(openid, 37.6);
  expect(res.body.data).toMatchObject({
    allowed: false,
    reason: '体温超过发热标准，不得通行，已通知网格员，请引导至发热门诊',
    colour: 'red',
    temperature: 37.6,
  });
  const [log] = estate.cloud.db.find('gate_logs', { _id: res.body.data.logId }, { limit: 1 }).docs as Doc[];
  expect(log).toMatchObject({ residentId, allowed: false, code: 'fever_at_gate', temperature: 37.6 });

  const pass = await estate.call('residents', openid, { action: 'pass' });
  expect(pass.data.status.colour).toBe('red');
  expect(pass.data.status.reasons.map((r: Doc) => r.text)).toContainEqual(
    expect.stringMatching(/体温37\.6℃，请到发热门诊就诊，待医学评估$/),
  );
  const roster = await estate.call('quarantine', GUARD, { action: 'roster' });
  expect(roster.data.alerts).toContainEqual(
    expect.objectContaining({ residentId, detail: '春华苑东门测温 37.6℃，已劝返，待医学评估' }),
  );
  // Red now: coming back later with a normal reading is refused until a medical assessment.
  const later = await scanAt(openid, 36.4);
  expect(later.body.data).toMatchObject({ allowed: false, colour: 'red' });
});

test('a fever scan resent, or scanned again within the minute, is one reading and one alert', async () => {
  const { openid, residentId } = greenOfGrid1();
  const first = await scanAt(openid, 37.9);
  const again = await scanAt(openid, 37.9);
  for (const res of [first, again]) expect(res.body.data).toMatchObject({ allowed: false, colour: 'red' });
  expect(countDocs(estate.cloud, 'alerts', { residentId })).toBe(1);
  expect(countDocs(estate.cloud, 'checkins', { residentId, source: 'gate' })).toBe(1);
  expect(countDocs(estate.cloud, 'gate_logs', { residentId })).toBe(2); // both scans are on the gate's record
});

test('the guard scanning a fever again a minute later records the reading, but alerts the grid worker once', async () => {
  const { openid, residentId } = greenOfGrid1();
  await scanAt(openid, 38.1);
  estate.cloud.clockOffsetMs += 61_000;
  try {
    await scanAt(openid, 38.2);
  } finally {
    estate.cloud.clockOffsetMs -= 61_000;
  }
  expect(countDocs(estate.cloud, 'checkins', { residentId, source: 'gate' })).toBe(2);
  expect(countDocs(estate.cloud, 'alerts', { residentId })).toBe(1);
});

test('just below the threshold passes in 2 database operations, the reading kept on the log', async () => {
  const { openid } = greenOfGrid1();
  const res = await scanAt(openid, 37.2);
  expect(res.body.data).toMatchObject({ allowed: true, colour: 'green', temperature: 37.2 });
  expect(res.dbOps).toBe(2);
  const [log] = estate.cloud.db.find('gate_logs', { _id: res.body.data.logId }, { limit: 1 }).docs as Doc[];
  expect(log.temperature).toBe(37.2);
  expect(countDocs(estate.cloud, 'alerts', { residentId: log.residentId })).toBe(0);
});

test('a fever leaving is refused too (an ambulance, not a walk), whatever the colour', async () => {
  const { openid } = greenOfGrid1();
  const res = await scanAt(openid, 38.5, 'out');
  expect(res.body.data).toMatchObject({
    allowed: false,
    reason: '体温超过发热标准，不得通行，已通知网格员，请引导至发热门诊',
    temperature: 38.5,
  });
});

test('a scan without a temperature, or with one no thermometer shows, is refused at its field; nothing logged', async () => {
  const { openid } = greenOfGrid1();
  const before = countDocs(estate.cloud, 'gate_logs');
  for (const temperature of [undefined, '36.5', 3.65, 45, Number.NaN]) {
    const res = await scanAt(openid, temperature);
    expect(res.body).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'temperature' });
    expect(res.body.message).toMatch(/体温/);
  }
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before);
  expect((await scanAt(openid, 36.5)).body.data.allowed).toBe(true);
});

test('a registered visitor with a fever is refused at the gate and the refusal logged with the reading', async () => {
  const householdId = 'enc-chunhua-b01-u1-101';
  const registered = await estate.call('gate', GUARD, {
    action: 'registerVisitor',
    requestId: 'req-fever-visitor-0001',
    householdId,
    visitorName: '王来访',
    visitorPhone: '13900007777',
    reason: '送药',
    days: 1,
  });
  expect(registered.code).toBe(0);
  const visit = { action: 'visitor', gateId: GATE, direction: 'in', visitorPhone: '13900007777' };
  const hot = await estate.call('gate', GUARD, { ...visit, temperature: 37.9 });
  expect(hot.data).toMatchObject({ allowed: false, reason: expect.stringContaining('体温超过发热标准') });
  const [log] = estate.cloud.db.find('gate_logs', { _id: hot.data.logId }, { limit: 1 }).docs as Doc[];
  expect(log).toMatchObject({ visitor: true, allowed: false, code: 'fever_at_gate', temperature: 37.9 });
  expect((await estate.call('gate', GUARD, { ...visit, temperature: 36.6 })).data.allowed).toBe(true);
});
