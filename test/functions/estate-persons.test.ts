/** 有事找谁: the 联系人 and 包干责任人 of a building and its enclosure, full to staff, masked to residents, sealed at rest. */
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
}, 60_000);
afterAll(() => estate.cloud.stop());

const building = (fields: Record<string, unknown>) =>
  estate.call('estate', 'demo-admin', {
    action: 'save',
    kind: 'building',
    id: 'enc-chunhua-b01',
    requestId: requestId(),
    enclosureId: 'enc-chunhua',
    name: '1栋',
    units: 2,
    floors: 8,
    roomScheme: 'numbered',
    ...fields,
  });

test('a bad phone number is refused at its field and nothing changes', async () => {
  const res = await building({ contact: { name: '陈楼长', phone: '1380013' } });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'contact.phone', message: '手机号格式不正确' });
  const [stored] = estate.cloud.db.find('buildings', { _id: 'enc-chunhua-b01' }, { limit: 1 }).docs;
  expect(stored).not.toHaveProperty('contact');
});

test('staff read the numbers in full; residents of the building see who to ask, the numbers masked; nothing plain at rest', async () => {
  const saved = await building({
    contact: { name: '陈楼长', phone: '13800138001' },
    responsible: { name: '刘包干', phone: '13900139002' },
  });
  expect(saved.code).toBe(0);
  const detail = await estate.call('estate', 'demo-community-admin', {
    action: 'enclosure',
    enclosureId: 'enc-chunhua',
  });
  const b01 = detail.data.buildings.find((b: { id: string }) => b.id === 'enc-chunhua-b01');
  expect(b01).toMatchObject({
    contact: { name: '陈楼长', phone: '13800138001' },
    responsible: { name: '刘包干', phone: '13900139002' },
  });

  const [someone] = estate.cloud.db.find(
    'residents',
    { buildingId: 'enc-chunhua-b01', openid: { $exists: true } },
    { limit: 1 },
  ).docs as { openid: string }[];
  const me = await estate.call('residents', someone.openid, { action: 'me' });
  expect(me.data.contacts).toEqual([
    { label: '1栋联系人', name: '陈楼长', phoneMasked: '138****8001' },
    { label: '1栋包干责任人', name: '刘包干', phoneMasked: '139****9002' },
    { label: '春华苑联系人', name: '春联络员', phoneMasked: '138****0001' },
    { label: '春华苑包干责任人', name: '春包干员', phoneMasked: '138****0002' },
  ]);

  const stored = JSON.stringify([
    estate.cloud.db.find('buildings', { _id: 'enc-chunhua-b01' }, { limit: 1 }).docs,
    estate.cloud.db.find('audit_logs', { target: 'enc-chunhua-b01' }, { limit: 10 }).docs,
  ]);
  expect(stored).not.toContain('13800138001');
  expect(stored).not.toContain('13900139002');
});

test('null clears a person; leaving the field out keeps them', async () => {
  await building({ responsible: null });
  const detail = await estate.call('estate', 'demo-admin', { action: 'enclosure', enclosureId: 'enc-chunhua' });
  const b01 = detail.data.buildings.find((b: { id: string }) => b.id === 'enc-chunhua-b01');
  expect(b01.responsible).toBeNull();
  expect(b01.contact).toEqual({ name: '陈楼长', phone: '13800138001' });
});

test('the 防疫地图 says who to call: the enclosure’s two people and each building’s, in full to staff only', async () => {
  const map = await estate.call('grid', 'demo-grid-11', { action: 'map' });
  expect(map.data.enclosurePeople).toEqual({
    contact: { name: '春联络员', phone: '13820200001' },
    responsible: { name: '春包干员', phone: '13820200002' },
  });
  const b02 = map.data.buildings.find((b: { buildingId: string }) => b.buildingId === 'enc-chunhua-b02');
  expect(b02).toMatchObject({ contact: null, responsible: { name: '楼长2栋', phone: '13820200004' } });
  const admin = await estate.call('estate', 'demo-community-admin', { action: 'map', enclosureId: 'enc-lixin' });
  expect(admin.data.enclosurePeople.contact).toEqual({ name: '立联络员', phone: expect.stringMatching(/^138\d{8}$/) });
  expect(admin.data.buildings.every((b: { responsible: unknown }) => b.responsible !== undefined)).toBe(true);
  // Residents never read the map (they see the masked 有事找谁 on 我的家庭).
  const { openid } = estate.demo.examples.green;
  expect((await estate.call('grid', openid, { action: 'map' })).code).toBe('PERMISSION_DENIED');
});
