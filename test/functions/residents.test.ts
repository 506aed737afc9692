/** Residents through the local cloud: registration, self-report, verification and the pass. */
import { checkSignedTokenOnline } from '../../core/signed-pass';
import { signingKeyOf } from '../../server/pass-key';
import { endOfDayAfter } from '../../core/time';
import { Estate, countDocs, daysAgoIso, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

async function newcomer(openid: string, room: string) {
  return estate.call('residents', openid, {
    action: 'register',
    requestId: requestId(),
    name: '赵新来',
    idNumber: validIdNumber(openid),
    phone: '13812345678',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 1,
    room,
  });
}
test('a new resident registers and is yellow: not yet verified, no declaration', async () => {
  const res = await newcomer('o-new-1', '803');
  expect(res).toMatchObject({ code: 0, data: { status: { colour: 'yellow' } } });
  expect(res.data.status.reasons.map((r: { rule: string }) => r.rule).sort()).toEqual([
    'declaration_missing',
    'not_verified',
  ]);
  const me = await estate.call('residents', 'o-new-1', { action: 'me' });
  expect(me.data).toMatchObject({
    registered: true,
    isHead: true,
    address: { enclosureName: '春华苑', building: '3栋', unit: 1, room: '803' },
  });
  const stored = estate.cloud.db.find('residents', { _id: res.data.residentId }, { limit: 1 }).docs[0];
  expect(stored).toMatchObject({
    maskedName: '赵*来',
    phoneMasked: '138****5678',
    idMasked: expect.stringMatching(/^1\*+/),
  });
  expect(JSON.stringify(stored)).not.toContain('13812345678');
  expect(JSON.stringify(stored)).not.toContain(validIdNumber('o-new-1'));
});

test('registering at an address where a household lives joins it as a pending member', async () => {
  const res = await newcomer('o-joiner', '101');
  expect(res.code).toBe(0);
  const me = await estate.call('residents', 'o-joiner', { action: 'me' });
  expect(me.data).toMatchObject({ isHead: false, pending: true });
  // Until the head accepts them, typing an address reveals nobody who lives there.
  expect(me.data.members).toEqual([
    expect.objectContaining({ self: true, relation: 'member', colour: 'yellow', pending: true }),
  ]);
  expect(me.data.members.every((m: { maskedName: string }) => m.maskedName.includes('*'))).toBe(true);
});

test('a newcomer in an isolated unit is isolated at once, with an order, and counted on the map', async () => {
  const isolated = await estate.call('quarantine', 'demo-grid-11', {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b03',
    unit: 2,
    reason: '确诊病例所在单元',
  });
  expect(isolated.code).toBe(0);
  const statsOf = () =>
    estate.cloud.db.find('building_stats', { _id: 'enc-chunhua-b03' }, { limit: 1 }).docs[0] as {
      residents: number;
      isolated: number;
    };
  const before = statsOf();
  const res = await estate.call('residents', 'o-new-isolated', {
    action: 'register',
    requestId: requestId(),
    name: '钱新来',
    idNumber: validIdNumber('o-new-isolated'),
    phone: '13812345679',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 2,
    room: '502',
  });
  expect(res).toMatchObject({ code: 0 });
  expect(res.data.status.colour).toBe('red');
  expect(res.data.status.reasons.map((r: { rule: string }) => r.rule)).toContain('unit_isolation');
  expect(countDocs(estate.cloud, 'isolation_orders', { residentId: res.data.residentId })).toBe(1);
  expect(statsOf()).toMatchObject({ residents: before.residents + 1, isolated: before.isolated + 1 });
});

test('registering twice with one ID number is refused', async () => {
  await newcomer('o-twin-a', '603');
  const again = await estate.call('residents', 'o-twin-b', {
    action: 'register',
    requestId: requestId(),
    name: '赵新来',
    idNumber: validIdNumber('o-twin-a'),
    phone: '13812345678',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 1,
    room: '603',
  });
  expect(again).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
});

test('a report with a key-area trip left 5 days ago is red until day 14, with that reason', async () => {
  await newcomer('o-wuhan', '703');
  const left = daysAgoIso(5);
  const res = await estate.call('residents', 'o-wuhan', {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [{ place: '武汉', areaCode: '420102', from: daysAgoIso(10), to: left }],
    returnedAt: left,
  });
  expect(res.code).toBe(0);
  expect(res.data.status).toMatchObject({ colour: 'red', until: endOfDayAfter(new Date(left), 14).toISOString() });
  expect(res.data.status.reasons[0]).toMatchObject({
    rule: 'key_area_travel',
    text: expect.stringContaining('湖北省武汉市'),
  });
});

test('a grid worker verifies a resident with a clean report, who turns green; the change is audited', async () => {
  const reg = await newcomer('o-clean', '503');
  await estate.call('residents', 'o-clean', {
    action: 'report',
    requestId: requestId(),
    temperature: 36.4,
    symptoms: [],
    trips: [],
  });
  const res = await estate.call('residents', 'demo-grid-11', {
    action: 'verify',
    residentId: reg.data.residentId,
    note: '已核对身份证与住址',
  });
  expect(res).toMatchObject({ code: 0, data: { status: { colour: 'green', reasons: [] } } });
  const audit = estate.cloud.db.find('audit_logs', { residentId: reg.data.residentId }, { limit: 10 }).docs;
  expect(audit).toEqual([
    expect.objectContaining({
      actor: 'demo-grid-11',
      action: 'verify',
      before: expect.objectContaining({ colour: 'yellow' }),
      after: expect.objectContaining({ colour: 'green' }),
    }),
  ]);
});

test('a grid worker of another enclosure, or a resident, cannot verify', async () => {
  const reg = await newcomer('o-other', '403');
  expect(
    await estate.call('residents', 'demo-grid-21', { action: 'verify', residentId: reg.data.residentId, note: '核实' }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(
    await estate.call('residents', 'o-clean', { action: 'verify', residentId: reg.data.residentId, note: '核实' }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
});

test('bad report fields are answered in Chinese, field by field, and nothing is written', async () => {
  const before = countDocs(estate.cloud, 'declarations');
  const res = await estate.call('residents', 'o-clean', {
    action: 'report',
    requestId: requestId(),
    temperature: 50,
    symptoms: ['x'],
    trips: [{ place: '', from: 'x', to: daysAgoIso(1) }],
  });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', message: '体温应在 34–43 之间', field: 'temperature' });
  expect(res.errors.map((e: { field: string }) => e.field)).toEqual([
    'temperature',
    'symptoms.0',
    'trips.0.place',
    'trips.0.from',
  ]);
  expect(countDocs(estate.cloud, 'declarations')).toBe(before);
});

test('a retried report with the same request id is stored once', async () => {
  const id = requestId();
  const event = { action: 'report', requestId: id, temperature: 36.6, symptoms: [], trips: [] };
  const before = countDocs(estate.cloud, 'declarations');
  const results = await Promise.all([1, 2, 3].map(() => estate.call('residents', 'o-clean', event)));
  expect(results.every((r) => r.code === 0)).toBe(true);
  expect(results.filter((r) => r.data.duplicate === false)).toHaveLength(1);
  expect(countDocs(estate.cloud, 'declarations')).toBe(before + 1);
});

test('a household head declares for a dependant; nobody declares for another household', async () => {
  const dep = await estate.call('residents', 'o-clean', {
    action: 'addDependant',
    requestId: requestId(),
    name: '赵小宝',
    relation: 'child',
    birthYear: 2015,
  });
  expect(dep.code).toBe(0);
  const forChild = await estate.call('residents', 'o-clean', {
    action: 'report',
    requestId: requestId(),
    residentId: dep.data.residentId,
    temperature: 36.8,
    symptoms: ['cough'],
    trips: [],
  });
  expect(forChild).toMatchObject({ code: 0, data: { residentId: dep.data.residentId, status: { colour: 'red' } } });
  const stranger = await estate.call('residents', 'o-wuhan', {
    action: 'report',
    requestId: requestId(),
    residentId: dep.data.residentId,
    temperature: 36.5,
    symptoms: [],
    trips: [],
  });
  expect(stranger).toMatchObject({ code: 'PERMISSION_DENIED', message: '只能为本人或本户家庭成员操作' });
});

test('the pass shows colour, masked name, address and reasons, with a token that proves who and expires in 2 minutes', async () => {
  const res = await estate.call('residents', 'o-wuhan', { action: 'pass' });
  expect(res.data).toMatchObject({
    maskedName: '赵*来',
    address: { building: '3栋', room: '703' },
    status: { colour: 'red' },
  });
  // Ed25519, checked with the public key alone (what a guard's phone holds) and this environment.
  const { publicKey } = signingKeyOf(estate.cloud.variable('PASS_TOKEN_SECRET'));
  const check = checkSignedTokenOnline(res.data.token, new Date(), { publicKey, envId: estate.cloud.envId });
  expect(check).toMatchObject({ ok: true, residentId: res.data.residentId, enclosureId: 'enc-chunhua' });
  const ttl = new Date(res.data.expiresAt).getTime() - Date.now();
  expect(ttl).toBeGreaterThan(100_000);
  expect(ttl).toBeLessThanOrEqual(120_000);
  expect(new Date(res.data.refreshAt).getTime()).toBeLessThan(new Date(res.data.expiresAt).getTime());
  // The server's own clock, so the phone can wait refreshAt − serverTime whatever its clock says.
  const interval = Date.parse(res.data.refreshAt) - Date.parse(res.data.serverTime);
  expect(Math.abs(Date.parse(res.data.serverTime) - Date.now())).toBeLessThan(5_000);
  expect(interval).toBeGreaterThan(60_000);
  expect(interval).toBeLessThan(120_000);
});

test('someone who has not registered is asked to register first', async () => {
  expect(await estate.call('residents', 'o-nobody', { action: 'pass' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '请先完成住户登记',
  });
});

test('the registration form lists enclosures with their buildings, without personal data', async () => {
  const res = await estate.call('residents', 'o-anyone', { action: 'directory' });
  expect(res.data.enclosures.map((e: { name: string }) => e.name).sort()).toEqual(['春华苑', '立新村']);
  const chunhua = res.data.enclosures.find((e: { name: string }) => e.name === '春华苑');
  expect(chunhua.buildings.slice(0, 3).map((b: { name: string }) => b.name)).toEqual(['1栋', '2栋', '3栋']);
  expect(chunhua.buildings[0]).toEqual({
    id: 'enc-chunhua-b01',
    name: '1栋',
    units: 2,
    floors: 8,
    roomScheme: 'numbered',
  });
});

test('every query the functions made in these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});
