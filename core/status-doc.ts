/**
 * The stored shapes of a resident and of their status, and how a status document is made from
 * the rules' outcome. Pure, so the functions and the demo seed build them the same way.
 */
import type { Colour } from './facts';
import type { RuleConfig } from './rule-config';
import { ISOLATION_RULES, type TestResult, latestResult, stationDays } from './health';
import { ResidentFacts, Status, declarationExpiry, evaluate } from './rules';

/** How a resident belongs to their household. */
export type Relation = 'head' | 'member' | 'child' | 'elder';

export interface ResidentDoc {
  name: string;
  maskedName: string;
  householdId: string;
  enclosureId: string;
  buildingId: string;
  buildingName: string;
  unit: number;
  floor: number;
  room: string;
  relation: Relation;
  birthYear: number;
  openid?: string;
  idHash?: string;
  idMasked?: string;
  phoneSealed?: string;
  phoneMasked?: string;
  registeredAt: Date;
  verifiedAt?: Date;
  verifiedBy?: string;
  /** Registered at an occupied flat: no rights over the household until the head accepts or a grid worker verifies. */
  pendingSince?: Date;
  /** When the head accepted this member into the household (or a grid worker verified them). */
  acceptedAt?: Date;
  clearedAt?: Date;
  /** A grid worker's answer to an appeal (see ResidentFacts.override). */
  override?: { colour: Colour; reason: string; at: Date; until: Date };
}

export interface StatusDoc extends Status {
  residentId: string;
  householdId: string;
  enclosureId: string;
  buildingId: string;
  buildingName: string;
  unit: number;
  room: string;
  maskedName: string;
  declarationExpiresAt: Date | null;
  floor?: number;
  /** Has declared a trip or a return to the city (for the map's "left and returned"). */
  travelled?: boolean;
  /** The newest nucleic-acid result, shown beside the colour (no lab details). */
  latestTest?: { result: TestResult; sampledAt: Date } | null;
  /** Days at a 健康驿站 within the isolation in force (or the stay going on). */
  stationDays?: number;
}

/** What the health follow-up adds to a status: the newest result and the station days. */
function healthMarks(facts: ResidentFacts, status: Status, now: Date) {
  const test = latestResult(facts.tests ?? []);
  const isolationSince = status.reasons
    .filter((r) => ISOLATION_RULES.includes(r.rule))
    .reduce<Date | null>((earliest, r) => (!earliest || r.since < earliest ? r.since : earliest), null);
  return {
    latestTest: test ? { result: test.result, sampledAt: test.sampledAt } : null,
    stationDays: isolationSince ? stationDays(facts.stationStays ?? [], isolationSince, now) : 0,
  };
}

export function statusDocFor(
  residentId: string,
  resident: ResidentDoc,
  facts: ResidentFacts,
  rules: RuleConfig,
  now: Date,
): StatusDoc {
  const status = evaluate(facts, rules, now);
  return {
    ...status,
    ...healthMarks(facts, status, now),
    residentId,
    householdId: resident.householdId,
    enclosureId: resident.enclosureId,
    buildingId: resident.buildingId,
    buildingName: resident.buildingName,
    unit: resident.unit,
    room: resident.room,
    maskedName: resident.maskedName,
    declarationExpiresAt: declarationExpiry(facts, rules),
    floor: resident.floor,
    travelled: facts.declarations.some((d) => d.trips.length > 0 || !!d.returnedAt),
  };
}
