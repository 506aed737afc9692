/** Day one through the local cloud: a street office sets up its estate, and retiring a place stops its use. */
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const STREET = 'demo-admin';
const COMMUNITY = 'demo-community-admin'; // community_admin of com-hongli (春华苑, 立新村)
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const call = (openid: string, event: object) => estate.call('estate', openid, event);
const save = (openid: string, fields: object, rid = requestId()) =>
  call(openid, { action: 'save', requestId: rid, ...fields });
const retire = (openid: string, kind: string, id: string) =>
  call(openid, { action: 'retire', kind, id, reason: '测试停用' });
const docOf = (collection: string, id: string) =>
  estate.cloud.db.find(collection, { _id: id }, { limit: 1 }).docs[0] as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs a call that must be refused and proves it wrote nothing: same counts, same documents. */
async function refused(
  collections: string[],
  run: () => Promise<Answer>,
  code: string,
  message: string,
  field?: string,
) {
  const all = [...new Set([...collections, 'audit_logs'])];
  const counts = () => all.map((c) => countDocs(estate.cloud, c));
  const contents = () => all.map((c) => JSON.stringify(estate.cloud.db.find(c, {}, { limit: 100_000 }).docs));
  const [countsBefore, contentsBefore] = [counts(), contents()];
  const res = await run();
  expect(res).toMatchObject({ code, data: null, message });
  expect(res.field).toBe(field);
  expect(counts()).toEqual(countsBefore);
  expect(contents()).toEqual(contentsBefore);
}

/** What the street admin builds in the first test: a new 社区 with a 城中村 in it. */
const built = { community: '', enclosure: '', building: '', gate: '', grid: '' };
const enclosure = (communityId: string, name: string, more: object = {}) => ({
  kind: 'enclosure',
  communityId,
  name,
  type: 'village',
  address: '',
  ...more,
});
const building = (enclosureId: string, name: string, more: object = {}) => ({
  kind: 'building',
  enclosureId,
  name,
  units: 1,
  floors: 3,
  roomScheme: 'labelled',
  ...more,
});

function register(openid: string, buildingId: string, room: string, enclosureId = built.enclosure) {
  return estate.call('residents', openid, {
    action: 'register',
    requestId: requestId(),
    name: '孙新来',
    idNumber: validIdNumber(openid),
    phone: '13912345678',
    ...{ enclosureId, buildingId, unit: 1, room },
  });
}

test('the street admin builds 社区 → 城中村 → labelled building → gate → grid; tree and enclosure show them', async () => {
  const community = await save(STREET, { kind: 'community', name: '东门社区' });
  expect(community).toMatchObject({ code: 0, data: { kind: 'community', created: true } });
  built.community = community.data.id;
  const village = await save(STREET, enclosure(built.community, '湖贝村', { address: '湖贝路 1 号' }));
  expect(village).toMatchObject({ code: 0, data: { kind: 'enclosure', created: true } });
  built.enclosure = village.data.id;
  const block = await save(STREET, building(built.enclosure, '湖贝村 12 号', { floors: 6 }));
  const gate = await save(STREET, { kind: 'gate', enclosureId: built.enclosure, name: '湖贝村东口', vehicles: false });
  [built.building, built.gate] = [block.data.id, gate.data.id];
  const grid = await save(STREET, {
    kind: 'grid',
    enclosureId: built.enclosure,
    name: '湖贝村第1网格',
    buildingIds: [built.building],
  });
  expect([block, gate, grid].map((r) => r.code)).toEqual([0, 0, 0]);
  built.grid = grid.data.id;
  expect(docOf('enclosures', built.enclosure)).toMatchObject({ communityId: built.community, community: '东门社区' });

  const tree = await call(STREET, { action: 'tree' });
  expect(tree.data.communities.map((c: Answer) => c.id).sort()).toEqual([built.community, 'com-hongli'].sort());
  const summary = { id: built.enclosure, name: '湖贝村', type: 'village', address: '湖贝路 1 号', retired: false };
  expect(tree.data.communities.find((c: Answer) => c.id === built.community)).toEqual({
    ...{ id: built.community, name: '东门社区', retired: false },
    enclosures: [{ ...summary, buildings: 1, gates: 1, grids: 1 }],
  });
  const hongli = tree.data.communities.find((c: Answer) => c.id === 'com-hongli');
  expect(hongli.enclosures).toContainEqual(
    expect.objectContaining({ id: 'enc-chunhua', buildings: 12, gates: 2, grids: 2 }),
  );

  const detail = await call(STREET, { action: 'enclosure', enclosureId: built.enclosure });
  expect(detail).toMatchObject({
    code: 0,
    data: {
      enclosure: { ...summary, communityId: built.community, buildings: 1, gates: 1, grids: 1 },
      buildings: [
        { id: built.building, name: '湖贝村 12 号', units: 1, floors: 6, roomScheme: 'labelled', retired: false },
      ],
      gates: [{ id: built.gate, name: '湖贝村东口', vehicles: false, retired: false }],
      grids: [{ id: built.grid, buildingIds: [built.building], retired: false }],
    },
  });
  // Every change is audited: who, what it was, what it became.
  for (const target of Object.values(built))
    expect(
      countDocs(estate.cloud, 'audit_logs', { actor: STREET, action: { $regex: '^estate_create_' }, target }),
    ).toBe(1);
  expect(estate.cloud.db.find('audit_logs', { target: built.building }, { limit: 5 }).docs).toEqual([
    expect.objectContaining({
      action: 'estate_create_building',
      before: null,
      after: expect.objectContaining({ floors: 6 }),
    }),
  ]);
});

test('a resent create (same request id) creates once and is audited once', async () => {
  const rid = requestId();
  const fields = building(built.enclosure, '湖贝村 14 号');
  const [first, again] = [await save(STREET, fields, rid), await save(STREET, fields, rid)];
  expect(first).toMatchObject({ code: 0, data: { created: true } });
  expect(again).toEqual(first);
  expect(countDocs(estate.cloud, 'buildings', { name: '湖贝村 14 号' })).toBe(1);
  expect(countDocs(estate.cloud, 'audit_logs', { target: first.data.id })).toBe(1);
});

test("the street's own code becomes the id; a code in use, a code on an edit or a malformed one is refused", async () => {
  const made = await save(STREET, { kind: 'community', name: '湖贝社区', code: 'com-hubei' });
  expect(made).toMatchObject({ code: 0, data: { id: 'com-hubei', created: true } });
  expect(docOf('communities', 'com-hubei')).toMatchObject({ name: '湖贝社区', createdBy: STREET });
  await refused(
    ['communities'],
    () => save(STREET, { kind: 'community', name: '湖贝二社区', code: 'com-hubei' }),
    'CONFLICT',
    '编码 com-hubei 已被使用',
    'code',
  );
  await refused(
    ['communities'],
    () => save(STREET, { kind: 'community', name: '湖贝社区', id: 'com-hubei', code: 'com-hubei-2' }),
    'INVALID_ARGUMENT',
    '编码只能在新建时填写',
    'code',
  );
  await refused(
    ['communities'],
    () => save(STREET, { kind: 'community', name: '湖贝三社区', code: 'Hubei 3' }),
    'INVALID_ARGUMENT',
    '编码应为 3–40 位小写字母、数字或连字符',
    'code',
  );
});

test('a community admin reads, changes and retires nothing of another 社区, and sets up no 社区', async () => {
  const denied = ['PERMISSION_DENIED', '只能管理本社区的围合区'] as const;
  const gate = { kind: 'gate', id: built.gate, enclosureId: built.enclosure, name: '改名', vehicles: true };
  await refused(['buildings'], () => save(COMMUNITY, building(built.enclosure, '越权楼')), ...denied);
  await refused(
    ['enclosures'],
    () => save(COMMUNITY, enclosure(built.community, '改名', { id: built.enclosure })),
    ...denied,
  );
  await refused(['gates'], () => save(COMMUNITY, gate), ...denied);
  await refused(['enclosures'], () => retire(COMMUNITY, 'enclosure', built.enclosure), ...denied);
  await refused(['buildings'], () => retire(COMMUNITY, 'building', built.building), ...denied);
  const read = await call(COMMUNITY, { action: 'enclosure', enclosureId: built.enclosure });
  expect(read).toMatchObject({ code: denied[0], message: denied[1], data: null });
  const tree = await call(COMMUNITY, { action: 'tree' });
  expect(tree.data.communities.map((c: Answer) => c.id)).toEqual(['com-hongli']);
  const community = { kind: 'community', name: '自设社区' };
  await refused(['communities'], () => save(COMMUNITY, community), 'PERMISSION_DENIED', '仅街道管理员可以设立社区');
  // In their own 社区 they work as the street admin does.
  const own = await save(COMMUNITY, { kind: 'gate', enclosureId: 'enc-lixin', name: '立新村西门', vehicles: true });
  expect(own).toMatchObject({ code: 0, data: { created: true } });
});

test('nobody moves an enclosure or a building by editing it with another parent', async () => {
  const move = enclosure('com-hongli', '湖贝村', { id: built.enclosure });
  await refused(['enclosures'], () => save(COMMUNITY, move), 'INVALID_ARGUMENT', '不能更改所属社区', 'communityId');
  await refused(['enclosures'], () => save(STREET, move), 'INVALID_ARGUMENT', '不能更改所属社区', 'communityId');
  const into = building('enc-chunhua', '湖贝村 12 号', { id: built.building, floors: 6 });
  await refused(['buildings'], () => save(COMMUNITY, into), 'INVALID_ARGUMENT', '不能更改所属围合区', 'enclosureId');
  const out = building(built.enclosure, '5栋', { id: 'enc-chunhua-b05', units: 2, floors: 8, roomScheme: 'numbered' });
  await refused(['buildings'], () => save(STREET, out), 'INVALID_ARGUMENT', '不能更改所属围合区', 'enclosureId');
  expect(docOf('buildings', 'enc-chunhua-b05')!.enclosureId).toBe('enc-chunhua');
});

test("a grid may hold neither another enclosure's building nor one already in another live grid", async () => {
  const grid = (buildingIds: string[], more: object = {}) =>
    save(STREET, { kind: 'grid', enclosureId: built.enclosure, name: '湖贝村第2网格', buildingIds, ...more });
  await refused(
    ['grids'],
    () => grid(['enc-chunhua-b01']),
    'INVALID_ARGUMENT',
    '只能选择本围合区的楼栋',
    'buildingIds',
  );
  const taken = '所选楼栋已属于「湖贝村第1网格」，请先从该网格移出';
  await refused(['grids'], () => grid([built.building]), 'CONFLICT', taken, 'buildingIds');
  // Editing the grid that holds it is no conflict with itself.
  const edited = await grid([built.building], { id: built.grid, name: '湖贝村一网格' });
  expect(edited).toMatchObject({ code: 0, data: { id: built.grid, created: false } });
  expect(docOf('grids', built.grid)).toMatchObject({ name: '湖贝村一网格', updatedBy: STREET });
});

test('a building cannot shrink below the units and floors where residents live', async () => {
  const living = estate.cloud.db.find('residents', { buildingId: 'enc-chunhua-b01' }, { limit: 10_000 }).docs;
  expect(Math.max(...living.map((r) => r.unit as number))).toBe(2);
  expect(Math.max(...living.map((r) => r.floor as number))).toBe(8);
  const b01 = (units: number, floors: number) =>
    save(COMMUNITY, building('enc-chunhua', '1栋', { id: 'enc-chunhua-b01', roomScheme: 'numbered', units, floors }));
  const stillLived = 'FAILED_PRECONDITION';
  await refused(['buildings'], () => b01(1, 8), stillLived, '2单元仍有住户，单元数不能少于 2', 'units');
  await refused(['buildings'], () => b01(2, 7), stillLived, '8层仍有住户，层数不能少于 8', 'floors');
  expect(await b01(2, 9)).toMatchObject({ code: 0, data: { created: false } });
  expect(docOf('buildings', 'enc-chunhua-b01')).toMatchObject({ units: 2, floors: 9 });
});

test('retiring is refused while residents or live children remain, and nothing is written', async () => {
  const residents = countDocs(estate.cloud, 'residents', { buildingId: 'enc-chunhua-b02' });
  expect(residents).toBeGreaterThan(0);
  const lived = `仍有 ${residents} 名住户登记在此，请先办理迁出`;
  await refused(
    ['buildings'],
    () => retire(COMMUNITY, 'building', 'enc-chunhua-b02'),
    'FAILED_PRECONDITION',
    lived,
    'id',
  );
  const children = '请先停用该围合区的楼栋、卡口和网格';
  await refused(
    ['enclosures'],
    () => retire(COMMUNITY, 'enclosure', 'enc-lixin'),
    'FAILED_PRECONDITION',
    children,
    'id',
  );
  const enclosures = '请先停用该社区下的围合区';
  await refused(
    ['communities'],
    () => retire(STREET, 'community', built.community),
    'FAILED_PRECONDITION',
    enclosures,
    'id',
  );
  const streetOnly = '仅街道管理员可以停用社区';
  await refused(['communities'], () => retire(COMMUNITY, 'community', 'com-hongli'), 'PERMISSION_DENIED', streetOnly);
});

/** The pass a green resident of 春华苑 shows (its tokens come from residents.pass). */
async function greenPassInChunhua(): Promise<string> {
  for (const status of estate.cloud.db.find('statuses', { colour: 'green' }, { limit: 10_000 }).docs) {
    const resident = docOf('residents', status._id as string);
    if (resident?.enclosureId !== 'enc-chunhua' || !resident.openid) continue;
    const pass = await estate.call('residents', resident.openid, { action: 'pass' });
    expect(pass.code).toBe(0);
    return pass.data.token;
  }
  throw new Error('no green resident in 春华苑');
}

test('at a retired gate the scan is refused and logged nowhere; the worker no longer sees the gate', async () => {
  const token = await greenPassInChunhua();
  const scan = (gateId: string) =>
    estate.call('gate', 'demo-grid-11', { action: 'scan', gateId, direction: 'in', token, temperature: 36.5 });
  expect(await scan('enc-chunhua-gate-2')).toMatchObject({ code: 0, data: { allowed: true } });
  const retired = await retire(COMMUNITY, 'gate', 'enc-chunhua-gate-2');
  expect(retired).toMatchObject({ code: 0, data: { kind: 'gate', id: 'enc-chunhua-gate-2' } });
  expect(await retire(COMMUNITY, 'gate', 'enc-chunhua-gate-2')).toEqual(retired); // once is enough
  expect(countDocs(estate.cloud, 'audit_logs', { target: 'enc-chunhua-gate-2', action: 'estate_retire_gate' })).toBe(1);
  expect(docOf('gates', 'enc-chunhua-gate-2')).toMatchObject({ retiredBy: COMMUNITY, retireReason: '测试停用' });

  const closed = '该卡口已停用，请到其他卡口通行';
  await refused(['gate_logs'], () => scan('enc-chunhua-gate-2'), 'FAILED_PRECONDITION', closed);
  expect(await scan('enc-chunhua-gate-1')).toMatchObject({ code: 0, data: { allowed: true } });
  const me = await estate.call('account', 'demo-grid-11', { action: 'me' });
  expect(me.data.gates.map((g: Answer) => g.id)).toEqual(['enc-chunhua-gate-1']);
  const detail = await call(COMMUNITY, { action: 'enclosure', enclosureId: 'enc-chunhua' });
  expect(detail.data.enclosure.gates).toBe(1);
  expect(detail.data.gates).toContainEqual(expect.objectContaining({ id: 'enc-chunhua-gate-2', retired: true }));
});

test('a retired grid gives its worker no right to verify the residents in it', async () => {
  // 立新村第2网格 (demo-grid-22) holds buildings 5–8.
  const [first, second] = estate.cloud.db.find('residents', { buildingId: 'enc-lixin-b06' }, { limit: 2 }).docs;
  const verify = (residentId: unknown) =>
    estate.call('residents', 'demo-grid-22', { action: 'verify', residentId, note: '入户核实' });
  expect(await verify(first._id)).toMatchObject({ code: 0 });
  expect(await retire(STREET, 'grid', 'enc-lixin-grid-2')).toMatchObject({ code: 0 });
  const notMine = '该住户不在您负责的网格';
  await refused(['residents', 'statuses'], () => verify(second._id), 'PERMISSION_DENIED', notMine);
  // Its buildings are free for another grid now.
  const regrid = { kind: 'grid', enclosureId: 'enc-lixin', name: '立新村新网格', buildingIds: ['enc-lixin-b06'] };
  expect(await save(STREET, regrid)).toMatchObject({ code: 0, data: { created: true } });
});

test('rooms follow the building: A12 in a labelled building, 3–4 digits in a numbered one', async () => {
  const ok = await register('o-estate-village', built.building, 'A12');
  expect(ok).toMatchObject({ code: 0, data: { status: { colour: 'yellow' } } });
  expect(docOf('residents', ok.data.residentId)).toMatchObject({ buildingId: built.building, room: 'A12', floor: 0 });
  const people = ['residents', 'households', 'users', 'id_claims', 'statuses'];
  const inBlock = () => register('o-estate-block', 'enc-chunhua-b03', 'A12', 'enc-chunhua');
  await refused(people, inBlock, 'INVALID_ARGUMENT', '房号应为 3–4 位数字，如 501', 'room');
  const tooHigh = () => register('o-estate-high', built.building, '701');
  await refused(people, tooHigh, 'INVALID_ARGUMENT', '该楼共 6 层，房号不正确', 'room');
  const directory = await estate.call('residents', 'o-estate-block', { action: 'directory' });
  const village = directory.data.enclosures.find((e: Answer) => e.id === built.enclosure);
  expect(village.buildings).toContainEqual(expect.objectContaining({ id: built.building, roomScheme: 'labelled' }));
  const chunhua = directory.data.enclosures.find((e: Answer) => e.id === 'enc-chunhua');
  expect(chunhua.buildings[0]).toMatchObject({ roomScheme: 'numbered' });
});

test('a retired building leaves the directory and takes no registration', async () => {
  const empty = await save(STREET, building(built.enclosure, '湖贝村 16 号'));
  expect((await retire(STREET, 'building', empty.data.id)).code).toBe(0);
  const directory = await estate.call('residents', 'o-estate-late', { action: 'directory' });
  const village = directory.data.enclosures.find((e: Answer) => e.id === built.enclosure);
  expect(village.buildings.map((b: Answer) => b.id)).toEqual([built.building, expect.any(String)]);
  expect(village.buildings.map((b: Answer) => b.id)).not.toContain(empty.data.id);
  const people = ['residents', 'households', 'users', 'id_claims', 'statuses'];
  const late = () => register('o-estate-late', empty.data.id, 'A3');
  await refused(people, late, 'INVALID_ARGUMENT', '该楼栋已停用，请联系网格员', 'buildingId');
  // Retired, it is kept (history points at it) and cannot be edited.
  const edit = () => save(STREET, building(built.enclosure, '复用', { id: empty.data.id }));
  await refused(['buildings'], edit, 'FAILED_PRECONDITION', '该楼栋已停用，不能修改');
});

/** Two bugs these tests found (both fixed): each failed on the code as it was. */
describe('found by these tests', () => {
  test('a resent grid create answers as the first time did (not a conflict with itself)', async () => {
    const block = await save(STREET, building(built.enclosure, '湖贝村 18 号'));
    const rid = requestId();
    const grid = { kind: 'grid', enclosureId: built.enclosure, name: '湖贝村第3网格', buildingIds: [block.data.id] };
    const first = await save(STREET, grid, rid);
    expect(first).toMatchObject({ code: 0, data: { created: true } });
    expect(await save(STREET, grid, rid)).toEqual(first);
  });

  test('the tree counts every enclosure, beyond the 20 rows an aggregate answers by default', async () => {
    for (let i = 0; i < 20; i++) {
      const e = await save(STREET, enclosure(built.community, `小区${i}`));
      await save(STREET, building(e.data.id, '1栋'));
    }
    const tree = await call(STREET, { action: 'tree' });
    const enclosures = tree.data.communities.flatMap((c: Answer) => c.enclosures);
    expect(enclosures.length).toBeGreaterThan(20);
    expect(enclosures.filter((e: Answer) => e.buildings === 0)).toEqual([]);
  });
});
