/** The function runner and gateway: callers, instances, timeouts, crashes, nesting, metering. */
import { LocalCloud } from '../src';
import { callAs, startTestCloud } from './helpers';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

test('two users calling one function at the same time each see their own OPENID', async () => {
  const [ann, bob] = await Promise.all([
    callAs(cloud, 'whoami', 'o-ann', { pauseMs: 150 }),
    callAs(cloud, 'whoami', 'o-bob', { pauseMs: 150 }),
  ]);
  for (const [res, openid] of [
    [ann, 'o-ann'],
    [bob, 'o-bob'],
  ] as const) {
    expect(res.status).toBe(200);
    expect(res.body.before).toMatchObject({
      OPENID: openid,
      APPID: cloud.appId,
      ENV: cloud.envId,
      SOURCE: 'wx_client',
    });
    expect(res.body.after).toMatchObject({ OPENID: openid });
    expect(res.body.userInfo).toEqual({ appId: cloud.appId, openId: openid });
  }
});

test('a call without a user has no OPENID', async () => {
  const res = await callAs(cloud, 'whoami', undefined, {});
  expect(res.body.before).not.toHaveProperty('OPENID');
});

test('a function that throws is answered as an error and the next call still works', async () => {
  const res = await callAs(cloud, 'thrower', 'o-ann', {});
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('boom from thrower') });
  expect((await callAs(cloud, 'whoami', 'o-ann', {})).status).toBe(200);
});

test('a crash outside the handler is an error for that call only; the runner carries on', async () => {
  const res = await callAs(cloud, 'crasher', 'o-ann', {});
  expect(res.status).toBe(500);
  expect(res.body.errMsg).toMatch(/uncaught in crasher/);
  expect((await callAs(cloud, 'whoami', 'o-bob', {})).status).toBe(200);
});

test('a function running past its config.json timeout is stopped and answered as timed out', async () => {
  const started = Date.now();
  const res = await callAs(cloud, 'sleepy', 'o-ann', { ms: 5000 });
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ errCode: -504003, errMsg: 'Invoking task timed out after 1 seconds' });
  expect(Date.now() - started).toBeLessThan(4000);
  const quick = await callAs(cloud, 'sleepy', 'o-ann', { ms: 10 });
  expect(quick.body).toEqual({ finished: true });
});

test('an unknown function is a 404 with a message', async () => {
  const res = await callAs(cloud, 'nope', 'o-ann', {});
  expect(res.status).toBe(404);
  expect(res.body.errMsg).toMatch(/nope/);
});

test('cloud.callFunction between functions works; the callee sees SOURCE wx_client,scf and no user', async () => {
  const res = await callAs(cloud, 'relay', 'o-ann', {});
  expect(res.status).toBe(200);
  expect(res.body.relayedBy).toBe('o-ann');
  expect(res.body.inner).toMatchObject({ before: { SOURCE: 'wx_client,scf' } });
  expect((res.body.inner as { before: object }).before).not.toHaveProperty('OPENID');
});

test('database operations are counted per invocation and in total', async () => {
  const before = cloud.meter.total.writes;
  const res = await callAs(cloud, 'whoami', 'o-ann', {});
  expect(res.dbOps).toBe(1);
  const record = cloud.meter.invocation(res.invocationId!);
  expect(record).toMatchObject({ functionName: 'whoami', openid: 'o-ann', ok: true, ops: { reads: 0, writes: 1 } });
  expect(record!.ops.byCollection.calls).toEqual({ reads: 0, writes: 1 });
  expect(cloud.meter.total.writes).toBe(before + 1);
  const meter = await fetch(`${cloud.url}/_localcloud/meter`).then((r) => r.json());
  expect(meter.invocations.some((i: { id: string }) => i.id === res.invocationId)).toBe(true);
});

test('a payload over 100 KB is refused like callFunction refuses it', async () => {
  const res = await fetch(`${cloud.url}/functions/whoami`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'o-ann' },
    body: JSON.stringify({ blob: 'x'.repeat(101 * 1024) }),
  });
  expect(res.status).toBe(413);
});

test('an open API call (subscribe message) is recorded in the outbox, not sent, and answered ok', async () => {
  const res = await callAs(cloud, 'notifier', 'o-ann', { touser: 'o-bob' });
  expect(res.body).toMatchObject({ errCode: 0 });
  const outbox = await fetch(`${cloud.url}/_localcloud/outbox`).then((r) => r.json());
  expect(outbox).toEqual([
    expect.objectContaining({
      api: 'subscribeMessage.send',
      functionName: 'notifier',
      params: expect.objectContaining({
        touser: 'o-bob',
        template_id: 'TEMPLATE_ID',
        data: { thing1: { value: '请测温打卡' }, time2: { value: '2020-02-15 07:00' } },
      }),
    }),
  ]);
});

test('an open API the function does not declare in config.json is refused with -604101 and not recorded', async () => {
  const before = (await fetch(`${cloud.url}/_localcloud/outbox`).then((r) => r.json())).length;
  const res = await callAs(cloud, 'undeclared', 'o-ann', { touser: 'o-bob' });
  expect(JSON.stringify(res.body)).toContain('-604101');
  const after = (await fetch(`${cloud.url}/_localcloud/outbox`).then((r) => r.json())).length;
  expect(after).toBe(before);
});

test('cloud storage: a function uploads a file and gets a download URL the local cloud serves', async () => {
  const res = await callAs(cloud, 'uploader', 'o-ann', { path: 'exports/test/地图.csv', text: '楼栋,人数\n1栋,42\n' });
  expect(res.body).toMatchObject({ fileID: `cloud://${cloud.envId}.local-bucket/exports/test/地图.csv`, status: 0 });
  const file = await fetch(res.body.url as string);
  expect(await file.text()).toBe('楼栋,人数\n1栋,42\n');
  expect((await callAs(cloud, 'uploader', 'o-ann', { path: '../escape.txt', text: 'x' })).status).toBe(500);
});
