/** The demo estate is what a newcomer meets first: it must be the same every time and hang together. */
import fs from 'node:fs';
import { registerFile } from '../../demo/build';
import { demoEstate } from '../../demo/estate';
import { demoPeople, registerCsv } from '../../demo/register';
import { isValidIdNumber } from '../../core/validate';

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

test('openids are unique and the plan holds no personal numbers (only the register files do)', () => {
  expect(new Set(users.map((u) => u._id)).size).toBe(users.length);
  const text = JSON.stringify(demo);
  expect(text).not.toMatch(/\b1[3-9]\d{9}\b/); // no phone numbers
  expect(text).not.toMatch(/\b\d{17}[\dX]\b/); // no ID numbers
});

describe('the register the demo is put into service with', () => {
  const people = demoPeople(demo);

  test('demo/register-*.csv is the one made from the estate (UPDATE_DEMO=1 writes it again)', () => {
    for (const enclosure of enclosures) {
      const made = registerCsv(people, String(enclosure._id));
      const file = registerFile(String(enclosure._id));
      if (process.env.UPDATE_DEMO === '1') fs.writeFileSync(file, made);
      expect(fs.readFileSync(file, 'utf8')).toBe(made);
    }
  });

  test('every row passes the import rules: valid ID numbers, distinct, one head per flat', () => {
    const ids = people.map((p) => p.idNumber);
    expect(ids.every(isValidIdNumber)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(people.filter((p) => p.phone).map((p) => p.phone)).size).toBe(people.filter((p) => p.phone).length);
    const heads = new Set(
      people.filter((p) => p.relation === 'head').map((p) => `${p.buildingId}|${p.unit}|${p.room}`),
    );
    expect(heads.size).toBe(households.length);
  });

  test('those not yet verified are not in the register: people with a phone beside a listed head', () => {
    const unlisted = people.filter((p) => p.selfRegistered);
    expect(unlisted.length).toBeGreaterThan(10);
    expect(unlisted.every((p) => p.story === 'unverified' && p.openid && p.relation !== 'head')).toBe(true);
    const csv = enclosures.map((e) => registerCsv(people, String(e._id))).join('');
    for (const p of unlisted) expect(csv).not.toContain(p.idNumber);
    expect(people.filter((p) => !p.selfRegistered).every((p) => p.story !== 'unverified')).toBe(true);
  });
});
