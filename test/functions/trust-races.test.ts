/**
 * Races and bad input, tried as an attacker (or a crowd at one door) would: one ID number
 * registered from four phones at once, four people registering at one new flat at once, four
 * dependants added at once, fractions and objects where whole numbers and ids belong. No answer
 * is INTERNAL, no race creates a second person, and nothing is written on a refusal.
 */
import { Estate, countDocs, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const registration = (openid: string, overrides: Record<string, unknown> = {}) => ({
  action: 'register',
  requestId: requestId(),
  name: '周同时',
  idNumber: validIdNumber(openid),
  phone: '13800001234',
  enclosureId: 'enc-chunhua',
  buildingId: 'enc-chunhua-b05',
  unit: 1,
  room: '803',
  ...overrides,
});

test('four phones registering one ID number at once create one person; the others are told why', async () => {
  const idNumber = validIdNumber('o-same-id');
  const answers = await Promise.all(
    [1, 2, 3, 4].map((i) =>
      estate.call('residents', `o-same-id-${i}`, registration(`o-same-id-${i}`, { idNumber, room: `${i + 1}03` })),
    ),
  );
  expect(answers.filter((a) => a.code === 0)).toHaveLength(1);
  for (const refused of answers.filter((a) => a.code !== 0))
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'idNumber', message: expect.stringContaining('已登记') });
  const winner = answers.find((a) => a.code === 0)!;
  const idHash = (
    estate.cloud.db.find('residents', { _id: winner.data.residentId }, { limit: 1 }).docs[0] as {
      idHash: string;
    }
  ).idHash;
  expect(countDocs(estate.cloud, 'residents', { idHash })).toBe(1);
});

test('four people registering at one new flat at once all succeed: one head, three pending', async () => {
  const answers = await Promise.all(
    [1, 2, 3, 4].map((i) => estate.call('residents', `o-flat-${i}`, registration(`o-flat-${i}`, { room: '603' }))),
  );
  expect(answers.map((a) => a.code)).toEqual([0, 0, 0, 0]);
  const householdId = 'enc-chunhua-b05-u1-603';
  const household = estate.cloud.db.find('households', { _id: householdId }, { limit: 1 }).docs[0] as {
    headResidentId: string;
    memberIds: string[];
  };
  expect(household.memberIds.sort()).toEqual(answers.map((a) => a.data.residentId).sort());
  const people = estate.cloud.db.find('residents', { householdId }, { limit: 10 }).docs as {
    _id: string;
    relation: string;
    pendingSince?: Date;
  }[];
  expect(people.filter((p) => p.relation === 'head').map((p) => p._id)).toEqual([household.headResidentId]);
  expect(people.filter((p) => p.pendingSince)).toHaveLength(3);
});

test('four dependants added at once are all added, none lost', async () => {
  const head = await estate.call('residents', 'o-busy-head', registration('o-busy-head', { room: '703' }));
  expect(head.code).toBe(0);
  const answers = await Promise.all(
    ['周一', '周二', '周三', '周四'].map((name) =>
      estate.call('residents', 'o-busy-head', {
        action: 'addDependant',
        requestId: requestId(),
        name,
        relation: 'child',
        birthYear: 2016,
      }),
    ),
  );
  expect(answers.map((a) => a.code)).toEqual([0, 0, 0, 0]);
  const household = estate.cloud.db.find('households', { _id: 'enc-chunhua-b05-u1-703' }, { limit: 1 }).docs[0] as {
    memberIds: string[];
  };
  expect(household.memberIds).toHaveLength(5);
});

test.each([
  ['unit', 1.5],
  ['unit', '1'],
  ['unit', [1]],
  ['buildingId', { $ne: '' }],
  ['enclosureId', ['enc-chunhua']],
])('register with %s = %j is refused by that field and writes nothing', async (field, value) => {
  const residents = countDocs(estate.cloud, 'residents');
  const households = countDocs(estate.cloud, 'households');
  const res = await estate.call('residents', 'o-bad-input', registration('o-bad-input', { [field]: value }));
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field, data: null });
  expect(typeof res.message).toBe('string');
  expect(countDocs(estate.cloud, 'residents')).toBe(residents);
  expect(countDocs(estate.cloud, 'households')).toBe(households);
});

test('register with a key it does not know is refused by that key', async () => {
  const res = await estate.call('residents', 'o-extra', registration('o-extra', { verifiedAt: '2020-02-01' }));
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'verifiedAt' });
});
