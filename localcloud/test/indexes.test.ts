/**
 * Declared indexes keep lookups cheap at 100,000 documents: the meter's `scanned` count shows how
 * many documents a query had to examine (speed itself is measured by `npm run bench`).
 */
import { LocalCloud } from '../src';
import { keyOf } from '../src/store';
import { startTestCloud, databaseFor, SdkDatabase } from './helpers';

// Full scans of 100,000 documents are slow by design here (what the meter is there to reveal).
jest.setTimeout(60_000);

let cloud: LocalCloud;
let db: SdkDatabase;
const N = 100_000;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  const docs = Array.from({ length: N }, (_, i) => ({
    _id: `i${i}`,
    kind: `k${i % 1000}`,
    n: i,
    address: { city: `c${i % 50}` },
  }));
  cloud.db.store.commit(docs.map((doc) => ({ collection: 'items', id: keyOf(doc._id), doc })));
  cloud.db.store.commit(docs.slice(0, 5000).map((doc) => ({ collection: 'people', id: keyOf(doc._id), doc })));
}, 60_000);
afterAll(() => cloud.stop());

async function scannedBy(run: () => Promise<unknown>): Promise<number> {
  const before = cloud.meter.total.scanned;
  await run();
  return cloud.meter.total.scanned - before;
}

test('an equality query on an indexed field examines only its matches', async () => {
  let found = 0;
  const scanned = await scannedBy(async () => {
    found = (await db.collection('items').where({ kind: 'k7' }).limit(1000).get()).data.length;
  });
  expect(found).toBe(100);
  expect(scanned).toBe(100);
});

test('lookups by _id examine one document', async () => {
  const scanned = await scannedBy(() => db.collection('items').doc('i99999').get());
  expect(scanned).toBe(1);
});

test('an unindexed field costs a full scan, which is what the meter is there to reveal', async () => {
  const scanned = await scannedBy(() => db.collection('items').where({ n: 42 }).get());
  expect(scanned).toBe(N);
});

test('an index on a dotted path is used, and dropped once a value there is an array', async () => {
  const byCity = () => db.collection('people').where({ 'address.city': 'c3' }).count();
  expect(await scannedBy(byCity)).toBe(100);
  await db.collection('people').add({ data: { _id: 'multi', address: [{ city: 'c3' }] } });
  let total = 0;
  const scanned = await scannedBy(async () => {
    total = (await byCity()).total;
  });
  expect(total).toBe(101); // the array element matches too, as in MongoDB
  expect(scanned).toBe(5001);
});

test('a filtered query that finds no index is reported, as DevTools warns; indexed ones are not', async () => {
  cloud.meter.reset();
  await db.collection('items').where({ kind: 'k1' }).limit(1).get();
  await db.collection('items').doc('i1').get();
  expect(cloud.meter.unindexed).toEqual({});
  await db
    .collection('items')
    .where({ n: 5, kind: db.command.exists(true) })
    .count();
  await db.collection('items').where({ n: 6 }).get();
  expect(cloud.meter.unindexed).toEqual({ 'items: kind+n': 1, 'items: n': 1 });
});

test('a date range on an indexed date field uses the index and answers exactly what MongoDB would', async () => {
  const start = Date.UTC(2020, 1, 1);
  const docs = Array.from({ length: 2000 }, (_, i) => ({ _id: `o${i}`, at: new Date(start + i * 3600_000), n: i }));
  cloud.db.store.commit(docs.map((doc) => ({ collection: 'orders', id: keyOf(doc._id), doc })));
  await db.collection('orders').add({ data: { _id: 'odd', at: 'not a date' } });
  const from = new Date(start + 100 * 3600_000);
  const to = new Date(start + 150 * 3600_000);
  let found: { _id: string }[] = [];
  const scanned = await scannedBy(async () => {
    found = (
      await db
        .collection('orders')
        .where({ at: db.command.gte(from).and(db.command.lt(to)) })
        .limit(1000)
        .get()
    ).data;
  });
  expect(found.map((d) => d._id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `o${100 + i}`).sort());
  expect(scanned).toBeLessThanOrEqual(52);
  const exact = await db.collection('orders').where({ at: from }).get();
  expect(exact.data).toEqual([{ _id: 'o100', at: from, n: 100 }]);
});

test('a page after a cursor, ordered by _id, examines the page and not the documents before it', async () => {
  // What findAll and every job's cursor do: `_id > last`, ordered by `_id`, a page at a time.
  const page = (after: string) =>
    db
      .collection('items')
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
  let ids: string[] = [];
  const scanned = await scannedBy(async () => {
    ids = (await page('i9')).data.map((d: { _id: string }) => d._id);
  });
  const expected = Array.from({ length: N }, (_, i) => `i${i}`)
    .filter((id) => id > 'i9')
    .sort()
    .slice(0, 100);
  expect(ids).toEqual(expected);
  expect(scanned).toBe(100);
  // Descending too, and with an indexed equality beside the cursor (an open order after the last).
  const down = await db
    .collection('items')
    .where({ _id: db.command.lt('i5') })
    .orderBy('_id', 'desc')
    .limit(3)
    .get();
  expect(down.data.map((d: { _id: string }) => d._id)).toEqual(['i49999', 'i49998', 'i49997']);
  const kindAfter = (
    await db
      .collection('items')
      .where({ kind: 'k7', _id: db.command.gt('i50000') })
      .orderBy('_id', 'asc')
      .limit(5)
      .get()
  ).data.map((d: { _id: string }) => d._id);
  expect(kindAfter).toEqual(
    Array.from({ length: N }, (_, i) => `i${i}`)
      .filter((id, i) => i % 1000 === 7 && id > 'i50000')
      .sort()
      .slice(0, 5),
  );
});

test('an unordered query stops reading once its limit has matched', async () => {
  const scanned = await scannedBy(() =>
    db
      .collection('items')
      .where({ n: db.command.gte(0) })
      .limit(10)
      .get(),
  );
  expect(scanned).toBe(10);
});

test('an equality and a range on a compound index walk it in order: a page costs its size', async () => {
  // What the gate-log export does: one gate, from the last time written, in time order.
  const page = (dir: 'asc' | 'desc', limit: number) =>
    db
      .collection('items')
      .where({ kind: 'k7', n: db.command.gte(50_000) })
      .orderBy('n', dir)
      .limit(limit)
      .get();
  const ns = (res: { data: { n: number }[] }) => res.data.map((d) => d.n);
  let up: number[] = [];
  expect(await scannedBy(async () => (up = ns(await page('asc', 5))))).toBe(5);
  expect(up).toEqual([50_007, 51_007, 52_007, 53_007, 54_007]);
  let down: number[] = [];
  expect(await scannedBy(async () => (down = ns(await page('desc', 3))))).toBe(3);
  expect(down).toEqual([99_007, 98_007, 97_007]);
  // Ties broken by _id in the same direction stream too; another order reads the range and sorts it.
  const byNThenId = db
    .collection('items')
    .where({ kind: 'k7', n: db.command.gte(50_000) })
    .orderBy('n', 'asc')
    .orderBy('_id', 'asc')
    .limit(2);
  expect(await scannedBy(() => byNThenId.get())).toBe(2);
  const byCity = () =>
    db
      .collection('items')
      .where({ kind: 'k7', n: db.command.gte(50_000) })
      .orderBy('address.city', 'asc')
      .limit(2)
      .get();
  expect(await scannedBy(byCity)).toBe(50);
  const sortedByCity = (await byCity()).data as { n: number; kind: string }[];
  expect(sortedByCity.map((d) => [d.kind, d.n >= 50_000])).toEqual([
    ['k7', true],
    ['k7', true],
  ]);
});
