/** The oversell guard under real concurrency: functions in parallel instances against one stock. */
import { LocalCloud } from '../src';
import { callAs, databaseFor, startTestCloud } from './helpers';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ maxInstancesPerFunction: 8 });
  await databaseFor(cloud)
    .collection('stock')
    .add({ data: { _id: 'masks', left: 20 } });
});
afterAll(() => cloud.stop());

test('50 concurrent conditional decrements of a stock of 20 sell exactly 20 and end at 0', async () => {
  const calls = Array.from({ length: 50 }, (_, i) => callAs(cloud, 'stock', `buyer-${i}`, { id: 'masks', qty: 1 }));
  const results = await Promise.all(calls);
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(results.filter((r) => r.body.sold === true)).toHaveLength(20);
  const { data } = await databaseFor(cloud).collection('stock').doc('masks').get();
  expect(data).toMatchObject({ left: 0 });
  expect(cloud.runner.instanceCount('stock')).toBeGreaterThan(1);
});
