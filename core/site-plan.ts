/**
 * 防疫地图 as a picture: each building placed on the enclosure's site plan and coloured by its
 * state, and the version for residents that names no one and shows no group under five. Pure.
 */

/** 单元封闭 first (its units are sealed), then any red, then yellow; nobody living there is grey. */
export type BuildingTone = 'isolated' | 'red' | 'yellow' | 'green' | 'empty';

export function buildingTone(b: {
  residents: number;
  red: number;
  yellow: number;
  isolatedUnits: number[];
}): BuildingTone {
  if (b.isolatedUnits.length) return 'isolated';
  if (b.red) return 'red';
  if (b.yellow) return 'yellow';
  return b.residents ? 'green' : 'empty';
}

/** A building's centre on the plan, in percent of its width and height (0–100). */
export interface PlanPosition {
  x: number;
  y: number;
}

/** Rows of buildings in their order, for an enclosure nobody has drawn yet: near square, margins kept. */
export function autoLayout(count: number): PlanPosition[] {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  return Array.from({ length: count }, (_, i) => ({
    x: Math.round((((i % columns) + 0.5) / columns) * 90 + 5),
    y: Math.round(((Math.floor(i / columns) + 0.5) / rows) * 90 + 5),
  }));
}

/** Where each building goes: where it was placed, else the next free place of the automatic rows. */
export function positionsOf(buildings: { id: string; plan?: PlanPosition | null }[]): Map<string, PlanPosition> {
  const unplaced = buildings.filter((b) => !b.plan);
  const auto = autoLayout(unplaced.length);
  const out = new Map<string, PlanPosition>();
  let next = 0;
  for (const b of buildings) out.set(b.id, b.plan ?? auto[next++]);
  return out;
}

/** Fewer than this many people are never shown as a number to residents. */
export const SMALL_GROUP = 5;
export type PublicCount = number | '<5';

const shown = (n: number): PublicCount => (n > 0 && n < SMALL_GROUP ? '<5' : n);

/**
 * One column of the residents' map: each building's count, a small group shown as "<5"; and the
 * total, unless it would give a hidden group away — the total less the counts shown is what the
 * hidden cells hold, so the total is left out (null) when that is 1 to 4 people.
 */
export function publicColumn(values: number[]): { cells: PublicCount[]; total: PublicCount | null } {
  const cells = values.map(shown);
  const hidden = values.reduce((sum, n, i) => sum + (cells[i] === '<5' ? n : 0), 0);
  const total = values.reduce((sum, n) => sum + n, 0);
  return { cells, total: hidden > 0 && hidden < SMALL_GROUP ? null : shown(total) };
}
