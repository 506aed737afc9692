/** Transactions: snapshot isolation, conflicts that fail, rollbacks that leave nothing behind. */
import { LocalCloud } from '../src';
import { errorOf, startTestCloud, databaseFor, SdkDatabase } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;
let _: SdkDatabase;
const stock = () => db.collection('stock');
const left = async (id: string) => ((await stock().doc(id).get()).data as { left: number }).left;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  _ = db.command;
});
afterAll(() => cloud.stop());

test('runTransaction commits every write together', async () => {
  await stock().add({
    data: [
      { _id: 'veg', left: 10 },
      { _id: 'egg', left: 5 },
    ],
  });
  const result = await db.runTransaction(async (t: SdkDatabase) => {
    const veg = (await t.collection('stock').doc('veg').get()).data as { left: number };
    await t
      .collection('stock')
      .doc('veg')
      .update({ data: { left: veg.left - 2 } });
    await t
      .collection('stock')
      .doc('egg')
      .update({ data: { left: _.inc(-1) } });
    await t.collection('orders').add({ data: { _id: 'tx-order', veg: 2, egg: 1 } });
    return 'done';
  });
  expect(result).toBe('done');
  expect([await left('veg'), await left('egg')]).toEqual([8, 4]);
  expect((await db.collection('orders').doc('tx-order').get()).data).toMatchObject({ veg: 2 });
});

test('a transaction reads its snapshot, not writes committed after it started', async () => {
  await stock().add({ data: { _id: 'snap', left: 1 } });
  const t = await db.startTransaction();
  await stock()
    .doc('snap')
    .update({ data: { left: 99 } }); // outside the transaction
  const seen = (await t.collection('stock').doc('snap').get()).data as { left: number };
  expect(seen.left).toBe(1);
  await t.rollback();
  expect(await left('snap')).toBe(99);
});

test('a transaction sees its own writes before commit; others do not', async () => {
  await stock().add({ data: { _id: 'own', left: 3 } });
  const t = await db.startTransaction();
  await t
    .collection('stock')
    .doc('own')
    .update({ data: { left: 2 } });
  expect(((await t.collection('stock').doc('own').get()).data as { left: number }).left).toBe(2);
  expect(await left('own')).toBe(3);
  await t.commit();
  expect(await left('own')).toBe(2);
});

test('two transactions writing one document: the second fails at once and is over', async () => {
  await stock().add({ data: { _id: 'race', left: 10 } });
  const a = await db.startTransaction();
  const b = await db.startTransaction();
  await a
    .collection('stock')
    .doc('race')
    .update({ data: { left: 9 } });
  const err = await errorOf(
    b
      .collection('stock')
      .doc('race')
      .update({ data: { left: 8 } }),
  );
  expect(err.errMsg).toMatch(/conflict/i);
  await a.commit();
  // As in CloudBase (MongoDB aborts a transaction on a write conflict), b no longer exists.
  expect(await errorOf(b.rollback())).toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    errMsg: expect.stringContaining('[ResourceUnavailable.TransactionNotExist]'),
  });
  expect(await left('race')).toBe(9);
});

test('commit fails when someone else changed a written document after the start', async () => {
  await stock().add({ data: { _id: 'late', left: 10 } });
  const t = await db.startTransaction();
  await t
    .collection('stock')
    .doc('late')
    .update({ data: { left: 1 } });
  await stock()
    .doc('late')
    .update({ data: { left: 7 } });
  const err = await errorOf(t.commit());
  expect(err.errMsg).toMatch(/conflict/i);
  expect(await left('late')).toBe(7);
});

test('rollback leaves nothing behind, including added documents', async () => {
  await stock().add({ data: { _id: 'rb', left: 4 } });
  const t = await db.startTransaction();
  await t
    .collection('stock')
    .doc('rb')
    .update({ data: { left: 0 } });
  await t.collection('orders').add({ data: { _id: 'rb-order' } });
  await t.collection('stock').doc('rb').remove();
  await t.rollback();
  expect(await left('rb')).toBe(4);
  expect((await db.collection('orders').where({ _id: 'rb-order' }).count()).total).toBe(0);
});

test('a callback that throws rolls runTransaction back', async () => {
  await stock().add({ data: { _id: 'throws', left: 4 } });
  await expect(
    db.runTransaction(async (t: SdkDatabase) => {
      await t
        .collection('stock')
        .doc('throws')
        .update({ data: { left: 0 } });
      throw new Error('sold out');
    }),
  ).rejects.toThrow('sold out');
  expect(await left('throws')).toBe(4);
});

test('concurrent runTransaction calls retry their conflicts and lose no update', async () => {
  await stock().add({ data: { _id: 'counter', left: 0 } });
  const bump = () =>
    db.runTransaction(async (t: SdkDatabase) => {
      const doc = (await t.collection('stock').doc('counter').get()).data as { left: number };
      await t
        .collection('stock')
        .doc('counter')
        .update({ data: { left: doc.left + 1 } });
    }, 10);
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, bump));
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
  expect(committed).toBeGreaterThan(0);
  expect(await left('counter')).toBe(committed);
});

test('a query inside a transaction sees the database as the transaction started, and its own writes', async () => {
  await db.collection('stock').add({ data: { _id: 'q-before', left: 77 } });
  const t = await db.startTransaction();
  await t.collection('stock').add({ data: { _id: 'q-own', left: 77 } });
  await db.collection('stock').add({ data: { _id: 'q-after', left: 77 } }); // committed outside, after the start
  const seen = (await t.collection('stock').where({ left: 77 }).get()).data.map((d: { _id: string }) => d._id);
  expect(seen.sort()).toEqual(['q-before', 'q-own']);
  await t.rollback();
});
