/**
 * 数据保留: gate logs, check-ins, declarations and the other personal records are deleted once
 * older than the configured retention (default 28 days). Runs daily (timer trigger), server-side
 * only, and reports how many it removed of each.
 */
import { DAY_MS } from '../../../core/time';
import { now } from '../../../server/clock';
import { removeWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { recountAll } from '../../../server/map';
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
} as const;

export async function retention(_payload: unknown, caller: Caller) {
  if (caller.openid) throw new AppError('PERMISSION_DENIED', '仅由定时任务调用');
  const rules = await currentRules();
  const days = rules.retentionDays ?? 28;
  const cutoff = new Date(now().getTime() - days * DAY_MS);
  const removed: Record<string, number> = {};
  for (const [collection, field] of Object.entries(RETAINED)) {
    removed[collection] = await removeWhere(collection, { [field]: { $lt: cutoff } });
  }
  return { retentionDays: days, cutoff: cutoff.toISOString(), removed };
}

/** The nightly timer: retention, then a full recount of the map (repairs any drift). */
export async function nightly(payload: unknown, caller: Caller) {
  const removed = await retention(payload, caller);
  const buildings = await recountAll(now());
  return { ...removed, recountedBuildings: buildings };
}
