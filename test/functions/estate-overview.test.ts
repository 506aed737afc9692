/** 街道总览 and any enclosure's map for the admins: the same counts the grid workers see, at a fixed cost. */
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
}, 60_000);
afterAll(() => estate.cloud.stop());

test('the street overview adds up each enclosure as its own map does, in a handful of database operations', async () => {
  const { body, dbOps } = await estate.calls(estate.cloud, 'estate', 'demo-admin', { action: 'overview' });
  expect(body.code).toBe(0);
  expect(dbOps).toBeLessThanOrEqual(20);
  const rows = body.data.enclosures as { enclosureId: string; residents: number; red: number; isolated: number }[];
  expect(rows.map((r) => r.enclosureId).sort()).toEqual(['enc-chunhua', 'enc-lixin']);
  for (const row of rows) {
    const map = await estate.call('estate', 'demo-admin', { action: 'map', enclosureId: row.enclosureId });
    expect(map.code).toBe(0);
    expect({ residents: row.residents, red: row.red, isolated: row.isolated }).toEqual({
      residents: map.data.totals.residents,
      red: map.data.totals.red,
      isolated: map.data.totals.isolated,
    });
  }
  expect(body.data.totals.residents).toBe(countDocs(estate.cloud, 'statuses'));
  expect(body.data.totals.residents).toBe(rows.reduce((n, r) => n + r.residents, 0));
});

test('a community admin sees their 社区 only, and another 社区’s admin cannot open its map', async () => {
  const own = await estate.call('estate', 'demo-community-admin', { action: 'overview' });
  expect(own.data.enclosures.map((e: { communityName: string }) => e.communityName)).toEqual(['红荔社区', '红荔社区']);

  const created = await estate.call('estate', 'demo-admin', {
    action: 'save',
    kind: 'community',
    requestId: requestId(),
    name: '园东社区',
  });
  estate.cloud.importDocuments({
    users: [
      { _id: 'o-yuandong-admin-01', roles: ['community_admin'], communityId: created.data.id, name: '园东社区管理员' },
    ],
  });
  const other = await estate.call('estate', 'o-yuandong-admin-01', { action: 'overview' });
  expect(other.data).toEqual({
    enclosures: [],
    totals: { residents: 0, returned: 0, isolated: 0, red: 0, yellow: 0, declarationMissing: 0 },
  });
  expect(
    await estate.call('estate', 'o-yuandong-admin-01', { action: 'map', enclosureId: 'enc-chunhua' }),
  ).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '只能管理本社区的围合区',
  });
  expect((await estate.call('estate', 'demo-grid-11', { action: 'overview' })).code).toBe('PERMISSION_DENIED');
});
