/**
 * The demo estate is put into service as a street office would, through the functions only: every
 * estate thing is created (and audited) by the street admin, every staff member holds an accepted
 * invitation, the residents come from the register file or registered in the app, and the story
 * (declared hours ago, returned days ago) holds however long ago the cached demo was built.
 */
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const all = (collection: string, query: Doc = {}) =>
  estate.cloud.db.find(collection, query, { limit: 1_000_000 }).docs as Doc[];

test('every 社区, enclosure, building, gate and grid was created by the street admin, with its audit record', () => {
  const kinds = {
    communities: 'community',
    enclosures: 'enclosure',
    buildings: 'building',
    gates: 'gate',
    grids: 'grid',
  };
  for (const [collection, kind] of Object.entries(kinds)) {
    const docs = all(collection);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.createdBy).toBe('demo-admin');
      expect(countDocs(estate.cloud, 'audit_logs', { action: `estate_create_${kind}`, target: doc._id })).toBe(1);
    }
  }
  expect(all('enclosures').map((e) => e._id)).toEqual(['enc-chunhua', 'enc-lixin']);
});

test('every staff member accepted an invitation from their own WeChat; the admin redeemed the deploy code', () => {
  const staff = all('users').filter((u) => !u.roles.includes('resident'));
  expect(staff.map((u) => u._id).sort()).toEqual([
    'demo-admin',
    'demo-community-admin',
    'demo-grid-11',
    'demo-grid-12',
    'demo-grid-21',
    'demo-grid-22',
    'demo-medic-1',
    'demo-medic-2',
    'demo-volunteer-1',
    'demo-volunteer-2',
  ]);
  for (const user of staff)
    expect(countDocs(estate.cloud, 'audit_logs', { action: 'accept_invitation', actor: user._id })).toBe(1);
  expect(all('grids').every((g) => g.workerOpenids.length === 1)).toBe(true);
});

test('residents come from the register import (verified) or registered in the app (waiting for a check)', () => {
  const residents = all('residents');
  const imported = residents.filter((r) => r.importedBy === 'demo-admin');
  const selfRegistered = residents.filter((r) => !r.importedBy);
  expect(imported.length + selfRegistered.length).toBe(residents.length);
  expect(imported.every((r) => r.verifiedAt instanceof Date)).toBe(true);
  expect(selfRegistered.length).toBeGreaterThan(10);
  expect(selfRegistered.every((r) => r.verifiedAt === undefined)).toBe(true);
  // Everyone with a phone is a WeChat user bound to their record by a claim or a registration.
  const users = all('users').filter((u) => u.roles.includes('resident'));
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'claim_resident' })).toBe(
    users.length - selfRegistered.length,
  );
});

test("the story is today's, however long ago the demo was built: declared within hours, returnees isolated", async () => {
  const now = Date.now();
  for (const d of all('declarations')) {
    expect(now - d.at.getTime()).toBeLessThan(11 * 3600_000);
    expect(now - d.at.getTime()).toBeGreaterThan(0);
  }
  const { examples } = estate.demo;
  const colours = Object.fromEntries(
    await Promise.all(
      Object.entries(examples).map(async ([story, { openid }]) => {
        const pass = await estate.call('residents', openid, { action: 'pass' });
        return [story, pass.data.status.colour];
      }),
    ),
  );
  expect(colours).toEqual({
    green: 'green',
    unverified: 'yellow',
    returnee: 'yellow',
    fever: 'red',
    wuhan_returnee: 'red',
  });
  const open = all('isolation_orders', { endedAt: null });
  expect(open.length).toBeGreaterThan(20);
});
