/**
 * What the rules reason about: trips, declarations, readings and the reasons they give.
 * Shared by the rules (rules.ts) and isolation orders (isolation.ts).
 */
import type { KeyArea } from './rule-config';
export type Colour = 'green' | 'yellow' | 'red';

export type RuleId =
  | 'key_area_travel' // 14-day home isolation after a key area
  | 'unit_isolation' // a confirmed case in the building unit
  | 'close_contact' // centralised isolation
  | 'fever' // ≥ threshold, pending medical assessment
  | 'symptoms' // pending medical assessment
  | 'test_positive' // a positive nucleic-acid test, pending medical assessment
  | 'health_station' // observed at a 健康驿站 (its days count toward the isolation)
  | 'central_isolation' // a close contact transferred to a central isolation site, until their return
  | 'returnee_unverified' // back in the city, not yet verified by the grid worker
  | 'not_verified' // new resident, not yet verified
  | 'declaration_missing'
  | 'declaration_stale'
  | 'manual_override'; // a grid worker's decision on an appeal, with its reason and end

export interface Trip {
  place: string;
  /** Six-digit administrative division code (e.g. 420100 武汉市), when the resident picked one. */
  areaCode?: string;
  from: Date;
  to: Date;
}

export interface Declaration {
  at: Date;
  temperature: number;
  symptoms: string[];
  trips: Trip[];
  /** When they came back to the city, if within the declaration's 14 days. */
  returnedAt?: Date;
  /** Date of contact with a confirmed or suspected case, if any. */
  contactAt?: Date;
}

export interface TemperatureReading {
  at: Date;
  temperature: number;
  symptoms: string[];
  source: 'checkin' | 'gate';
}

/** 420000 covers every code starting 42; 420100 every code starting 4201. */
export function inKeyArea(trip: Trip, keyAreas: KeyArea[]): KeyArea | undefined {
  return keyAreas.find((area) => {
    if (trip.areaCode) return trip.areaCode.startsWith(area.code.replace(/0+$/, ''));
    return trip.place.includes(area.name) || area.name.includes(trip.place.trim() || '\u0000');
  });
}

export interface Reason {
  rule: RuleId;
  colour: Exclude<Colour, 'green'>;
  /** For people: the fact and what follows, in Chinese. */
  text: string;
  since: Date;
  /** When this reason stops applying by itself; null: until someone acts. */
  until: Date | null;
  /** An isolation's planned end, shown to people; it ends when its order is ended, not by itself. */
  plannedEnd?: Date;
}

export interface Status {
  colour: Colour;
  reasons: Reason[];
  /** Red: when the last red reason is planned to end (null while one has no end). Otherwise null. */
  until: Date | null;
  ruleVersion: number;
  computedAt: Date;
  /** When the colour may change with no new fact (a reason ends, a declaration expires). */
  reviewAt: Date | null;
  /** Set while a grid worker's override decides the colour; after it the status must be recomputed. */
  overrideUntil?: Date | null;
}

export const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

export function worse(a: Colour, b: Colour): Colour {
  return RANK[a] >= RANK[b] ? a : b;
}
