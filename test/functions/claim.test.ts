/**
 * 认领: people the street imported become users by naming themselves as the register does; a
 * head who claims then shows the pass of the child the register lists with them.
 */
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
let enclosureId: string;
let buildingId: string;
const HEAD_ID = validIdNumber('claim-head');
const CHILD_ID = validIdNumber('claim-child');

beforeAll(async () => {
  estate = await startEstate();
  const save = async (fields: object) =>
    (await estate.call('estate', 'demo-admin', { action: 'save', requestId: requestId(), ...fields })).data
      .id as string;
  enclosureId = await save({
    kind: 'enclosure',
    communityId: 'com-hongli',
    name: '湖贝村',
    type: 'village',
    address: '',
  });
  buildingId = await save({
    kind: 'building',
    enclosureId,
    name: '3号楼',
    units: 1,
    floors: 6,
    roomScheme: 'labelled',
  });
  const csv = [
    '楼栋,单元,房号,姓名,与户主关系,身份证号,手机号',
    `3号楼,1,A12,王大明,户主,${HEAD_ID},13900000001`,
    `3号楼,1,A12,王小明,子女,${CHILD_ID},`,
  ].join('\r\n');
  estate.cloud.storage.write('imports/hubei.csv', Buffer.from(`\ufeff${csv}`, 'utf8'));
  const fileID = estate.cloud.storage.fileId('imports/hubei.csv');
  const done = await estate.call('registry', 'demo-admin', {
    action: 'apply',
    requestId: requestId(),
    fileID,
    enclosureId,
  });
  expect(done.data).toMatchObject({ state: 'done', created: 2 });
}, 60_000);
afterAll(() => estate.cloud.stop());

const claimAs = (openid: string, fields: Partial<Record<string, unknown>> = {}) =>
  estate.call('residents', openid, {
    action: 'claim',
    requestId: requestId(),
    name: '王大明',
    idNumber: HEAD_ID,
    enclosureId,
    buildingId,
    unit: 1,
    room: 'A12',
    ...fields,
  });

test('a wrong detail is answered without saying which, and five wrong tries in an hour stop the sixth', async () => {
  const users = countDocs(estate.cloud, 'users');
  for (const wrong of [{ room: 'A13' }, { name: '王大名' }, { idNumber: CHILD_ID }, { room: 'a12' }, { unit: 2 }]) {
    expect(await claimAs('o-guesser-000001', wrong)).toMatchObject({
      code: 'NOT_FOUND',
      message: '未找到与所填信息一致的社区登记，请核对姓名、身份证号和房号',
    });
  }
  // Even the right details are refused now, for this WeChat user.
  expect(await claimAs('o-guesser-000001')).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
  expect(countDocs(estate.cloud, 'users')).toBe(users);
});

test('the head claims, and shows the pass of the child listed with them; nobody can claim them twice', async () => {
  const res = await claimAs('o-wang-daming-01');
  expect(res.code).toBe(0);
  const me = await estate.call('residents', 'o-wang-daming-01', { action: 'me' });
  expect(me.code).toBe(0);
  expect(me.data).toMatchObject({ registered: true, isHead: true, pending: false, residentId: res.data.residentId });
  expect(me.data.address).toMatchObject({ building: '3号楼', unit: 1, room: 'A12' });
  expect(me.data.members.map((m: { relation: string; self: boolean }) => [m.relation, m.self]).sort()).toEqual([
    ['child', false],
    ['head', true],
  ]);
  const [child] = estate.cloud.db.find('residents', { idMasked: { $exists: true }, name: '王小明' }, { limit: 1 })
    .docs as {
    _id: string;
  }[];
  const pass = await estate.call('residents', 'o-wang-daming-01', { action: 'pass', residentId: child._id });
  expect(pass.code).toBe(0);
  expect(await claimAs('o-someone-else-01')).toMatchObject({
    code: 'CONFLICT',
    message: '该住户信息已被认领，如非本人操作请联系网格员',
  });
});

test('registering anew with a listed ID number points to 认领 instead of making a second person', async () => {
  const res = await estate.call('residents', 'o-wang-xiaoming-1', {
    action: 'register',
    requestId: requestId(),
    name: '王小明',
    idNumber: CHILD_ID,
    phone: '13900000002',
    enclosureId,
    buildingId,
    unit: 1,
    room: 'A12',
  });
  expect(res).toMatchObject({ code: 'CONFLICT', field: 'idNumber', message: '社区已为您登记，请使用“认领住户信息”' });
});
