/**
 * 数据保留: gate logs, check-ins, declarations and the other personal records are deleted once
 * older than the configured retention (default 28 days). Runs daily (timer trigger), server-side
 * only, and reports how many it removed of each.
 */
import { DAY_MS } from '../../../core/time';
import { now } from '../../../server/clock';
import { removeWhere } from '../../../server/db';
import type { Def } from '../../../server/action';
import { input } from '../../../server/schema';
import { DEFAULT_RULES } from '../../../core/rule-config';
import { recountStalest } from '../../../server/building-stats';
import { currentRules } from '../../../server/status';

/** Collection → the field holding the moment a record was made. */
export const RETAINED = {
  gate_logs: 'at',
  checkins: 'at',
  declarations: 'at',
  alerts: 'at',
  missed_checkins: 'windowEnd',
  reminders: 'at',
  visitor_exceptions: 'validUntil',
  // Staff invitations: expired ones open nothing (kept the retention period for the lists); the audit log keeps who accepted what.
  invitations: 'expiresAt',
  claim_attempts: 'expireAt',
  // 爱心码: a card that ended (expired) the retention period ago; the audit log keeps its issue and revocation.
  pass_cards: 'expiresAt',
  // 车辆登记: a supply vehicle past its days (its driver's masked name and phone go with it), a car removed.
  vehicles: 'endedAt',
  // 核酸 samples and results, and 健康驿站 stays once ended (an open stay's lastAt is far ahead).
  health_tests: 'sampledAt',
  station_stays: 'lastAt',
  followups: 'createdAt',
  // 关爱对象's visits and calls (the plan itself stays while the care lasts; care.unenrol removes it).
  care_contacts: 'at',
  // Who opened a notice (the notices themselves hold no personal data; the inbox shows 30 days).
  notice_reads: 'at',
  // 隐患与线索: a report the retention period after it was closed (an open one stays until handled).
  clues: 'closedAt',
  clue_quota: 'at',
  // 值守与巡查: shifts and round checks once past (the missed list looks back 7 days).
  duty_shifts: 'endAt',
  round_checks: 'due',
  round_plans: 'untilAt',
} as const;

export const retention = {
  who: 'server',
  input: input({}),
  run: () => removeExpired(),
} satisfies Def<'grid', 'retention'>;

async function removeExpired() {
  const rules = await currentRules();
  // Published with the rules (admin.publishRules); versions from before it existed keep the default.
  const days = rules.retentionDays ?? DEFAULT_RULES.retentionDays!;
  const cutoff = new Date(now().getTime() - days * DAY_MS);
  const removed: Record<string, number> = {};
  for (const [collection, field] of Object.entries(RETAINED)) {
    removed[collection] = await removeWhere(collection, { [field]: { $lt: cutoff } });
  }
  return { retentionDays: days, cutoff: cutoff.toISOString(), removed };
}

/** Time the nightly run may spend: config.json gives the function 20 s, and CloudBase kills it then. */
const NIGHTLY_BUDGET_MS = 15_000;

/**
 * The nightly timer: retention, then a recount of the map (repairs any drift), stalest buildings
 * first and within the time budget; `remainingBuildings` are the first of the next run.
 */
export const nightly = {
  who: 'server',
  input: input({}),
  run: () => runNightly(),
} satisfies Def<'grid', 'nightly'>;

async function runNightly() {
  const deadline = Date.now() + NIGHTLY_BUDGET_MS;
  const removed = await removeExpired();
  const { recounted, remaining } = await recountStalest(now(), deadline);
  return { ...removed, recountedBuildings: recounted, remainingBuildings: remaining };
}
