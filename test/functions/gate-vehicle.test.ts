/**
 * Vehicles through the local cloud: a supply vehicle in and out with the people aboard scanned,
 * an unknown plate refused, a household's car in the worker's grid only, dates kept, removal.
 */
import { Estate, countDocs, cstDateIn, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => {
  estate.cloud.clockOffsetMs = 0;
  return estate.cloud.stop();
});

const DAY = 24 * 3600_000;
const GATE = 'enc-chunhua-gate-1';
const GUARD = 'demo-grid-11';
const doc = (collection: string, query: Record<string, unknown>) =>
  estate.cloud.db.find(collection, query, { limit: 1 }).docs[0];
const atGate = (plate: string, direction: 'in' | 'out' = 'in') =>
  estate.call('gate', GUARD, { action: 'vehicle', gateId: GATE, direction, plate });
const supply = (plate: string, from: number, to: number) =>
  estate.call('gate', GUARD, {
    action: 'registerVehicle',
    kind: 'supply',
    plate,
    supplier: '钱大妈保供点',
    driverName: '李大强',
    driverPhone: '13812345678',
    fromDate: cstDateIn(estate.cloud, from),
    toDate: cstDateIn(estate.cloud, to),
  });

test('a supply vehicle comes in and goes out with its plate logged, and the resident aboard is scanned and linked', async () => {
  expect((await supply('粤B·D1234 5', 0, 6)).code).toBe(0);
  const stored = doc('vehicles', { plate: '粤BD12345' });
  // The driver is kept masked only.
  expect(JSON.stringify(stored)).not.toContain('李大强');
  expect(JSON.stringify(stored)).not.toContain('13812345678');
  expect(stored).toMatchObject({ kind: 'supply', driver: '李*强 138****5678', enclosureId: 'enc-chunhua' });

  const inside = await atGate('粤bd12345');
  expect(inside.data).toMatchObject({
    allowed: true,
    plate: '粤B·D12345',
    kind: 'supply',
    who: '钱大妈保供点 李*强 138****5678',
  });
  const log = doc('gate_logs', { _id: inside.data.logId });
  expect(log).toMatchObject({ vehicle: { plate: '粤BD12345', kind: 'supply' }, allowed: true, householdId: null });

  // A resident aboard is scanned with the vehicle's log; 卡口记录 shows the plate beside them.
  const { openid } = estate.demo.examples.green;
  const pass = await estate.call('residents', openid, { action: 'pass' });
  const aboard = await estate.calls(estate.cloud, 'gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction: 'in',
    token: pass.data.token,
    temperature: 36.5,
    vehicleLogId: inside.data.logId,
  });
  expect(aboard.body.data).toMatchObject({ allowed: true });
  expect(aboard.dbOps).toBe(2); // the link costs the scan nothing
  const logs = await estate.call('grid', GUARD, {
    action: 'gateLogs',
    gateId: GATE,
    from: new Date(Date.now() - 3600_000).toISOString(),
    to: new Date(Date.now() + 3600_000).toISOString(),
  });
  const rows = logs.data.logs as { plate?: string; aboard?: string; maskedName: string | null }[];
  expect(rows.find((r) => r.plate === '粤B·D12345')).toBeTruthy();
  expect(rows.find((r) => r.aboard === '粤B·D12345')?.maskedName).toBeTruthy();

  expect((await atGate('粤BD12345', 'out')).data.allowed).toBe(true);
});

test('an unknown plate is refused and logged; a malformed one is an input error', async () => {
  const before = countDocs(estate.cloud, 'gate_logs');
  const unknown = await atGate('粤B99999');
  expect(unknown.data).toMatchObject({ allowed: false, reason: expect.stringContaining('车辆未登记'), who: null });
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before + 1);
  expect(await atGate('ABC123')).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'plate' });
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before + 1);
});

test('a supply vehicle is refused before and after its days, and let out after them', async () => {
  expect((await supply('粤B11111', 1, 2)).code).toBe(0);
  expect((await atGate('粤B11111')).data).toMatchObject({ allowed: false, reason: expect.stringContaining('未到') });
  estate.cloud.clockOffsetMs = 3 * DAY + 60_000;
  try {
    expect((await atGate('粤B11111')).data).toMatchObject({ allowed: false, reason: expect.stringContaining('过期') });
    expect((await atGate('粤B11111', 'out')).data.allowed).toBe(true);
  } finally {
    estate.cloud.clockOffsetMs = 0;
  }
  expect(await supply('粤B22222', 0, 31)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'toDate' });
});

test("registering a supply vehicle again with new days extends it; another supplier's claim on the plate is refused", async () => {
  expect((await supply('粤B55555', 0, 1)).code).toBe(0);
  estate.cloud.clockOffsetMs = 2 * DAY + 60_000;
  try {
    expect((await atGate('粤B55555')).data.allowed).toBe(false);
    expect((await supply('粤B55555', 0, 6)).code).toBe(0); // renewed for the week
    expect((await atGate('粤B55555')).data.allowed).toBe(true);
  } finally {
    estate.cloud.clockOffsetMs = 0;
  }
  const other = await estate.call('gate', GUARD, {
    action: 'registerVehicle',
    kind: 'supply',
    plate: '粤B55555',
    supplier: '另一家保供单位',
    driverName: '周师傅',
    driverPhone: '13812340000',
    fromDate: cstDateIn(estate.cloud, 0),
    toDate: cstDateIn(estate.cloud, 1),
  });
  expect(other).toMatchObject({ code: 'CONFLICT', field: 'plate' });
});

test("a household's car is registered by its grid's worker only, once per plate, and refused once removed", async () => {
  const flat = { buildingId: 'enc-chunhua-b01', unit: 1, room: '101' };
  const car = { action: 'registerVehicle', kind: 'resident', plate: '粤B33333', ...flat };
  expect((await estate.call('gate', 'demo-grid-12', car)).code).toBe('PERMISSION_DENIED');
  const registered = await estate.call('gate', GUARD, car);
  expect(registered.code).toBe(0);
  expect((await estate.call('gate', GUARD, car)).data).toEqual(registered.data); // a retry
  const elsewhere = await estate.call('gate', GUARD, { ...car, room: '102' });
  expect(elsewhere).toMatchObject({ code: 'CONFLICT', field: 'plate' });

  expect(await estate.call('gate', GUARD, { ...car, plate: '粤B44444', room: '9901' })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'room',
  });
  expect((await atGate('粤B33333')).data).toMatchObject({ allowed: true, kind: 'resident', who: '1栋1单元101室' });
  const list = await estate.call('gate', GUARD, { action: 'vehicles' });
  expect(list.data.map((v: { plate: string }) => v.plate)).toContain('粤B·33333');

  const removed = await estate.call('gate', GUARD, {
    action: 'removeVehicle',
    vehicleId: registered.data.vehicleId,
    reason: '车辆已出售',
  });
  expect(removed.code).toBe(0);
  expect((await atGate('粤B33333')).data.allowed).toBe(false);
  // 立新村's worker can neither see nor remove 春华苑's vehicles.
  const theirs = await estate.call('gate', 'demo-grid-21', { action: 'vehicles' });
  expect(theirs.data.map((v: { plate: string }) => v.plate)).not.toContain('粤B·D12345');
});

test('every query in these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
