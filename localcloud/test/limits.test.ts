/** CloudBase's limits and errors, and a server that answers bad requests instead of falling over. */
import { LocalCloud } from '../src';
import { errorOf, rawAdmin, startTestCloud, databaseFor, SdkDatabase } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  await db.collection('stock').add({ data: Array.from({ length: 1100 }, (_, i) => ({ i })) });
});
afterAll(() => cloud.stop());

test('the SDK asks for 100 documents when no limit is given, and at most 1000', async () => {
  expect((await db.collection('stock').get()).data).toHaveLength(100);
  expect((await db.collection('stock').limit(5000).get()).data).toHaveLength(1000);
});

test('a raw request for more than 1000 documents is refused', async () => {
  const res = await rawAdmin(cloud, {
    action: 'database.getDocument',
    collectionName: 'stock',
    queryType: 'WHERE',
    limit: 1001,
  });
  expect(res).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/1000/) });
});

test('a duplicate _id is rejected and the first document is kept', async () => {
  await db.collection('items').add({ data: { _id: 'dup', v: 1 } });
  const err = await errorOf(db.collection('items').add({ data: { _id: 'dup', v: 2 } }));
  expect(err.errCode).toBe(-502001);
  expect(err.errMsg).toMatch(/duplicate key/);
  expect((await db.collection('items').doc('dup').get()).data).toEqual({ _id: 'dup', v: 1 });
});

test('a batch add with a duplicate inside writes none of it', async () => {
  const err = await errorOf(db.collection('items').add({ data: [{ _id: 'batch1' }, { _id: 'batch1' }] }));
  expect(err.errMsg).toMatch(/duplicate key/);
  expect((await db.collection('items').where({ _id: 'batch1' }).count()).total).toBe(0);
});

test('an unknown collection is reported as CloudBase does, until it is created', async () => {
  const err = await errorOf(db.collection('later').add({ data: { a: 1 } }));
  expect(err.errCode).toBe(-502005);
  expect(err.errMsg).toMatch(/collection not exists/);
  await db.createCollection('later');
  await db.collection('later').add({ data: { a: 1 } });
  expect((await db.collection('later').count()).total).toBe(1);
  const again = await errorOf(db.createCollection('later'));
  expect(again.errMsg).toMatch(/exist/i);
});

test.each([
  ['not JSON', '{"action": '],
  ['no action', { collectionName: 'items' }],
  ['unknown action', { action: 'database.dropEverything' }],
  ['missing collection name', { action: 'database.getDocument', queryType: 'WHERE' }],
  ['query not Extended JSON', { action: 'database.getDocument', collectionName: 'items', query: '{not json' }],
  ['negative offset', { action: 'database.getDocument', collectionName: 'items', offset: -1 }],
  ['insert without data', { action: 'database.insertDocument', collectionName: 'items' }],
  ['stages not an array', { action: 'database.aggregateDocuments', collectionName: 'items', stages: 'x' }],
  ['unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }],
  ['a JSON array body', [1, 2]],
])('a malformed request (%s) gets an error code and message; the server stays up', async (_name, body) => {
  const res = await rawAdmin(cloud, body);
  expect(typeof res.code).toBe('string');
  expect(typeof res.message).toBe('string');
  expect((await db.collection('stock').count()).total).toBe(1100);
});

test('another environment id is refused', async () => {
  const res = await fetch(`${cloud.url}/admin?env=someone-else`, {
    method: 'POST',
    body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'stock' }),
  }).then((r) => r.json());
  expect(res).toMatchObject({ code: 'INVALIID_ENV' });
});
