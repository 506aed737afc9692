/**
 * A district-sized fixture (for `npm run bench` and the jobs' tests), as documents to seed:
 * `buildings` × `perBuilding` residents with their statuses, a share of them isolated (open orders,
 * some past their end), check-ins for the compliant ones, drifted map snapshots for the recount,
 * and gate logs past the retention period. Deterministic: seeding twice gives the same documents.
 */
import { DEFAULT_WINDOWS, windowsBetween } from '../../core/checkin';
import { DAY_MS } from '../../core/time';

const HOUR_MS = 3600_000;

export interface DistrictOptions {
  buildings: number;
  perBuilding: number;
  /** Share of residents under an open isolation order (0.05 = 5 %). */
  isolatedShare: number;
}

export const ENCLOSURE = 'enc-chunhua';
const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const buildingId = (b: number) => `dist-b${pad(b, 4)}`;
export const residentId = (i: number) => `dist-r${pad(i, 7)}`;

export type Doc = Record<string, unknown> & { _id: string };

/**
 * The fixture's documents for buildings [from, to) (all of them by default), by collection: a
 * bench seeds a million residents a slice at a time. Resident i is isolated when i is a multiple
 * of 1 / isolatedShare; of the isolated, every 10th is past its planned end and half (ordinal
 * k % 4 < 2, so half of those due too) checked in at every window of the last three days.
 */
export function districtDocs(
  options: DistrictOptions,
  at: Date,
  from = 0,
  to = options.buildings,
): Record<string, Doc[]> {
  const { perBuilding } = options;
  const step = Math.round(1 / options.isolatedShare);
  const windows = windowsBetween(new Date(at.getTime() - 3 * DAY_MS), at, DEFAULT_WINDOWS).filter((w) => w.end <= at);
  const out: Record<string, Doc[]> = {
    buildings: [],
    residents: [],
    statuses: [],
    isolation_orders: [],
    checkins: [],
    building_stats: [],
  };
  const since = new Date(at.getTime() - 10 * DAY_MS);
  for (let b = from; b < to; b++) {
    const building = { _id: buildingId(b), enclosureId: ENCLOSURE, name: `${b + 101}栋`, units: 2, floors: 25 };
    out.buildings.push(building);
    // A snapshot gone wrong (a crash mid-refresh): the recount must repair it.
    out.building_stats.push({
      _id: building._id,
      buildingId: building._id,
      enclosureId: ENCLOSURE,
      name: building.name,
      residents: 7,
      isolated: 0,
      red: 0,
      yellow: 7,
      green: 0,
      returned: 0,
      computedAt: new Date(at.getTime() - 2 * DAY_MS),
    });
    for (let i = b * perBuilding; i < (b + 1) * perBuilding; i++) {
      const unit = 1 + (i % 2);
      const floor = 1 + (Math.floor(i / 2) % 25);
      const resident = {
        _id: residentId(i),
        name: '张三丰',
        maskedName: '张*丰',
        householdId: `dist-h${pad(Math.floor(i / 3), 7)}`,
        enclosureId: ENCLOSURE,
        buildingId: building._id,
        buildingName: building.name,
        unit,
        floor,
        room: `${floor}0${1 + (i % 4)}`,
        relation: i % 3 === 0 ? 'self' : 'spouse',
        birthYear: 1960 + (i % 50),
        registeredAt: new Date(at.getTime() - 60 * DAY_MS),
      };
      out.residents.push(resident);
      const isolated = i % step === 0;
      const reason = isolated
        ? {
            rule: 'close_contact',
            colour: 'red',
            text: '密切接触者居家隔离',
            since,
            until: new Date(at.getTime() + 4 * DAY_MS),
          }
        : { rule: 'not_verified', colour: 'yellow', text: '新登记住户，待网格员核实', since, until: null };
      out.statuses.push({
        _id: resident._id,
        residentId: resident._id,
        householdId: resident.householdId,
        enclosureId: ENCLOSURE,
        buildingId: building._id,
        buildingName: building.name,
        unit,
        room: resident.room,
        floor,
        maskedName: resident.maskedName,
        colour: reason.colour,
        reasons: [reason],
        until: reason.until,
        ruleVersion: 1,
        computedAt: new Date(at.getTime() - DAY_MS),
        reviewAt: null,
        declarationExpiresAt: new Date(at.getTime() + DAY_MS),
      });
      if (!isolated) continue;
      const k = i / step;
      out.isolation_orders.push({
        _id: `dist-o${pad(i, 7)}`,
        residentId: resident._id,
        buildingId: building._id,
        unit,
        needId: `close_contact-${resident._id}`,
        rule: 'close_contact',
        since,
        plannedEnd: k % 10 === 0 ? new Date(at.getTime() - HOUR_MS) : new Date(at.getTime() + 4 * DAY_MS),
        state: 'active',
        text: '密切接触者居家隔离',
        createdAt: since,
      });
      if (k % 4 < 2)
        for (const w of windows)
          out.checkins.push({
            _id: `dist-c${pad(i, 7)}-${w.key}`,
            residentId: resident._id,
            householdId: resident.householdId,
            at: new Date(w.start.getTime() + 30 * 60_000),
            windowKey: w.key,
            temperature: 36.5,
            symptoms: [],
            source: 'checkin',
          });
    }
  }
  return out;
}

/**
 * Gate logs: `old` past the retention period (a day's worth to delete) and `recent` ones that must
 * stay, `first` on (a bench writes them a slice at a time).
 */
export function gateLogDocs(at: Date, kind: 'old' | 'recent', count: number, first = 0): Doc[] {
  const age = kind === 'old' ? 29 * DAY_MS : HOUR_MS;
  return Array.from({ length: count }, (_, n) => {
    const k = first + n;
    return {
      _id: `dist-${kind === 'old' ? 'old' : 'new'}-${pad(k, 8)}`,
      gateId: `dist-gate-${k % 8}`,
      residentId: residentId(k % 1000),
      direction: k % 2 === 0 ? 'in' : 'out',
      verdict: 'pass',
      at: new Date(at.getTime() - age - (k % 3600) * 1000),
    };
  });
}
