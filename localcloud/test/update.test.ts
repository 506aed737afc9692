/** Writes through the real wx-server-sdk: every update operator, set/remove, serverDate, counts. */
import { LocalCloud } from '../src';
import { errorOf, startTestCloud, databaseFor, SdkDatabase } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;
let _: SdkDatabase;
const items = () => db.collection('items');

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  _ = db.command;
});
afterAll(() => cloud.stop());

async function fresh(id: string, data: Record<string, unknown>) {
  await items().add({ data: { _id: id, ...data } });
  return items().doc(id);
}

test('each update operator changes the document as CloudBase documents it', async () => {
  const doc = await fresh('ops', {
    n: 10,
    m: 3,
    gone: 'x',
    list: [1, 2, 3],
    set: ['a'],
    pulls: [1, 2, 3, 2],
    all: [1, 2, 3],
    lo: 5,
    hi: 5,
    old: 'v',
    nested: { a: 1 },
  });
  await doc.update({
    data: {
      n: _.inc(5),
      m: _.mul(4),
      gone: _.remove(),
      set: _.addToSet('b'),
      pulls: _.pull(2),
      all: _.pullAll([1, 3]),
      lo: _.min(2),
      hi: _.max(9),
      old: _.rename('renamed'),
      'nested.b': _.set({ deep: true }),
    },
  });
  await doc.update({ data: { list: _.push([4, 5]) } });
  await doc.update({ data: { list: _.unshift([0]) } });
  const { data } = await doc.get();
  expect(data).toEqual({
    _id: 'ops',
    n: 15,
    m: 12,
    list: [0, 1, 2, 3, 4, 5],
    set: ['a', 'b'],
    pulls: [1, 3],
    all: [2],
    lo: 2,
    hi: 9,
    renamed: 'v',
    nested: { a: 1, b: { deep: true } },
  });
});

test('pop and shift remove from either end', async () => {
  const doc = await fresh('popshift', { a: [1, 2, 3], b: [1, 2, 3] });
  await doc.update({ data: { a: _.pop(), b: _.shift() } });
  expect((await doc.get()).data).toMatchObject({ a: [1, 2], b: [2, 3] });
});

test('push with position, slice and sort options', async () => {
  const doc = await fresh('pushopts', { a: [5, 1] });
  await doc.update({ data: { a: _.push({ each: [3, 9], sort: 1, slice: 3 }) } });
  expect((await doc.get()).data.a).toEqual([1, 3, 5]);
});

test('a plain object update merges nested fields; set() replaces the whole document', async () => {
  const doc = await fresh('merge', { profile: { name: 'Ann', age: 30 }, keep: true });
  await doc.update({ data: { profile: { age: 31 } } });
  expect((await doc.get()).data).toEqual({ _id: 'merge', profile: { name: 'Ann', age: 31 }, keep: true });
  const res = await doc.set({ data: { only: 'this' } });
  expect(res.stats.updated).toBe(1);
  expect((await doc.get()).data).toEqual({ _id: 'merge', only: 'this' });
});

test('set() on a missing id creates it', async () => {
  const res = await items()
    .doc('upserted')
    .set({ data: { v: 1 } });
  expect(res._id).toBe('upserted');
  expect((await items().doc('upserted').get()).data).toEqual({ _id: 'upserted', v: 1 });
});

test('serverDate is the server clock, with its offset', async () => {
  const before = Date.now();
  await items().add({ data: { _id: 'clock', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
  const { data } = await items().doc('clock').get();
  expect(data.at).toBeInstanceOf(Date);
  expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
  expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
});

test('where().update() changes every match and says how many; unchanged values are not counted', async () => {
  await items().add({
    data: [
      { kind: 'veg', price: 1 },
      { kind: 'veg', price: 2 },
      { kind: 'meat', price: 9 },
    ],
  });
  const res = await items()
    .where({ kind: 'veg' })
    .update({ data: { price: _.inc(1) } });
  expect(res.stats.updated).toBe(2);
  const prices = (await items().where({ kind: 'veg' }).orderBy('price', 'asc').get()).data.map(
    (d: { price: number }) => d.price,
  );
  expect(prices).toEqual([2, 3]);
  const same = await items()
    .where({ kind: 'meat' })
    .update({ data: { price: 9 } });
  expect(same.stats.updated).toBe(0);
});

test('remove() one by id and many by query', async () => {
  await items().add({
    data: [
      { _id: 'r1', kind: 'tmp' },
      { _id: 'r2', kind: 'tmp' },
      { _id: 'r3', kind: 'tmp' },
    ],
  });
  expect((await items().doc('r1').remove()).stats.removed).toBe(1);
  expect((await items().where({ kind: 'tmp' }).remove()).stats.removed).toBe(2);
  expect((await items().where({ kind: 'tmp' }).count()).total).toBe(0);
});

test('updating _id or using an unknown operator is refused and writes nothing', async () => {
  const doc = await fresh('guarded', { v: 1 });
  const raw = await fetch(`${cloud.url}/admin?env=${cloud.envId}`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'DOC',
      query: '{"_id":"guarded"}',
      data: '{"$bogus":{"v":2},"$set":{"w":1}}',
      merge: true,
    }),
  }).then((r) => r.json());
  expect(raw).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
  const err = await errorOf(doc.update({ data: { _id: 'other' } }));
  expect(err.errMsg).toMatch(/_id/);
  expect((await doc.get()).data).toEqual({ _id: 'guarded', v: 1 });
});
