/**
 * Cold starts: as in CloudBase, a function's timeout times its handler, not the loading of a new
 * instance (the bundle, wx-server-sdk); loading has its own limit.
 */
import { LocalCloud } from '../src';
import { callAs, startTestCloud } from './helpers';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.stop();
  cloud = undefined;
});

test('simultaneous first calls on a fresh cloud all succeed though loading outlasts the timeout', async () => {
  cloud = await startTestCloud();
  // `coldstart` takes 1.5 s to load and has a 1-second timeout.
  const calls = await Promise.all(Array.from({ length: 4 }, (_, i) => callAs(cloud!, 'coldstart', `o-${i}`, {})));
  expect(calls.map((c) => [c.status, c.body])).toEqual(Array(4).fill([200, { served: true }]));
  expect(cloud.runner.instanceCount('coldstart')).toBe(4);
});

test('a handler that runs past its timeout on a cold instance still times out, counted from the handler', async () => {
  cloud = await startTestCloud();
  const started = Date.now();
  const res = await callAs(cloud, 'coldstart', 'o-ann', { ms: 5000 });
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ errCode: -504003, errMsg: 'Invoking task timed out after 1 seconds' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(2500); // 1.5 s loading, then the 1 s handler budget
  expect(Date.now() - started).toBeLessThan(5000);
});

test('an instance that fails while loading answers the call as a failure, and the next call is tried afresh', async () => {
  cloud = await startTestCloud();
  for (let i = 0; i < 2; i++) {
    const res = await callAs(cloud, 'brokenload', 'o-ann', {});
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('cannot load brokenload') });
  }
});

test('an instance that takes longer than the start-up limit to load is given up', async () => {
  cloud = await startTestCloud({ startupTimeoutMs: 300 });
  const res = await callAs(cloud, 'coldstart', 'o-ann', {});
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/failed to start.*0\.3 seconds/) });
  expect(cloud.runner.instanceCount('coldstart')).toBe(0);
});
