/** Rule parameters are configuration: versioned, checked, audited, and used by the next status. */
import { Estate, daysAgoIso, requestId, startEstate } from './journeys';

let estate: Estate;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

test('only the street-office admin reads or changes the rules', async () => {
  expect(await estate.call('admin', 'demo-grid-11', { action: 'getRules' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(
    await estate.call('admin', 'demo-grid-11', { action: 'publishRules', rules: { isolationDays: 7 } }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect((await estate.call('admin', 'demo-admin', { action: 'getRules' })).data).toMatchObject({
    version: 1,
    isolationDays: 14,
  });
});

test('an impossible configuration is refused in Chinese and nothing is published', async () => {
  const res = await estate.call('admin', 'demo-admin', {
    action: 'publishRules',
    rules: { feverThresholdCelsius: 39.5 },
  });
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', message: '发热标准应在 37.0–38.5 ℃ 之间' });
  expect(estate.cloud.db.count('rule_configs', {}).total).toBe(1);
});

test('a new key area is a new version; the next report against it is red and records that version', async () => {
  const published = await estate.call('admin', 'demo-admin', {
    action: 'publishRules',
    rules: {
      keyAreas: [
        { code: '420100', name: '湖北省武汉市' },
        { code: '440300', name: '广东省深圳市' },
      ],
    },
    note: '深圳列为重点地区（演示）',
  });
  expect(published).toMatchObject({ code: 0, data: { version: 2 } });
  const { openid } = estate.demo.examples.green;
  const res = await estate.call('residents', openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [{ place: '深圳', areaCode: '440304', from: daysAgoIso(4), to: daysAgoIso(3) }],
  });
  expect(res.data.status).toMatchObject({ colour: 'red', ruleVersion: 2 });
  expect(res.data.status.reasons[0].text).toContain('广东省深圳市');
  const audit = estate.cloud.db.find('audit_logs', { action: 'publish_rules' }, { limit: 5 }).docs;
  expect(audit).toEqual([
    expect.objectContaining({ actor: 'demo-admin', before: { version: 1 }, note: '深圳列为重点地区（演示）' }),
  ]);
});

test('the first admin is seeded only by a server-side call (no WeChat user) and only once', async () => {
  const { cloud } = estate;
  // From the mini-program (any OPENID) it is refused.
  expect(await estate.call('admin', 'o-hopeful', { action: 'seedAdmin', openid: 'o-hopeful' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  // The demo estate already has an admin: a server-side call is refused too.
  const serverSide = await cloud.invoke('admin', { action: 'seedAdmin', openid: 'o-new-admin' }, { source: 'wx_http' });
  expect(serverSide.result).toMatchObject({ code: 'FAILED_PRECONDITION' });
  // With no admin left, the deploy script's call makes one.
  cloud.db.store.commit([{ collection: 'users', id: 'demo-admin', doc: null }]);
  const seeded = await cloud.invoke('admin', { action: 'seedAdmin', openid: 'o-new-admin' }, { source: 'wx_http' });
  expect(seeded.result).toMatchObject({ code: 0, data: { admin: 'o-new-admin' } });
  expect((await estate.call('admin', 'o-new-admin', { action: 'getRules' })).code).toBe(0);
  // Looking for any admin scans users: acceptable once per deployment, and reported as such.
  expect(cloud.meter.unindexed).toEqual({ 'users: roles': 2 });
});
