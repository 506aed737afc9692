/**
 * Transaction conflicts as CloudBase answers them, seen through the real wx-server-sdk:
 * `db.runTransaction` retries an error whose `code` is DATABASE_TRANSACTION_CONFLICT. A failed
 * commit keeps that code; a failed doc().set/update/remove inside the callback reaches it rewritten
 * by wx-server-sdk as `{ errCode: -501001, errMsg }`, so only a callback that marks it again gets
 * it retried (and then only because the server ended the conflicting transaction).
 */
import { LocalCloud } from '../src';
import { databaseFor, errorOf, SdkDatabase, startTestCloud } from './helpers';

const CONFLICT = '[ResourceUnavailable.TransactionConflict] Transaction is conflict';

let cloud: LocalCloud;
let db: SdkDatabase;
let _: SdkDatabase;
const stock = () => db.collection('stock');
const left = async (id: string) => ((await stock().doc(id).get()).data as { left: number }).left;

/** What server code can do: give a wrapped conflict its code back, so runTransaction retries it. */
function asRetryable(err: { errCode?: number; errMsg?: string }): unknown {
  if (err.errCode === -501001 && err.errMsg?.includes('ResourceUnavailable.TransactionConflict'))
    return Object.assign(err, { code: 'DATABASE_TRANSACTION_CONFLICT' });
  return err;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  _ = db.command;
});
afterAll(() => cloud.stop());

test('a conflicting write inside runTransaction reaches the caller as CloudBase words it, unretried', async () => {
  await stock().add({ data: { _id: 'held', left: 10 } });
  const holder = await db.startTransaction();
  await holder
    .collection('stock')
    .doc('held')
    .update({ data: { left: 9 } });
  let attempts = 0;
  const err = await errorOf(
    db.runTransaction(async (t: SdkDatabase) => {
      attempts++;
      await t
        .collection('stock')
        .doc('held')
        .update({ data: { left: _.inc(-1) } });
    }),
  );
  expect(attempts).toBe(1);
  expect(err).toEqual({
    errCode: -501001,
    code: undefined,
    errMsg: expect.stringMatching(
      /^document\.update:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionConflict\]/,
    ),
  });
  await holder.commit();
  expect(await left('held')).toBe(9);
});

test('a conflict at commit is retried by the SDK and the second attempt commits', async () => {
  await stock().add({ data: { _id: 'late', left: 10 } });
  let attempts = 0;
  const result = await db.runTransaction(async (t: SdkDatabase) => {
    attempts++;
    const doc = (await t.collection('stock').doc('late').get()).data as { left: number };
    await t
      .collection('stock')
      .doc('late')
      .update({ data: { left: doc.left - 1 } });
    if (attempts === 1)
      await stock()
        .doc('late')
        .update({ data: { left: 5 } }); // someone else, outside the transaction
    return doc.left;
  });
  expect(attempts).toBe(2);
  expect(result).toBe(5);
  expect(await left('late')).toBe(4);
});

test('when the retries run out, the caller gets the conflict code and CloudBase message', async () => {
  await stock().add({ data: { _id: 'busy', left: 10 } });
  let attempts = 0;
  const err = await errorOf(
    db.runTransaction(async (t: SdkDatabase) => {
      attempts++;
      await t
        .collection('stock')
        .doc('busy')
        .update({ data: { left: _.inc(-1) } });
      await stock()
        .doc('busy')
        .update({ data: { left: _.inc(100) } });
    }, 2),
  );
  expect(attempts).toBe(3); // the first run and `times` retries, as @cloudbase/database counts
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(err.errMsg.startsWith(CONFLICT)).toBe(true);
  expect(await left('busy')).toBe(310);
});

test('a conflict marked retryable is retried, and the lost attempt holds nothing back', async () => {
  await stock().add({
    data: [
      { _id: 'flat', left: 0 },
      { _id: 'member', left: 0 },
    ],
  });
  const holder = await db.startTransaction();
  await holder
    .collection('stock')
    .doc('flat')
    .update({ data: { left: 1 } });
  let attempts = 0;
  await db.runTransaction(async (t: SdkDatabase) => {
    attempts++;
    const write = (id: string) =>
      t
        .collection('stock')
        .doc(id)
        .update({ data: { left: _.inc(1) } });
    try {
      await write('member'); // attempt 1 writes this, then loses on `flat`
      await write('flat');
    } catch (err) {
      if (attempts === 1) await holder.commit();
      throw asRetryable(err as { errCode?: number; errMsg?: string });
    }
  });
  expect(attempts).toBe(2);
  expect([await left('flat'), await left('member')]).toEqual([2, 1]);
});

test('a refused write in a transaction is still an operation on the meter', async () => {
  await stock().add({ data: { _id: 'metered', left: 1 } });
  const holder = await db.startTransaction();
  await holder
    .collection('stock')
    .doc('metered')
    .update({ data: { left: 0 } });
  const loser = await db.startTransaction();
  const before = cloud.meter.total.writes;
  await errorOf(
    loser
      .collection('stock')
      .doc('metered')
      .update({ data: { left: 2 } }),
  );
  expect(cloud.meter.total.writes).toBe(before + 1);
  await holder.commit();
});
