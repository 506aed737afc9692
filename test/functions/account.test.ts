/** The `account` function, built as deployed, on the local cloud seeded with the demo estate. */
import { LocalCloud } from '../../localcloud/src';
import { callAs, tempDir } from '../../localcloud/test/helpers';
import { startLocalCloud } from '../../localcloud/src';
import { loadDemo } from '../../demo/load';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ dataDir: tempDir(), port: 0, log: () => undefined });
  await loadDemo(cloud);
});
afterAll(() => cloud.stop());

test('a grid worker is told their role, enclosure and gates, in at most 3 database operations', async () => {
  const res = await callAs(cloud, 'account', 'demo-grid-11', { action: 'me' });
  expect(res.body).toMatchObject({
    code: 0,
    data: {
      roles: ['grid_worker'],
      enclosureId: 'enc-chunhua',
      enclosureName: '春华苑',
      gates: [
        { id: 'enc-chunhua-gate-1', name: '春华苑东门' },
        { id: 'enc-chunhua-gate-2', name: '春华苑南门' },
      ],
    },
  });
  expect(res.dbOps).toBeLessThanOrEqual(3);
});

test('a resident gets the name of their resident record', async () => {
  const res = await callAs(cloud, 'account', 'demo-resident-00001', { action: 'me' });
  expect(res.body).toMatchObject({ code: 0, data: { roles: ['resident'], displayName: expect.any(String) } });
});

test('a WeChat user the estate does not know yet has no roles', async () => {
  const res = await callAs(cloud, 'account', 'o-stranger', { action: 'me' });
  expect(res.body).toEqual({
    code: 0,
    message: 'ok',
    data: { roles: [], displayName: null, enclosureId: null, enclosureName: null, gates: [] },
  });
});

test('roles come from the trusted OPENID, not from the event', async () => {
  const forgedUserInfo = await callAs(cloud, 'account', 'o-stranger', {
    action: 'me',
    userInfo: { openId: 'demo-admin' },
  });
  expect(forgedUserInfo.body).toMatchObject({ code: 0, data: { roles: [] } });
  // A key the action does not take is refused by name, never read.
  const forgedOpenid = await callAs(cloud, 'account', 'o-stranger', { action: 'me', openid: 'demo-admin' });
  expect(forgedOpenid.body).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'openid', data: null });
});

test('a call without a WeChat user, or with an unknown action, is refused with a code and message', async () => {
  expect((await callAs(cloud, 'account', undefined, { action: 'me' })).body).toEqual({
    code: 'UNAUTHENTICATED',
    data: null,
    message: '请在微信中打开',
  });
  expect((await callAs(cloud, 'account', 'o-x', { action: 'drop' })).body).toMatchObject({
    code: 'UNKNOWN_ACTION',
    data: null,
  });
});

test('the demo estate’s isolated residents have open isolation orders, as a status computation would create', () => {
  const isolated = cloud.db.find('statuses', { 'reasons.rule': 'key_area_travel' }, { limit: 1000 }).docs;
  expect(isolated.length).toBeGreaterThan(0);
  const orders = cloud.db.find('isolation_orders', { state: 'active' }, { limit: 1000 }).docs;
  expect(orders.map((o) => o.residentId).sort()).toEqual(isolated.map((s) => s._id).sort());
});
