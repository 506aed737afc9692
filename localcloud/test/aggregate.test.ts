/** aggregate() through the real SDK: the stages the project relies on. */
import { LocalCloud } from '../src';
import { startTestCloud, databaseFor, SdkDatabase } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;
let $: SdkDatabase;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  $ = db.command.aggregate;
  await db.collection('orders').add({
    data: [
      {
        _id: 'o1',
        building: 'b1',
        items: [
          { sku: 'veg', qty: 2 },
          { sku: 'egg', qty: 1 },
        ],
        fen: 1250,
      },
      { _id: 'o2', building: 'b1', items: [{ sku: 'veg', qty: 1 }], fen: 500 },
      { _id: 'o3', building: 'b2', items: [{ sku: 'egg', qty: 3 }], fen: 900 },
    ],
  });
  await db.collection('items').add({
    data: [
      { _id: 'veg', name: '青菜' },
      { _id: 'egg', name: '鸡蛋' },
    ],
  });
  await db.collection('stock').add({ data: Array.from({ length: 30 }, (_, i) => ({ _id: `s${i}`, i })) });
});
afterAll(() => cloud.stop());

test('match, group, sort: totals per building', async () => {
  const res = await db
    .collection('orders')
    .aggregate()
    .match({ fen: db.command.gt(0) })
    .group({ _id: '$building', orders: $.sum(1), fen: $.sum('$fen') })
    .sort({ _id: 1 })
    .limit(10)
    .end();
  expect(res.list).toEqual([
    { _id: 'b1', orders: 2, fen: 1750 },
    { _id: 'b2', orders: 1, fen: 900 },
  ]);
});

test('unwind, group, lookup, project: a pick list per item with its name', async () => {
  const res = await db
    .collection('orders')
    .aggregate()
    .unwind('$items')
    .group({ _id: '$items.sku', qty: $.sum('$items.qty') })
    .lookup({ from: 'items', localField: '_id', foreignField: '_id', as: 'item' })
    .project({ _id: 0, sku: '$_id', qty: 1, name: $.arrayElemAt(['$item.name', 0]) })
    .sort({ sku: 1 })
    .limit(10)
    .end();
  expect(res.list).toEqual([
    { sku: 'egg', qty: 4, name: '鸡蛋' },
    { sku: 'veg', qty: 3, name: '青菜' },
  ]);
});

test('addFields, skip, limit and count', async () => {
  const res = await db
    .collection('orders')
    .aggregate()
    .addFields({ yuan: $.divide(['$fen', 100]) })
    .sort({ fen: -1 })
    .skip(1)
    .limit(1)
    .end();
  expect(res.list).toEqual([{ _id: 'o3', building: 'b2', items: [{ sku: 'egg', qty: 3 }], fen: 900, yuan: 9 }]);
  const counted = await db.collection('orders').aggregate().match({ building: 'b1' }).count('n').end();
  expect(counted.list).toEqual([{ n: 2 }]);
});

test('without limit() an aggregate answers at most 20 records, as CloudBase is reported to', async () => {
  const capped = await db.collection('stock').aggregate().sort({ i: 1 }).end();
  expect(capped.list).toHaveLength(20);
  const all = await db.collection('stock').aggregate().sort({ i: 1 }).limit(100).end();
  expect(all.list).toHaveLength(30);
});

test('lookup with a sub-pipeline: constant matches (answered through the planner) and let/$expr joins agree with MongoDB', async () => {
  const res = await db
    .collection('orders')
    .aggregate()
    .match({ _id: 'o1' })
    .lookup({
      from: 'orders',
      let: {},
      pipeline: [{ $match: { building: 'b1' } }, { $sort: { fen: 1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
      as: 'cheapestInB1',
    })
    .lookup({
      from: 'orders',
      let: { b: '$building', f: '$fen' },
      pipeline: [
        { $match: { $expr: { $and: [{ $eq: ['$building', '$$b'] }, { $lt: ['$fen', '$$f'] }] } } },
        { $project: { _id: 1 } },
      ],
      as: 'cheaperSameBuilding',
    })
    .project({ cheapestInB1: 1, cheaperSameBuilding: 1 })
    .limit(1)
    .end();
  expect(res.list).toEqual([{ _id: 'o1', cheapestInB1: [{ _id: 'o2' }], cheaperSameBuilding: [{ _id: 'o2' }] }]);
});
