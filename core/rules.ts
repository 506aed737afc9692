/**
 * The risk-status rules (DESIGN.md §2), pure: from what is known about one resident and the
 * street office's parameters, the colour, every reason with the fact behind it, and until when.
 * Red outranks yellow outranks green; a status is green only when nothing gives a reason.
 */
import { Colour, Declaration, RANK, Reason, Status, TemperatureReading, worse } from './facts';
import { IsolationOrder, UnitOrder, isolationNeeds, isolationReasons } from './isolation';
import type { RuleConfig } from './rule-config';
import { type StationStay, type TestRecord, positiveReason, stationReason } from './health';
import { formatDayCst } from './time';

export * from './facts';
export type { IsolationOrder, UnitOrder } from './isolation';

export interface ResidentFacts {
  registeredAt: Date;
  /** The latest verification by a grid worker (identity, address and declaration checked). */
  verifiedAt?: Date;
  /** Oldest first or in any order: the rules sort what they need. */
  declarations: Declaration[];
  readings: TemperatureReading[];
  unitOrders: UnitOrder[];
  /** Stored isolation orders of this resident (see isolation.ts); missing ones count as active. */
  isolationOrders?: IsolationOrder[];
  /** A medic's assessment after a fever, a symptom or a positive test: clears those before it. */
  clearedAt?: Date;
  /** Nucleic-acid samples, with their results once entered. */
  tests?: TestRecord[];
  /** Stays at a 健康驿站. */
  stationStays?: StationStay[];
  /**
   * A grid worker's answer to an appeal: this colour, for this reason, until this end; while it
   * lasts it replaces what the rules would say (and is shown as the only reason).
   */
  override?: { colour: Colour; reason: string; at: Date; until: Date };
}

/** Back in the city and not verified since: yellow until the grid worker verifies. */
function returneeReasons(facts: ResidentFacts): Reason[] {
  return facts.declarations
    .filter((d) => d.returnedAt && (!facts.verifiedAt || facts.verifiedAt < d.returnedAt))
    .map((d) => ({
      rule: 'returnee_unverified' as const,
      colour: 'yellow' as const,
      text: `${formatDayCst(d.returnedAt!)}返回本市，待网格员核实`,
      since: d.returnedAt!,
      until: null,
    }));
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
  const expires = declarationExpiry(facts, config);
  if (!expires) {
    reasons.push({
      rule: 'declaration_missing',
      colour: 'yellow',
      text: '尚未进行健康申报',
      since: facts.registeredAt,
      until: null,
    });
  } else {
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
  // A quarantine check-in (temperature and symptoms) counts as the day's health declaration.
  const checkins = facts.readings.filter((r) => r.source === 'checkin');
  const latest = Math.max(...facts.declarations.map((d) => d.at.getTime()), ...checkins.map((r) => r.at.getTime()));
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
  // An isolation shows its planned end; a reason with neither end nor plan (a fever) has no date.
  const ends = reasons.filter((r) => r.colour === 'red').map((r) => r.until ?? r.plannedEnd ?? null);
  const until = colour !== 'red' || ends.includes(null) ? null : new Date(Math.max(...ends.map((t) => t!.getTime())));
  const upcoming = [...reasons.map((r) => r.until ?? r.plannedEnd ?? null), declarationExpiresAt]
    .filter((t): t is Date => t !== null && t > now)
    .sort((a, b) => +a - +b);
  return { colour, reasons, until, ruleVersion, computedAt: now, reviewAt: upcoming[0] ?? null };
}

/** The resident's status at `now`. */
export function evaluate(facts: ResidentFacts, config: RuleConfig, now: Date): Status {
  const override = facts.override;
  if (override && override.at <= now && now < override.until) {
    const reason: Reason = {
      rule: 'manual_override',
      colour: override.colour === 'green' ? 'yellow' : override.colour,
      text: `网格员复核：${override.reason}`,
      since: override.at,
      until: override.until,
    };
    const status = summarise(
      override.colour === 'green' ? [] : [reason],
      config.version,
      now,
      declarationExpiry(facts, config),
    );
    return { ...status, reviewAt: override.until, overrideUntil: override.until };
  }
  const reasons = activeReasons(
    [
      ...isolationReasons(
        isolationNeeds(facts.declarations, facts.unitOrders, config),
        facts.isolationOrders ?? [],
        new Set(facts.unitOrders.filter((o) => o.endedAt).map((o) => `unit-${o.id}`)),
        now,
      ),
      ...returneeReasons(facts),
      ...risksFromReadings(facts, config),
      ...[positiveReason(facts.tests ?? [], facts.clearedAt), stationReason(facts.stationStays ?? [], now)].filter(
        (r): r is Reason => r !== null,
      ),
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
  if (stored.overrideUntil && now >= stored.overrideUntil) {
    // The override is over and nothing has recomputed the status since: ask for a new declaration.
    const ended: Reason = {
      rule: 'manual_override',
      colour: 'yellow',
      text: '网格员复核已到期，请重新申报',
      since: stored.overrideUntil,
      until: null,
    };
    return summarise([ended], stored.ruleVersion, now, declarationExpiresAt);
  }
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
  const status = summarise(reasons, stored.ruleVersion, now, declarationExpiresAt);
  // Still decided by a grid worker's review: say so (and until when), as the stored status did.
  return stored.overrideUntil ? { ...status, overrideUntil: stored.overrideUntil } : status;
}
