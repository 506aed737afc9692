/**
 * The quarantine timer (every 15 minutes; `config.json` trigger): isolations past their planned end
 * are released when the last day's check-ins were all there and normal, otherwise flagged for the
 * grid worker; closed windows with no check-in are recorded for the roster. Server-side only.
 */
import { DEFAULT_WINDOWS, missedWindows, openWindow, releaseDecision } from '../../../core/checkin';
import {
  type StationStay,
  type StoredTest,
  byResident,
  excusedByStays,
  releaseTestCondition,
  testRecordOf,
  withTestCondition,
} from '../../../core/health';
import { formatMomentCst } from '../../../core/time';
import { DAY_MS } from '../../../core/time';
import { now } from '../../../server/clock';
import { findAll, findById, findMany, insert, insertOnce, updateById } from '../../../server/db';
import { sendWithGrant } from '../../../server/notify';
import type { Def } from '../../../server/action';
import { input } from '../../../server/schema';
import { currentRules, recomputeStatus } from '../../../server/status';
import { OPEN_STATES, IsolationOrderDoc, recentCheckins } from './isolation-orders';

/** Time one run may spend: config.json gives the function 20 s, and CloudBase kills it then. */
const TICK_BUDGET_MS = 15_000;

/** The timer (every 15 minutes); never a user's call. */
export const tick = {
  who: 'server',
  input: input({}),
  run: () => runTick(),
} satisfies Def<'quarantine', 'tick'>;

async function runTick() {
  const at = now();
  const rules = await currentRules();
  const deadline = Date.now() + TICK_BUDGET_MS;
  // Every open order (all pages); those due for release first, then a rotating start, so that a
  // run cut short by the budget leaves different orders for the next run (15 minutes later).
  const open = await findAll<IsolationOrderDoc>('isolation_orders', { state: { $in: OPEN_STATES } });
  const due = open.filter((o) => o.plannedEnd <= at).sort((a, b) => +a.plannedEnd - +b.plannedEnd);
  const rest = open.filter((o) => o.plannedEnd > at).sort((a, b) => a._id.localeCompare(b._id));
  const turn = rest.length > 0 ? Math.floor(at.getTime() / (15 * 60_000)) % rest.length : 0;
  const queue = [...due, ...rest.slice(turn), ...rest.slice(0, turn)];
  // Stays at a health station within the look-back, in one read: no home check-in is expected then.
  const stays = await findAll<StationStay & { residentId: string }>('station_stays', {
    lastAt: { $gte: new Date(at.getTime() - 2 * DAY_MS) },
  });
  const staysOf = byResident(stays);
  let released = 0;
  let held = 0;
  let missedFound = 0;
  let deferred = 0;
  for (const order of queue) {
    if (Date.now() >= deadline) {
      deferred++;
      continue;
    }
    const checkins = await recentCheckins(order.residentId, at);
    // Missed windows since the order began (looking back two days at most each run).
    const began = (order as IsolationOrderDoc & { createdAt?: Date }).createdAt ?? order.since;
    const since = new Date(Math.max(began.getTime(), at.getTime() - 2 * DAY_MS));
    const excused = excusedByStays(staysOf.get(order.residentId) ?? []);
    for (const w of missedWindows(since, at, checkins, DEFAULT_WINDOWS, excused)) {
      const fresh = await insertOnce('missed_checkins', {
        _id: `${order.residentId}-${w.key}`,
        residentId: order.residentId,
        buildingId: order.buildingId,
        unit: order.unit,
        windowKey: w.key,
        windowEnd: w.end,
        resolved: false,
        createdAt: at,
        expireAt: new Date(at.getTime() + 28 * DAY_MS),
      });
      if (fresh) missedFound++;
    }
    if (order.plannedEnd > at) continue;
    let decision = releaseDecision(
      order.plannedEnd,
      at,
      checkins,
      rules.feverThresholdCelsius,
      DEFAULT_WINDOWS,
      undefined,
      excused,
    );
    if (decision.release)
      decision = withTestCondition(decision, await testCondition(order.residentId, at, rules.releaseTestDays ?? 0));
    if (decision.release) {
      await updateById('isolation_orders', order._id, {
        state: 'ended',
        endedAt: at,
        endedBy: 'scheduler',
        decisionNeeded: null,
      });
      await insert('audit_logs', {
        at,
        actor: 'scheduler',
        action: 'isolation_end',
        residentId: order.residentId,
        before: { state: order.state },
        after: { state: 'ended' },
        note: '隔离期满且最后一天测温正常',
      });
      await recomputeStatus(order.residentId, at, rules);
      released++;
    } else if (!order.decisionNeeded) {
      await updateById('isolation_orders', order._id, {
        decisionNeeded: { why: decision.why, detail: decision.detail, at },
      });
      held++;
    }
  }
  const reminded = await remind(open, at, deadline);
  return { released, held, missedFound, reminded, open: open.length, deferred };
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

/**
 * When a window is open, remind each isolated resident who has not checked in yet — or, for a
 * member without WeChat, the household head — once per window, if they granted a message.
 */
async function remind(open: IsolationOrderDoc[], at: Date, deadline: number): Promise<number> {
  const window = openWindow(at);
  const templateId = process.env.CHECKIN_REMINDER_TEMPLATE;
  if (!window || !templateId) return 0;
  let sent = 0;
  for (const residentId of new Set(open.map((o) => o.residentId))) {
    if (Date.now() >= deadline) break; // the next run (same window) reminds the others
    if ((await recentCheckins(residentId, at, 1)).some((c) => c.windowKey === window.key)) continue;
    if (
      !(await insertOnce('reminders', {
        _id: `${residentId}-${window.key}`,
        residentId,
        at,
        expireAt: new Date(at.getTime() + 2 * DAY_MS),
      }))
    )
      continue;
    const resident = await findById<{ openid?: string; householdId: string; maskedName: string }>(
      'residents',
      residentId,
    );
    let openid = resident?.openid;
    if (resident && !openid) {
      const household = await findById<{ headResidentId: string }>('households', resident.householdId);
      openid = household
        ? (await findById<{ openid?: string }>('residents', household.headResidentId))?.openid
        : undefined;
    }
    if (!openid || !resident) continue;
    const delivered = await sendWithGrant(openid, {
      templateId,
      page: `pages/isolation/isolation?residentId=${residentId}`,
      data: { thing1: { value: `${resident.maskedName} 隔离测温打卡` }, time2: { value: formatMomentCst(window.end) } },
    });
    if (delivered) sent++;
  }
  return sent;
}
