/** Reads through the real wx-server-sdk: every query operator, ordering, paging, projection. */
import { LocalCloud } from '../src';
import { errorOf, startTestCloud, databaseFor, SdkDatabase } from './helpers';

let cloud: LocalCloud;
let db: SdkDatabase;
let _: SdkDatabase;

const PEOPLE = [
  {
    _id: 'p1',
    name: 'Ann',
    age: 30,
    tags: ['a', 'b'],
    address: { city: 'Shenzhen', zip: '518000' },
    scores: [{ k: 'x', v: 5 }],
    n: 7,
  },
  {
    _id: 'p2',
    name: 'Bob',
    age: 45,
    tags: ['b'],
    address: { city: 'Qingdao', zip: '266000' },
    scores: [{ k: 'x', v: 1 }],
    n: 8,
  },
  {
    _id: 'p3',
    name: 'Cai',
    age: 22,
    tags: [],
    address: { city: 'Shenzhen', zip: '518100' },
    scores: [],
    n: 9,
    vip: true,
  },
  {
    _id: 'p4',
    name: 'Dai',
    age: 60,
    tags: ['a', 'b', 'c'],
    address: { city: 'Wuhan', zip: '430000' },
    scores: [{ k: 'y', v: 9 }],
    n: 10,
  },
];

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id).sort();

beforeAll(async () => {
  cloud = await startTestCloud();
  db = databaseFor(cloud);
  _ = db.command;
  for (const p of PEOPLE) await db.collection('people').add({ data: p });
});
afterAll(() => cloud.stop());

const people = () => db.collection('people');

test.each([
  ['eq', () => ({ age: _.eq(30) }), ['p1']],
  ['neq', () => ({ age: _.neq(30) }), ['p2', 'p3', 'p4']],
  ['lt', () => ({ age: _.lt(30) }), ['p3']],
  ['lte', () => ({ age: _.lte(30) }), ['p1', 'p3']],
  ['gt', () => ({ age: _.gt(45) }), ['p4']],
  ['gte', () => ({ age: _.gte(45) }), ['p2', 'p4']],
  ['in', () => ({ name: _.in(['Ann', 'Dai']) }), ['p1', 'p4']],
  ['nin', () => ({ name: _.nin(['Ann', 'Dai']) }), ['p2', 'p3']],
  ['and', () => ({ age: _.gt(20).and(_.lt(40)) }), ['p1', 'p3']],
  ['or', () => _.or([{ age: _.lt(25) }, { age: _.gt(50) }]), ['p3', 'p4']],
  ['nor', () => _.nor([{ age: _.lt(25) }, { age: _.gt(50) }]), ['p1', 'p2']],
  ['not', () => ({ age: _.not(_.gt(40)) }), ['p1', 'p3']],
  ['exists', () => ({ vip: _.exists(true) }), ['p3']],
  ['size', () => ({ tags: _.size(2) }), ['p1']],
  ['elemMatch', () => ({ scores: _.elemMatch({ k: 'x', v: _.gt(2) }) }), ['p1']],
  ['all', () => ({ tags: _.all(['a', 'b']) }), ['p1', 'p4']],
  ['mod', () => ({ n: _.mod(3, 1) }), ['p1', 'p4']],
  ['regex', () => ({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }), ['p1', 'p2']],
  ['dotted path', () => ({ 'address.city': 'Shenzhen' }), ['p1', 'p3']],
  ['nested object', () => ({ address: { city: 'Wuhan' } }), ['p4']],
  ['array contains', () => ({ tags: 'c' }), ['p4']],
])('where with %s finds the right documents', async (_name, query, expected) => {
  expect(
    ids(
      await people()
        .where(query() as object)
        .get(),
    ),
  ).toEqual(expected);
});

test('orderBy, skip, limit and field shape the page', async () => {
  const res = await people().orderBy('age', 'desc').skip(1).limit(2).field({ name: true, age: true }).get();
  expect(res.data).toEqual([
    { _id: 'p2', name: 'Bob', age: 45 },
    { _id: 'p1', name: 'Ann', age: 30 },
  ]);
});

test('orderBy on two fields sorts by the first, then the second', async () => {
  const res = await people().orderBy('address.city', 'asc').orderBy('age', 'desc').field({ _id: true }).get();
  // Qingdao, then Shenzhen (older first), then Wuhan.
  expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['p2', 'p1', 'p3', 'p4']);
});

test('doc().get() answers one document and field() excludes', async () => {
  const res = await people().doc('p2').field({ scores: false, tags: false }).get();
  expect(res.data).toEqual({ _id: 'p2', name: 'Bob', age: 45, address: { city: 'Qingdao', zip: '266000' }, n: 8 });
});

test('count answers the number of matches', async () => {
  expect((await people().where({ 'address.city': 'Shenzhen' }).count()).total).toBe(2);
  expect((await people().count()).total).toBe(4);
});

test('dates survive the round trip and compare as dates', async () => {
  await db.collection('items').add({ data: { _id: 'd1', at: new Date('2020-02-10T08:00:00Z') } });
  await db.collection('items').add({ data: { _id: 'd2', at: new Date('2020-02-20T08:00:00Z') } });
  const res = await db
    .collection('items')
    .where({ at: _.gt(new Date('2020-02-15T00:00:00Z')) })
    .get();
  expect(res.data).toEqual([{ _id: 'd2', at: new Date('2020-02-20T08:00:00Z') }]);
  expect(res.data[0].at).toBeInstanceOf(Date);
});

test('a geo query is refused with a clear error, not a wrong answer', async () => {
  const err = await errorOf(
    people()
      .where({ loc: _.geoNear({ geometry: db.Geo.Point(114.05, 22.54), maxDistance: 1000 }) })
      .get(),
  );
  expect(err.errMsg).toMatch(/not supported by the local cloud/);
});
