/**
 * Day one, from an empty cloud and through the functions only: the deploy's one-time code makes
 * the first street admin, who sets up a 社区, an enclosure, its buildings, a gate and a grid,
 * invites a grid worker (accepted by a new WeChat user), and the first resident registers,
 * declares, shows a pass and is let in at the new gate by the invited worker.
 */
import { LocalCloud, startLocalCloud } from '../../localcloud/src';
import { callAs, tempDir } from '../../localcloud/test/helpers';
import { decodeQrPng } from '../../localcloud/test/qr-decode';
import { Estate, countDocs, requestId, validIdNumber } from './journeys';
import { registryKit, register } from './registry-fixtures';

let cloud: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = async (fn: string, openid: string | undefined, event: object): Promise<Record<string, any>> =>
  (await callAs(cloud, fn, openid, event as Record<string, unknown>)).body;

beforeAll(async () => {
  cloud = await startLocalCloud({ dataDir: tempDir(), port: 0, log: () => undefined });
});
afterAll(() => cloud.stop());

const ADMIN = 'o-street-admin-0001';
/** What the first journey set up, for the register journey after it. */
const made = { enclosureId: '', gate: '' };
const kit = registryKit(() => ({ cloud, call, calls: callAs }) as unknown as Estate);
const WORKER = 'o-new-grid-worker-01';
const RESIDENT = 'o-first-resident-001';

test('from an empty deployment to the first gate scan, touching the database only through functions', async () => {
  expect(countDocs(cloud, 'users')).toBe(0);

  // The deploy asks the admin function (no OPENID: a server-side call) for a one-time code.
  const boot = await call('admin', undefined, { action: 'bootstrap' });
  expect(boot.code).toBe(0);
  expect(boot.data.code).toMatch(/^[a-z2-9]{16}$/);
  const seen = await call('staff', ADMIN, { action: 'preview', code: boot.data.code });
  expect(seen.data).toMatchObject({ role: 'admin', state: 'open', scopeText: '街道管理员 · 全街道' });
  expect((await call('staff', ADMIN, { action: 'accept', code: boot.data.code })).data.roles).toEqual(['admin']);
  // The code works once.
  const again = await call('staff', 'o-somebody-else-01', { action: 'accept', code: boot.data.code });
  expect(again).toMatchObject({ code: 'FAILED_PRECONDITION', message: '该邀请已被使用，请向管理员重新申请' });

  const save = async (fields: Record<string, unknown>) => {
    const res = await call('estate', ADMIN, { action: 'save', requestId: requestId(), ...fields });
    expect(res).toMatchObject({ code: 0, data: { created: true } });
    return res.data.id as string;
  };
  const communityId = await save({ kind: 'community', name: '翠竹社区' });
  const enclosureId = await save({
    kind: 'enclosure',
    communityId,
    name: '翠竹苑',
    type: 'estate',
    address: '翠竹路 8 号',
  });
  const building = await save({
    kind: 'building',
    enclosureId,
    name: '1栋',
    units: 2,
    floors: 18,
    roomScheme: 'numbered',
  });
  await save({ kind: 'building', enclosureId, name: '3号楼', units: 1, floors: 6, roomScheme: 'labelled' });
  const gate = await save({ kind: 'gate', enclosureId, name: '翠竹苑北门', vehicles: false });
  const grid = await save({ kind: 'grid', enclosureId, name: '翠竹苑第1网格', buildingIds: [building] });
  Object.assign(made, { enclosureId, gate });

  const tree = await call('estate', ADMIN, { action: 'tree' });
  expect(tree.data.communities).toEqual([
    {
      id: communityId,
      name: '翠竹社区',
      retired: false,
      enclosures: [
        {
          id: enclosureId,
          name: '翠竹苑',
          type: 'estate',
          address: '翠竹路 8 号',
          retired: false,
          buildings: 2,
          gates: 1,
          grids: 1,
        },
      ],
    },
  ]);

  // The worker is invited, not typed in by OPENID; the 小程序码 carries the code.
  const invited = await call('staff', ADMIN, {
    action: 'invite',
    requestId: requestId(),
    role: 'grid_worker',
    name: '张网格',
    enclosureId,
    gridIds: [grid],
    gateIds: [gate],
  });
  expect(invited.code).toBe(0);
  const qr = cloud.storage.read(cloud.storage.pathOfFileId(invited.data.qrFileID));
  expect(decodeQrPng(qr!)).toBe(invited.data.code);
  const preview = await call('staff', WORKER, { action: 'preview', code: invited.data.code });
  expect(preview.data.scopeText).toBe('网格员 · 翠竹苑 · 翠竹苑第1网格 · 卡口：翠竹苑北门');
  expect((await call('staff', WORKER, { action: 'accept', code: invited.data.code })).data.roles).toEqual([
    'grid_worker',
  ]);
  const me = await call('account', WORKER, { action: 'me' });
  expect(me.data).toMatchObject({
    roles: ['grid_worker'],
    enclosureName: '翠竹苑',
    gates: [{ id: gate, name: '翠竹苑北门' }],
  });

  // The first resident registers at the new building, declares, and shows a pass.
  const registered = await call('residents', RESIDENT, {
    action: 'register',
    requestId: requestId(),
    name: '陈晓明',
    idNumber: validIdNumber('day-one'),
    phone: '13800138000',
    enclosureId,
    buildingId: building,
    unit: 1,
    room: '1203',
  });
  expect(registered.code).toBe(0);
  const verified = await call('residents', WORKER, {
    action: 'verify',
    residentId: registered.data.residentId,
    note: '入户核实身份与住址',
  });
  expect(verified.code).toBe(0);
  const declared = await call('residents', RESIDENT, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.4,
    symptoms: [],
    trips: [],
  });
  expect(declared.data.status.colour).toBe('green');
  const pass = await call('residents', RESIDENT, { action: 'pass' });
  const verdict = await call('gate', WORKER, {
    action: 'scan',
    gateId: gate,
    direction: 'in',
    token: pass.data.token,
    temperature: 36.5,
  });
  expect(verdict.data).toMatchObject({ allowed: true, colour: 'green' });
});

test('the register the street keeps: a dry run names every bad row, the import lists the people, one claims with a dependant and is let in', async () => {
  const { enclosureId, gate } = made;
  const good = register(200);
  const bad = good.map((row) => [...row]);
  const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
  bad[10][5] = wrongCheckDigit(bad[10][5]); // a typo in the ID number
  bad[20][2] = '1901'; // 1栋 has 18 floors
  bad[31][5] = bad[30][5]; // one ID number twice (both rows are named)
  bad[40][0] = '9栋'; // no such building
  bad[50][6] = '12345'; // not a phone number
  const before = countDocs(cloud, 'residents');
  const report = await kit.check(await kit.upload(bad), enclosureId, ADMIN);
  expect(report.code).toBe(0);
  expect(report.data.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual([
    '12:身份证号',
    '22:房号',
    '32:身份证号',
    '33:身份证号',
    '42:楼栋',
    '52:手机号',
  ]);
  expect(countDocs(cloud, 'residents')).toBe(before);

  const { progress } = await kit.importAll(await kit.upload(good), enclosureId, ADMIN);
  expect(progress).toMatchObject({ state: 'done', created: 200, unchanged: 0 });
  expect(countDocs(cloud, 'residents')).toBe(before + 200);

  // The first flat's 户主 claims their record, with the child listed beside them.
  const [buildingName, unit, room, name, , idNumber] = good[0];
  const buildingId = kit.find('buildings', { enclosureId, name: buildingName })[0]._id;
  const claimed = await call('residents', 'o-listed-head-0001', {
    action: 'claim',
    requestId: requestId(),
    name,
    idNumber,
    enclosureId,
    buildingId,
    unit: Number(unit),
    room,
  });
  expect(claimed.code).toBe(0);
  const child = kit.find('residents', { name: good[2][3], enclosureId })[0];
  for (const residentId of [undefined, child._id]) {
    const declared = await call('residents', 'o-listed-head-0001', {
      action: 'report',
      requestId: requestId(),
      temperature: 36.5,
      symptoms: [],
      trips: [],
      ...(residentId ? { residentId } : {}),
    });
    expect(declared.data.status.colour).toBe('green');
    const pass = await call('residents', 'o-listed-head-0001', {
      action: 'pass',
      ...(residentId ? { residentId } : {}),
    });
    const verdict = await call('gate', WORKER, {
      action: 'scan',
      gateId: gate,
      direction: 'in',
      token: pass.data.token,
      temperature: 36.5,
    });
    expect(verdict.data).toMatchObject({ allowed: true, colour: 'green' });
  }
});

test('an invitation cannot be accepted by its issuer, after it expires, or after it is revoked', async () => {
  const invite = async (validHours?: number) =>
    (
      await call('staff', ADMIN, {
        action: 'invite',
        requestId: requestId(),
        role: 'admin',
        name: '李副主任',
        ...(validHours ? { validHours } : {}),
      })
    ).data as { code: string; invitationId: string };
  const own = await invite();
  expect(await call('staff', ADMIN, { action: 'accept', code: own.code })).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '不能接受自己发出的邀请',
  });

  const short = await invite(1);
  cloud.clockOffsetMs += 2 * 3600_000;
  expect(await call('staff', 'o-late-invitee-001', { action: 'accept', code: short.code })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '该邀请已过期，请向管理员重新申请',
  });

  const revoked = await invite();
  expect((await call('staff', ADMIN, { action: 'revoke', invitationId: revoked.invitationId })).code).toBe(0);
  const users = countDocs(cloud, 'users');
  expect(await call('staff', 'o-after-revoke-001', { action: 'accept', code: revoked.code })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '该邀请已被撤销',
  });
  expect(countDocs(cloud, 'users')).toBe(users);
  expect(await call('staff', 'o-guess-00000001', { action: 'accept', code: 'abcdefghjkmnpqrs' })).toMatchObject({
    code: 'NOT_FOUND',
    message: '邀请码无效，请核对后重试',
  });
});

test('a second bootstrap is refused once an admin exists', async () => {
  expect(await call('admin', undefined, { action: 'bootstrap' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '已有管理员，请由现任管理员在工作台邀请',
  });
  expect((await call('admin', ADMIN, { action: 'bootstrap' })).code).toBe('PERMISSION_DENIED');
});
