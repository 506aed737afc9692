/**
 * 防疫地图: per building (and floor) how many live here, never left the city, left and returned,
 * never declared at all (counted apart: nobody knows whether they left), are isolated, and are green/yellow/red now; which units are isolated; who has not declared in
 * time. Pure: computed from a building's status documents at a moment.
 */
import { ISOLATION_RULES } from './health';
import { statusAt } from './rules';
import type { StatusDoc } from './status-doc';

const ISOLATION = new Set(ISOLATION_RULES);

export interface Counts {
  residents: number;
  /** Declared, and no trip or return among the declarations. */
  neverLeft: number;
  returned: number;
  /** No declaration at all: neither 未离开本市 nor 离开后返回 until they say. */
  undeclared: number;
  isolated: number;
  /** Of the isolated: at a 健康驿站, and transferred to central isolation (集中隔离). */
  atStation: number;
  central: number;
  green: number;
  yellow: number;
  red: number;
  declarationMissing: number;
}

export interface BuildingStats extends Counts {
  buildingId: string;
  enclosureId: string;
  buildingName: string;
  byFloor: Record<string, Counts>;
  isolatedUnits: number[];
  computedAt: Date;
}

const zero = (): Counts => ({
  residents: 0,
  neverLeft: 0,
  returned: 0,
  undeclared: 0,
  isolated: 0,
  atStation: 0,
  central: 0,
  green: 0,
  yellow: 0,
  red: 0,
  declarationMissing: 0,
});

function add(counts: Counts, status: StatusDoc, now: Date): void {
  const current = statusAt(status, status.declarationExpiresAt, now);
  counts.residents++;
  if (status.travelled) counts.returned++;
  else if (current.reasons.some((r) => r.rule === 'declaration_missing')) counts.undeclared++;
  else counts.neverLeft++;
  if (current.reasons.some((r) => ISOLATION.has(r.rule))) counts.isolated++;
  if (current.reasons.some((r) => r.rule === 'health_station')) counts.atStation++;
  if (current.reasons.some((r) => r.rule === 'central_isolation')) counts.central++;
  counts[current.colour]++;
  if (current.reasons.some((r) => r.rule === 'declaration_missing' || r.rule === 'declaration_stale'))
    counts.declarationMissing++;
}

export function buildingStats(
  building: { _id: string; enclosureId: string; name: string },
  statuses: StatusDoc[],
  now: Date,
): BuildingStats {
  const total = zero();
  const byFloor: Record<string, Counts> = {};
  const isolatedUnits = new Set<number>();
  for (const status of statuses) {
    add(total, status, now);
    add((byFloor[String(status.floor ?? 0)] ??= zero()), status, now);
    if (statusAt(status, status.declarationExpiresAt, now).reasons.some((r) => r.rule === 'unit_isolation'))
      isolatedUnits.add(status.unit);
  }
  return {
    ...total,
    buildingId: building._id,
    enclosureId: building.enclosureId,
    buildingName: building.name,
    byFloor,
    isolatedUnits: [...isolatedUnits].sort(),
    computedAt: now,
  };
}
