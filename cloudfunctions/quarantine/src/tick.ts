/**
 * The quarantine timer (every minute; `config.json` trigger): once per quarter-hour it goes through
 * every open isolation order, a page of 100 at a time and a slice per invocation (server/jobs.ts):
 * isolations past their planned end are released when the last day's check-ins were all there and
 * normal, otherwise flagged for the grid worker; closed windows with no check-in are recorded for
 * the roster; while a window is open, those who have not checked in are reminded. A page costs a
 * few reads whatever its size (check-ins, stays and missed windows of its 100 residents at once).
 */
import { DEFAULT_WINDOWS, missedWindows, releaseDecision } from '../../../core/checkin';
import {
  type StationStay,
  type StoredTest,
  byResident,
  excusedByStays,
  releaseTestCondition,
  testRecordOf,
  withTestCondition,
} from '../../../core/health';
import type { RuleConfig } from '../../../core/rule-config';
import { DAY_MS } from '../../../core/time';
import { now } from '../../../server/clock';
import { findAll, findMany, insertAllOnce, insertOnce, updateById } from '../../../server/db';
import type { Def } from '../../../server/action';
import { budgetInput, deadlineOf, openJob, saveJob } from '../../../server/jobs';
import { input } from '../../../server/schema';
import { currentRules, recomputeStatus } from '../../../server/status';
import { type CheckinDoc, OPEN_STATES, IsolationOrderDoc } from './isolation-orders';
import { remindPage } from './reminders';

/** Open orders per page: one read of them, then a few reads for all of their residents. */
export const ORDERS_PAGE = 100;
/** Each quarter-hour is one run over all open orders; the timer fires every minute to go on. */
const SLOT_MS = 15 * 60_000;

/** The timer; never a user's call. `budgetMs` (a server caller's) may only shorten the slice. */
export const tick = {
  who: 'server',
  input: input(budgetInput),
  run: ({ budgetMs }) => runTick(deadlineOf(budgetMs)),
} satisfies Def<'quarantine', 'tick'>;

type Counts = { released: number; held: number; missedFound: number; reminded: number };
type TickProgress = Counts & { cursor: string | null; orders: number };

async function runTick(deadline: number) {
  const at = now();
  const fresh = (): TickProgress => ({ cursor: null, orders: 0, released: 0, held: 0, missedFound: 0, reminded: 0 });
  const job = await openJob('quarantine-tick', String(Math.floor(at.getTime() / SLOT_MS)), fresh, at);
  const p = job.progress;
  if (!job.done) {
    const rules = await currentRules();
    if (p.cursor === null) await pendingStatuses(at, rules);
    while (!job.done && Date.now() < deadline) {
      const after = p.cursor === null ? {} : { _id: { $gt: p.cursor } };
      const page = await findMany<IsolationOrderDoc>(
        'isolation_orders',
        { state: { $in: OPEN_STATES }, ...after },
        { orderBy: ['_id', 'asc'], limit: ORDERS_PAGE },
      );
      const counts = await handlePage(page, at, rules);
      for (const key of ['released', 'held', 'missedFound', 'reminded'] as const) p[key] += counts[key];
      p.orders += page.length;
      if (page.length > 0) p.cursor = page[page.length - 1]._id;
      job.done = page.length < ORDERS_PAGE;
      await saveJob(job, now());
    }
  }
  const { cursor: _cursor, orders, ...counts } = p;
  return { run: job.run, done: job.done, invocations: job.invocations, open: orders, ...counts };
}

/**
 * One page of open orders, handled whole: the page is the unit a killed invocation redoes, and
 * each step is safe to repeat (missed windows by id, the release audited once by the order's id).
 */
async function handlePage(orders: IsolationOrderDoc[], at: Date, rules: RuleConfig): Promise<Counts> {
  const counts: Counts = { released: 0, held: 0, missedFound: 0, reminded: 0 };
  if (orders.length === 0) return counts;
  const residentIds = [...new Set(orders.map((o) => o.residentId))];
  const lookBack = new Date(at.getTime() - 3 * DAY_MS);
  const [checkins, stays] = await Promise.all([
    findAll<CheckinDoc>('checkins', { residentId: { $in: residentIds }, at: { $gte: lookBack } }),
    // Stays at a health station within the look-back: no home check-in is expected then.
    findAll<StationStay & { residentId: string }>('station_stays', {
      residentId: { $in: residentIds },
      lastAt: { $gte: new Date(at.getTime() - 2 * DAY_MS) },
    }),
  ]);
  const checkinsOf = byResident(checkins);
  const staysOf = byResident(stays);
  counts.missedFound = await recordMissed(orders, at, checkinsOf, staysOf);
  for (const order of orders) {
    if (order.plannedEnd > at) continue;
    const outcome = await releaseOrHold(order, at, rules, checkinsOf.get(order.residentId) ?? [], staysOf);
    if (outcome) counts[outcome]++;
  }
  counts.reminded = await remindPage(residentIds, at, checkinsOf);
  return counts;
}

/** Closed windows with no check-in since each order began (two days back at most), each recorded once. */
async function recordMissed(
  orders: IsolationOrderDoc[],
  at: Date,
  checkinsOf: Map<string, CheckinDoc[]>,
  staysOf: Map<string, StationStay[]>,
): Promise<number> {
  const candidates = orders.flatMap((order) => {
    const began = (order as IsolationOrderDoc & { createdAt?: Date }).createdAt ?? order.since;
    const since = new Date(Math.max(began.getTime(), at.getTime() - 2 * DAY_MS));
    const excused = excusedByStays(staysOf.get(order.residentId) ?? []);
    return missedWindows(since, at, checkinsOf.get(order.residentId) ?? [], DEFAULT_WINDOWS, excused).map((w) => ({
      _id: `${order.residentId}-${w.key}`,
      residentId: order.residentId,
      buildingId: order.buildingId,
      unit: order.unit,
      windowKey: w.key,
      windowEnd: w.end,
      resolved: false,
      createdAt: at,
    }));
  });
  if (candidates.length === 0) return 0;
  // Those recorded by an earlier run are read in one query rather than each refused as a duplicate.
  const known = new Set(
    (await findAll('missed_checkins', { _id: { $in: candidates.map((c) => c._id) } }, { fields: { _id: true } })).map(
      (d) => d._id,
    ),
  );
  return insertAllOnce(
    'missed_checkins',
    candidates.filter((c) => !known.has(c._id)),
  );
}

/** An order past its planned end: released when its last day allows, otherwise flagged once. */
async function releaseOrHold(
  order: IsolationOrderDoc,
  at: Date,
  rules: RuleConfig,
  checkins: CheckinDoc[],
  staysOf: Map<string, StationStay[]>,
): Promise<'released' | 'held' | null> {
  const excused = excusedByStays(staysOf.get(order.residentId) ?? []);
  const recent = [...checkins].sort((a, b) => +b.at - +a.at);
  let decision = releaseDecision(
    order.plannedEnd,
    at,
    recent,
    rules.feverThresholdCelsius,
    DEFAULT_WINDOWS,
    undefined,
    excused,
  );
  if (decision.release)
    decision = withTestCondition(decision, await testCondition(order.residentId, at, rules.releaseTestDays ?? 0));
  if (!decision.release) {
    if (order.decisionNeeded) return null;
    await updateById('isolation_orders', order._id, {
      decisionNeeded: { why: decision.why, detail: decision.detail, at },
    });
    return 'held';
  }
  // Audited first, under the order's id: a run killed before the update redoes it without a second record.
  await insertOnce('audit_logs', {
    _id: `isolation_end-${order._id}`,
    at,
    actor: 'scheduler',
    action: 'isolation_end',
    residentId: order.residentId,
    before: { state: order.state },
    after: { state: 'ended' },
    note: '隔离期满且最后一天测温正常',
  });
  // Marked until the status is recomputed: killed in between, the next run finds it (pendingStatuses).
  await updateById('isolation_orders', order._id, {
    state: 'ended',
    endedAt: at,
    endedBy: 'scheduler',
    decisionNeeded: null,
    statusPending: true,
  });
  await recomputeStatus(order.residentId, at, rules);
  await updateById('isolation_orders', order._id, { statusPending: false });
  return 'released';
}

/**
 * Orders ended by a run that was killed before it recomputed the resident's status (still red):
 * recomputed at the start of each run, one read when there are none.
 */
async function pendingStatuses(at: Date, rules: RuleConfig): Promise<void> {
  const pending = await findMany<IsolationOrderDoc>('isolation_orders', { statusPending: true }, { limit: 100 });
  for (const order of pending) {
    await recomputeStatus(order.residentId, at, rules);
    await updateById('isolation_orders', order._id, { statusPending: false });
  }
}

/** Release's test condition (解除前核酸阴性); a read only when the rules ask for a test. */
async function testCondition(residentId: string, at: Date, withinDays: number) {
  if (withinDays <= 0) return releaseTestCondition([], at, 0);
  const tests = await findMany<StoredTest>(
    'health_tests',
    { residentId, sampledAt: { $gte: new Date(at.getTime() - (withinDays + 1) * DAY_MS) } },
    { orderBy: ['sampledAt', 'desc'], limit: 20, fields: { sampledAt: true, result: true } },
  );
  return releaseTestCondition(tests.map(testRecordOf), at, withinDays);
}
