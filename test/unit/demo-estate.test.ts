/** The demo estate is what a newcomer meets first: it must be the same every time and hang together. */
import { demoEstate } from '../../demo/estate';

const demo = demoEstate();
const { enclosures, buildings, households, residents, users, grids, gates } = demo.collections;

test('the same seed gives the same estate', () => {
  expect(JSON.stringify(demoEstate())).toBe(JSON.stringify(demo));
  expect(JSON.stringify(demoEstate(7))).not.toBe(JSON.stringify(demo));
});

test('two enclosures, twenty buildings, about two thousand residents', () => {
  expect(enclosures).toHaveLength(2);
  expect(buildings).toHaveLength(20);
  expect(residents.length).toBeGreaterThan(1500);
  expect(residents.length).toBeLessThan(2500);
  expect(gates.length).toBeGreaterThanOrEqual(2);
});

test('every household member exists and lives at the household address', () => {
  const byId = new Map(residents.map((r) => [r._id, r]));
  for (const h of households) {
    for (const memberId of h.memberIds as string[]) {
      const member = byId.get(memberId);
      expect(member).toMatchObject({ householdId: h._id, buildingId: h.buildingId, unit: h.unit, room: h.room });
    }
  }
  expect(households.reduce((n, h) => n + (h.memberIds as string[]).length, 0)).toBe(residents.length);
});

test('children and elders have no WeChat login; their household head declares for them', () => {
  const dependants = residents.filter((r) => r.relation === 'child' || r.relation === 'elder');
  expect(dependants.length).toBeGreaterThan(0);
  expect(dependants.every((r) => r.openid === undefined)).toBe(true);
});

test('every grid covers buildings of its own enclosure, with a grid worker who has a login', () => {
  const userIds = new Set(users.map((u) => u._id));
  for (const grid of grids) {
    const own = buildings.filter((b) => b.enclosureId === grid.enclosureId).map((b) => b._id);
    expect(own).toEqual(expect.arrayContaining(grid.buildingIds as string[]));
    for (const worker of grid.workerOpenids as string[]) expect(userIds.has(worker)).toBe(true);
  }
  const covered = grids.flatMap((g) => g.buildingIds as string[]).sort();
  expect(covered).toEqual(buildings.map((b) => b._id).sort());
});

test('openids are unique and no personal numbers are generated', () => {
  expect(new Set(users.map((u) => u._id)).size).toBe(users.length);
  const text = JSON.stringify(demo);
  expect(text).not.toMatch(/\b1[3-9]\d{9}\b/); // no phone numbers
  expect(text).not.toMatch(/\b\d{17}[\dX]\b/); // no ID numbers
});
