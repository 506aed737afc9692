/**
 * The risk-status rules (DESIGN.md §2), pure: from what is known about one resident and the
 * street office's parameters, the colour, every reason with the fact behind it, and until when.
 * Red outranks yellow outranks green; a status is green only when nothing gives a reason.
 */
import { KeyArea, RuleConfig } from './rule-config';
import { endOfDayAfter, formatDayCst } from './time';

export type Colour = 'green' | 'yellow' | 'red';

export type RuleId =
  | 'key_area_travel' // 14-day home isolation after a key area
  | 'unit_isolation' // a confirmed case in the building unit
  | 'close_contact' // centralised isolation
  | 'fever' // ≥ threshold, pending medical assessment
  | 'symptoms' // pending medical assessment
  | 'returnee_unverified' // back in the city, not yet verified by the grid worker
  | 'not_verified' // new resident, not yet verified
  | 'declaration_missing'
  | 'declaration_stale';

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

export interface UnitOrder {
  id: string;
  startAt: Date;
  days: number;
  reason: string;
  endedAt?: Date;
}

export interface ResidentFacts {
  registeredAt: Date;
  /** The latest verification by a grid worker (identity, address and declaration checked). */
  verifiedAt?: Date;
  /** Oldest first or in any order: the rules sort what they need. */
  declarations: Declaration[];
  readings: TemperatureReading[];
  unitOrders: UnitOrder[];
  /** A doctor's assessment after a fever or symptom: clears readings taken before it. */
  clearedAt?: Date;
}

export interface Reason {
  rule: RuleId;
  colour: Exclude<Colour, 'green'>;
  /** For people: the fact and what follows, in Chinese. */
  text: string;
  since: Date;
  /** When this reason stops applying by itself; null: until someone acts. */
  until: Date | null;
}

export interface Status {
  colour: Colour;
  reasons: Reason[];
  /** Red: when the last red reason ends (null while one has no end). Otherwise null. */
  until: Date | null;
  ruleVersion: number;
  computedAt: Date;
  /** When the colour may change with no new fact (a reason ends, a declaration expires). */
  reviewAt: Date | null;
}

const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

export function worse(a: Colour, b: Colour): Colour {
  return RANK[a] >= RANK[b] ? a : b;
}

/** 420000 covers every code starting 42; 420100 every code starting 4201. */
export function inKeyArea(trip: Trip, keyAreas: KeyArea[]): KeyArea | undefined {
  return keyAreas.find((area) => {
    if (trip.areaCode) return trip.areaCode.startsWith(area.code.replace(/0+$/, ''));
    return trip.place.includes(area.name) || area.name.includes(trip.place.trim() || '\u0000');
  });
}

function risksFromDeclarations(facts: ResidentFacts, config: RuleConfig): Reason[] {
  const reasons: Reason[] = [];
  for (const declaration of facts.declarations) {
    for (const trip of declaration.trips) {
      const area = inKeyArea(trip, config.keyAreas);
      if (!area) continue;
      reasons.push({
        rule: 'key_area_travel',
        colour: 'red',
        text: `${formatDayCst(trip.to)}离开重点地区${area.name}，居家隔离${config.isolationDays}天`,
        since: trip.to,
        until: endOfDayAfter(trip.to, config.isolationDays),
      });
    }
    if (declaration.contactAt) {
      reasons.push({
        rule: 'close_contact',
        colour: 'red',
        text: `${formatDayCst(declaration.contactAt)}与病例有接触，需集中隔离观察`,
        since: declaration.contactAt,
        until: endOfDayAfter(declaration.contactAt, config.isolationDays),
      });
    }
    if (declaration.returnedAt && (!facts.verifiedAt || facts.verifiedAt < declaration.returnedAt)) {
      reasons.push({
        rule: 'returnee_unverified',
        colour: 'yellow',
        text: `${formatDayCst(declaration.returnedAt)}返回本市，待网格员核实`,
        since: declaration.returnedAt,
        until: null,
      });
    }
  }
  return reasons;
}

function risksFromReadings(facts: ResidentFacts, config: RuleConfig): Reason[] {
  const readings: TemperatureReading[] = [
    ...facts.readings,
    ...facts.declarations.map((d) => ({
      at: d.at,
      temperature: d.temperature,
      symptoms: d.symptoms,
      source: 'checkin' as const,
    })),
  ].filter((r) => !facts.clearedAt || r.at > facts.clearedAt);
  const reasons: Reason[] = [];
  const fever = readings.filter((r) => r.temperature >= config.feverThresholdCelsius).sort((a, b) => +a.at - +b.at)[0];
  if (fever) {
    reasons.push({
      rule: 'fever',
      colour: 'red',
      text: `${formatDayCst(fever.at)}体温${fever.temperature.toFixed(1)}℃，请到发热门诊就诊，待医学评估`,
      since: fever.at,
      until: null,
    });
  }
  const symptomatic = readings.filter((r) => r.symptoms.length > 0).sort((a, b) => +a.at - +b.at)[0];
  if (symptomatic) {
    reasons.push({
      rule: 'symptoms',
      colour: 'red',
      text: `${formatDayCst(symptomatic.at)}申报症状（${symptomatic.symptoms.join('、')}），待医学评估`,
      since: symptomatic.at,
      until: null,
    });
  }
  return reasons;
}

function risksFromUnitOrders(facts: ResidentFacts): Reason[] {
  return facts.unitOrders
    .filter((order) => !order.endedAt)
    .map((order) => ({
      rule: 'unit_isolation' as const,
      colour: 'red' as const,
      text: `所在单元隔离：${order.reason}`,
      since: order.startAt,
      until: endOfDayAfter(order.startAt, order.days),
    }));
}

function paperwork(facts: ResidentFacts, config: RuleConfig, now: Date): Reason[] {
  const reasons: Reason[] = [];
  if (!facts.verifiedAt) {
    reasons.push({
      rule: 'not_verified',
      colour: 'yellow',
      text: '新登记住户，待网格员核实',
      since: facts.registeredAt,
      until: null,
    });
  }
  const latest = [...facts.declarations].sort((a, b) => +b.at - +a.at)[0];
  if (!latest) {
    reasons.push({
      rule: 'declaration_missing',
      colour: 'yellow',
      text: '尚未进行健康申报',
      since: facts.registeredAt,
      until: null,
    });
  } else {
    const expires = new Date(latest.at.getTime() + config.declarationValidityHours * 3600_000);
    if (expires <= now) {
      reasons.push({
        rule: 'declaration_stale',
        colour: 'yellow',
        text: '健康申报已过期，请重新申报',
        since: expires,
        until: null,
      });
    }
  }
  return reasons;
}

/** When the latest declaration stops counting, if there is one. */
export function declarationExpiry(facts: ResidentFacts, config: RuleConfig): Date | null {
  const latest = Math.max(...facts.declarations.map((d) => d.at.getTime()));
  return Number.isFinite(latest) ? new Date(latest + config.declarationValidityHours * 3600_000) : null;
}

/** Reasons that still apply at `now`: ended periods drop out, reasons without an end stay. */
export function activeReasons(reasons: Reason[], now: Date): Reason[] {
  return reasons.filter((r) => r.since <= now && (r.until === null || r.until > now));
}

export function summarise(
  reasons: Reason[],
  ruleVersion: number,
  now: Date,
  declarationExpiresAt: Date | null,
): Status {
  const colour = reasons.reduce<Colour>((c, r) => worse(c, r.colour), 'green');
  const red = reasons.filter((r) => r.colour === 'red');
  const until =
    colour !== 'red'
      ? null
      : red.some((r) => r.until === null)
        ? null
        : new Date(Math.max(...red.map((r) => r.until!.getTime())));
  const upcoming = [...reasons.map((r) => r.until), declarationExpiresAt]
    .filter((t): t is Date => t !== null && t > now)
    .sort((a, b) => +a - +b);
  return { colour, reasons, until, ruleVersion, computedAt: now, reviewAt: upcoming[0] ?? null };
}

/** The resident's status at `now`. */
export function evaluate(facts: ResidentFacts, config: RuleConfig, now: Date): Status {
  const reasons = activeReasons(
    [
      ...risksFromDeclarations(facts, config),
      ...risksFromUnitOrders(facts),
      ...risksFromReadings(facts, config),
      ...paperwork(facts, config, now),
    ],
    now,
  );
  reasons.sort((a, b) => RANK[b.colour] - RANK[a.colour] || +a.since - +b.since);
  return summarise(reasons, config.version, now, declarationExpiry(facts, config));
}

/**
 * A stored status seen later: reasons whose period ended drop out and an expired declaration
 * turns it yellow, with no new facts needed. This is what the gate applies at scan time.
 */
export function statusAt(stored: Status, declarationExpiresAt: Date | null, now: Date): Status {
  const reasons = activeReasons(
    stored.reasons.filter((r) => r.rule !== 'declaration_stale'),
    now,
  );
  if (declarationExpiresAt && declarationExpiresAt <= now && !reasons.some((r) => r.rule === 'declaration_missing')) {
    reasons.push({
      rule: 'declaration_stale',
      colour: 'yellow',
      text: '健康申报已过期，请重新申报',
      since: declarationExpiresAt,
      until: null,
    });
  }
  return summarise(reasons, stored.ruleVersion, now, declarationExpiresAt);
}
