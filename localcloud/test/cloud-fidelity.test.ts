/**
 * Where LocalCloud answered otherwise than CloudBase (issue 19, measured with Tencent's own
 * database test suite): each behaviour through the real wx-server-sdk, as the cloud answers it.
 */
import { LocalCloud } from '../src';
import { SdkDatabase, databaseFor, errorOf, rawAdmin, startTestCloud } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;
let _: SdkDatabase;
let $: SdkDatabase;
beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  _ = db.command;
  $ = db.command.aggregate;
  for (const name of ['fidelity', 'mixed', 'dates', 'strs']) await db.createCollection(name);
});
afterAll(() => cloud.stop());

test('update() or remove() without where() is a parameter error and writes nothing; where({}) is taken', async () => {
  await db.collection('fidelity').add({
    data: [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ],
  });
  expect(await errorOf(db.collection('fidelity').update({ data: { n: 5 } }))).toMatchObject({ errCode: -501007 });
  expect(await errorOf(db.collection('fidelity').remove())).toMatchObject({ errCode: -501007 });
  const left = await db.collection('fidelity').where({}).get();
  expect(left.data.map((d: { n: number }) => d.n).sort()).toEqual([1, 2]);
  expect(
    (
      await db
        .collection('fidelity')
        .where({})
        .update({ data: { n: 5 } })
    ).stats.updated,
  ).toBe(2);
});

test('$elemMatch with field conditions matches arrays holding documents, not plain values', async () => {
  await db.collection('mixed').add({
    data: [
      { _id: 'numbers', a: [1, 2] },
      { _id: 'strings', a: ['x'] },
      { _id: 'with-value', a: [{ value: 1 }] },
      { _id: 'without', a: [{ other: 1 }] },
    ],
  });
  const ids = async (q: object) =>
    (await db.collection('mixed').where(q).get()).data.map((d: { _id: string }) => d._id).sort();
  expect(await ids({ a: _.elemMatch({ value: _.exists(true) }) })).toEqual(['with-value']);
  expect(await ids({ a: _.elemMatch({ value: _.exists(false) }) })).toEqual(['without']);
  expect(await ids({ a: _.elemMatch(_.gt(1)) })).toEqual(['numbers']); // conditions on the values themselves
});

test('aggregate date and string operators as MongoDB: $week, negative $substr lengths, $indexOfCP', async () => {
  await db.collection('dates').add({
    data: [
      { _id: '2019-05-14', at: new Date('2019-05-14T00:00:00Z') },
      { _id: '2019-01-01', at: new Date('2019-01-01T00:00:00Z') },
      { _id: '2019-01-06', at: new Date('2019-01-06T00:00:00Z') },
    ],
  });
  const weeks = await db
    .collection('dates')
    .aggregate()
    .project({ w: $.week('$at') })
    .sort({ _id: 1 })
    .limit(5)
    .end();
  expect(weeks.list.map((r: { _id: string; w: number }) => [r._id, r.w])).toEqual([
    ['2019-01-01', 0], // before the first Sunday
    ['2019-01-06', 1],
    ['2019-05-14', 19], // strftime %U says 19
  ]);
  await db.collection('strs').add({ data: { _id: 't', s: 'hello 世界' } });
  const [row] = (
    await db
      .collection('strs')
      .aggregate()
      .project({
        tail: $.substr(['$s', 2, -1]),
        tailBytes: $.substrBytes(['$s', 6, -1]),
        at: $.indexOfCP(['$s', '界']),
        none: $.indexOfCP(['$s', 'x']),
      })
      .limit(1)
      .end()
  ).list;
  expect(row).toMatchObject({ tail: 'llo 世界', tailBytes: '世界', at: 7, none: -1 });
});

test('_.jsonSchema queries select by MongoDB schema keywords; an unsupported keyword is refused', async () => {
  await db.collection('fidelity').add({
    data: [
      { _id: 'typed', name: '王*', age: 30 },
      { _id: 'untyped', name: 5 },
    ],
  });
  const found = await db
    .collection('fidelity')
    .where(_.jsonSchema({ required: ['name'], properties: { name: { bsonType: 'string' }, age: { minimum: 18 } } }))
    .get();
  expect(found.data.map((d: { _id: string }) => d._id)).toEqual(['typed']);
  const err = await errorOf(
    db
      .collection('fidelity')
      .where(_.jsonSchema({ properties: { name: { format: 'email' } } }))
      .get(),
  );
  expect(err.errMsg).toMatch(/format/);
});

test('a field named $_key is refused, on add and on update', async () => {
  expect((await errorOf(db.collection('fidelity').add({ data: { _id: 'k', $_key: 1 } }))).errCode).toBe(-502001);
  await db.collection('fidelity').add({ data: { _id: 'k2', n: 1 } });
  const nested = await errorOf(
    db
      .collection('fidelity')
      .doc('k2')
      .update({ data: { inner: { $_key: 1 } } }),
  );
  expect(nested.errMsg).toMatch(/dollar/);
  expect((await db.collection('fidelity').doc('k2').get()).data).toEqual({ _id: 'k2', n: 1 });
});

test('set() with the content already stored answers updated: 1, whatever the stored key order', async () => {
  await db.collection('fidelity').add({ data: { _id: 's', a: 1, b: 2 } });
  const same = await db
    .collection('fidelity')
    .doc('s')
    .set({ data: { a: 1, b: 2 } });
  const reordered = await db
    .collection('fidelity')
    .doc('s')
    .set({ data: { b: 2, a: 1 } });
  expect([same.stats.updated, reordered.stats.updated]).toEqual([1, 1]);
});

test('a transaction used after its commit answers DATABASE_TRANSACTION_FAIL (errCode -501001)', async () => {
  const t = await db.startTransaction();
  await t.collection('fidelity').add({ data: { _id: 'tx-done', n: 1 } });
  await t.commit();
  const err = await errorOf(t.collection('fidelity').doc('tx-done').get());
  expect(err.errCode).toBe(-501001);
  expect(err.errMsg).toContain('[ResourceUnavailable.TransactionNotExist]');
});

test('a stored $timestamp reads back through the SDK as the plain { low, high, unsigned } it makes of one', async () => {
  await db.collection('fidelity').add({ data: { _id: 'ts', t: { $timestamp: { t: 1700000000, i: 3 } } } });
  expect((await db.collection('fidelity').doc('ts').get()).data.t).toEqual({
    low: 3,
    high: 1700000000,
    unsigned: true,
  });
});

test('updateAndReturn to the value already stored answers updated: 1 with the document (node-sdk sends it; wx-server-sdk has no wrapper)', async () => {
  await db.collection('fidelity').add({ data: { _id: 'uar', n: 4 } });
  const res = await rawAdmin(cloud, {
    action: 'database.modifyAndReturnDoc',
    collectionName: 'fidelity',
    query: JSON.stringify({ _id: 'uar' }),
    data: JSON.stringify({ $set: { n: { $numberInt: '4' } } }),
  });
  expect(res.data).toMatchObject({ updated: 1 });
});
