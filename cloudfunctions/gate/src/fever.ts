/**
 * A fever found at the gate (逢人必测): the reading is kept with the resident's other readings, so
 * the rules turn them red until a medical assessment (the `fever` reason), and the grid worker of
 * their building finds an alert on the 隔离名单 — one until they deal with it, however often the
 * guard rescans. The gate's own log already holds the temperature.
 */
import { alertFields } from '../../../server/alerts';
import { countWhere, insertOnce } from '../../../server/db';
import { recomputeStatus, type StatusDoc } from '../../../server/status';

/** Readings and alerts are kept as long as check-ins (28 days). */

export async function feverFound(
  resident: StatusDoc,
  reading: { gateId: string; gateName: string; temperature: number; at: Date },
  /** When the status is worked out: now, also for a reading taken offline earlier (sync.ts). */
  recomputeAt: Date = reading.at,
): Promise<StatusDoc['colour']> {
  const { gateId, gateName, temperature, at } = reading;
  // One reading per resident, gate and minute: a resent scan, or the guard scanning again to be
  // sure, is not a second fever and alerts the grid worker once.
  const key = `${resident.residentId}-${gateId}-${Math.floor(at.getTime() / 60_000)}`;
  const fresh = await insertOnce('checkins', {
    _id: `gate-${key}`,
    residentId: resident.residentId,
    householdId: resident.householdId,
    at,
    temperature: Math.round(temperature * 10) / 10,
    symptoms: [],
    source: 'gate',
    gateId,
  });
  const status = await recomputeStatus(resident.residentId, recomputeAt);
  // One alert while the grid worker has not dealt with the last: a rescan a minute later is the same fever.
  const open = fresh
    ? await countWhere('alerts', { residentId: resident.residentId, kind: 'fever_at_gate', resolved: false })
    : 1;
  if (open === 0)
    await insertOnce('alerts', {
      _id: `fever-${key}`,
      ...alertFields(resident, {
        at,
        kind: 'fever_at_gate',
        detail: `${gateName}测温 ${temperature.toFixed(1)}℃，已劝返，待医学评估`,
      }),
    });
  return status.colour;
}
