/**
 * The timers at district size (issue 20): against a 50,000-resident fixture, with a budget cut to a
 * sliver, the nightly job and the quarantine timer go through many invocations, each continuing
 * where the last saved its place; one whose place was lost after it wrote (killed before saving)
 * is redone, not doubled. Either way the result is exactly that of one run with the full budget,
 * and no query of either job goes without an index.
 */
import { Estate, startEstate } from './journeys';
import { DistrictOptions, ENCLOSURE, districtDocs, gateLogDocs, seedDistrict } from './district-fixture';

const DISTRICT: DistrictOptions = {
  buildings: 100,
  perBuilding: 500,
  isolatedShare: 0.05,
};
const LOGS = { old: 3000, recent: 500 };
// Noon (CST), outside the check-in windows, a fixed day: every run below sees the same clock.
const AT = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 4 * 3600_000 - 5 * 86_400_000);

let estate: Estate;
let fixture: ReturnType<typeof districtDocs>;
beforeAll(async () => {
  estate = await startEstate();
  estate.cloud.clockOffsetMs = AT.getTime() - Date.now();
  fixture = districtDocs(DISTRICT, AT);
  fixture.gate_logs = [...gateLogDocs(AT, 'old', LOGS.old), ...gateLogDocs(AT, 'recent', LOGS.recent)];
  seedDistrict(estate.cloud, fixture);
}, 120_000);
afterAll(() => estate.cloud.stop());

type Answer = { code: number | string; data: Record<string, unknown> & { done: boolean; invocations: number } };
/** Invokes a timer job as the server until it says it is done; `killAfter` loses one invocation's saved place. */
async function runToEnd(fn: string, action: string, budgetMs?: number, killAfter?: number) {
  const answers: Answer['data'][] = [];
  let savedBefore: Record<string, unknown> | undefined;
  const jobId = action === 'nightly' ? 'nightly' : 'quarantine-tick';
  for (let i = 0; i < 500; i++) {
    if (i === killAfter) savedBefore = estate.cloud.db.store.get('jobs', jobId)?.doc;
    const res = (await estate.call(fn, undefined as unknown as string, { action, budgetMs })) as unknown as Answer;
    expect(res.code).toBe(0);
    answers.push(res.data);
    if (i === killAfter && savedBefore)
      // That invocation did its writes but died before its place was saved: the next starts from the one before.
      estate.cloud.db.store.commit([{ collection: 'jobs', id: jobId, doc: savedBefore }]);
    if (res.data.done) return answers;
  }
  throw new Error(`${fn}.${action} never finished`);
}

const find = (collection: string, query: Record<string, unknown>) =>
  estate.cloud.db.find(collection, query, { limit: 1_000_000 }).docs;
const dropJob = (id: string) => estate.cloud.db.store.commit([{ collection: 'jobs', id, doc: null }]);
const ids = (docs: { _id?: unknown }[]) => docs.map((d) => String(d._id)).sort();

/** What the nightly job decides: the district's map snapshots and the gate logs still kept. */
function nightlyOutcome() {
  return {
    stats: find('building_stats', { enclosureId: ENCLOSURE }).map(({ computedAt: _c, countedFrom: _f, ...s }) => s),
    gateLogs: ids(find('gate_logs', {}).filter((l) => String(l.gateId).startsWith('dist-gate-'))),
  };
}

/** The nightly invocation whose saved place is lost, and the gate logs an answer says were deleted so far. */
const KILLED = 3;
const gateLogsCounted = (answer: Answer['data']) => (answer.removed as Record<string, number>)?.gate_logs ?? 0;

test('the nightly job in 200 ms slices, one slice lost, leaves what one full run leaves', async () => {
  const sliced = await runToEnd('grid', 'nightly', 200, KILLED);
  expect(sliced.length).toBeGreaterThan(4);
  const last = sliced[sliced.length - 1];
  // What the lost invocation deleted stays deleted but uncounted: the tally falls short by its share.
  const lostShare = gateLogsCounted(sliced[KILLED]) - gateLogsCounted(sliced[KILLED - 1]);
  expect(gateLogsCounted(last) + lostShare).toBeGreaterThanOrEqual(LOGS.old);
  const afterSlices = nightlyOutcome();
  expect(afterSlices.gateLogs).toHaveLength(LOGS.recent);
  const fresh = afterSlices.stats.find((s) => s.buildingId === 'dist-b0000')!;
  expect(fresh).toMatchObject({ residents: DISTRICT.perBuilding });

  // The same night again from the same start, in one run with the whole budget.
  dropJob('nightly');
  seedDistrict(estate.cloud, { gate_logs: fixture.gate_logs, building_stats: fixture.building_stats });
  const whole = await runToEnd('grid', 'nightly');
  expect(whole.length).toBeLessThan(sliced.length);
  expect(gateLogsCounted(whole[whole.length - 1])).toBeGreaterThanOrEqual(LOGS.old);
  expect(nightlyOutcome()).toEqual(afterSlices);
  expect(estate.cloud.meter.unindexed).toEqual({});
}, 300_000);

/** What the quarantine timer decides: each order's state, the missed windows, releases audited, colours. */
function tickOutcome() {
  const ofDistrict = (docs: Record<string, unknown>[]) => docs.filter((d) => String(d.residentId).startsWith('dist-r'));
  const orders = ofDistrict(find('isolation_orders', {}));
  return {
    orders: orders.map((o) => [o._id, o.state, (o.decisionNeeded as { why?: string } | null)?.why ?? null]),
    missed: ids(ofDistrict(find('missed_checkins', {})) as { _id: unknown }[]),
    audits: ofDistrict(find('audit_logs', { action: 'isolation_end' })).length,
    colours: find('statuses', { _id: { $in: orders.map((o) => o.residentId) } }).map((s) => [s._id, s.colour]),
  };
}

test('the quarantine timer over 2,500 open orders in slices, one lost, leaves what one full run leaves', async () => {
  const sliced = await runToEnd('quarantine', 'tick', 50, 4);
  expect(sliced.length).toBeGreaterThan(10);
  const afterSlices = tickOutcome();
  const isolated = DISTRICT.buildings * DISTRICT.perBuilding * DISTRICT.isolatedShare;
  // Every 10th was due: the half that checked in every window is released, the rest wait for a decision.
  expect(afterSlices.orders.filter(([, state]) => state === 'ended')).toHaveLength(isolated / 20);
  expect(afterSlices.orders.filter(([, , why]) => why === 'missed_checkins')).toHaveLength(isolated / 20);
  expect(afterSlices.audits).toBe(isolated / 20);
  expect(afterSlices.missed.length).toBeGreaterThanOrEqual(isolated / 2);

  // The same quarter-hour again from the same start, in one run with the whole budget.
  dropJob('quarantine-tick');
  for (const collection of ['missed_checkins', 'audit_logs'])
    estate.cloud.db.remove(collection, { residentId: { $gte: 'dist-r', $lt: 'dist-s' } }, true);
  seedDistrict(estate.cloud, { isolation_orders: fixture.isolation_orders, statuses: fixture.statuses });
  const whole = await runToEnd('quarantine', 'tick');
  expect(whole.length).toBeLessThan(sliced.length);
  expect(tickOutcome()).toEqual(afterSlices);
  expect(estate.cloud.meter.unindexed).toEqual({});
}, 300_000);

test('a release killed before the status was recomputed is recomputed by the next run', async () => {
  // As the run above left it, but the last release died between ending the order and the status.
  const [released] = find('isolation_orders', { state: 'ended', endedBy: 'scheduler' }).slice(-1);
  const red = fixture.statuses.find((st) => st._id === released.residentId)!;
  estate.cloud.db.modify(
    'isolation_orders',
    { _id: released._id },
    { $set: { statusPending: true } },
    { multi: false, merge: true, upsert: false, byId: true },
  );
  seedDistrict(estate.cloud, { statuses: [red] });
  expect(find('statuses', { _id: released.residentId })[0].colour).toBe('red');
  estate.cloud.clockOffsetMs += 15 * 60_000; // the next quarter-hour's run
  await runToEnd('quarantine', 'tick');
  expect(find('statuses', { _id: released.residentId })[0].colour).not.toBe('red');
  expect(find('isolation_orders', { _id: released._id })[0]).toMatchObject({ state: 'ended', statusPending: false });
}, 300_000);
