/**
 * The gate's verdict (卡口核验), pure: from the resident's current status, the direction, the
 * household's exits this period and the rule parameters, whether to let them through and the one
 * line the guard reads. The colour is always the server's, from the status at scan time.
 */
import type { CardCheck } from './pass-card';
import type { TokenCheck } from './pass-token';
import type { RuleConfig } from './rule-config';
import type { Status } from './rules';
import { DAY_MS } from './time';
import { outingPeriodKey } from '../miniprogram/shared/offline-gate';
import { type VerdictCode, verdictText } from '../miniprogram/shared/gate-verdicts';

export type Direction = 'in' | 'out';

/** The codes and the lines they read as live once, in miniprogram/shared: 卡口记录 shows them too. */
export { type VerdictCode, verdictText };

export interface GateDecision {
  allowed: boolean;
  code: VerdictCode;
  text: string;
}

const decision = (allowed: boolean, code: VerdictCode): GateDecision => ({ allowed, code, text: verdictText(code) });
/** A refusal with its line for the guard. */
export const refusal = (code: VerdictCode): GateDecision => decision(false, code);

/** A printed card refused by its QR alone: altered or forged, or past its days. */
export function cardRefusal(check: CardCheck): GateDecision | null {
  if (!check.ok) return decision(false, check.reason === 'expired' ? 'card_expired' : 'token_invalid');
  return null;
}

/** Refusals decided by the token alone, before anything is read about the resident. */
export function tokenRefusal(check: TokenCheck, gateEnclosureId: string | null): GateDecision | null {
  if (!check.ok) return decision(false, check.reason === 'expired' ? 'token_expired' : 'token_invalid');
  if (gateEnclosureId && check.enclosureId !== gateEnclosureId) return decision(false, 'foreign_resident');
  return null;
}

/** The quota period containing `at`: its key (stored on exit logs) and when it started. */
export function outingPeriod(at: Date, periodDays: number): { key: number; start: Date } {
  const key = outingPeriodKey(at.getTime(), periodDays); // the guard's phone numbers periods alike
  return { key, start: new Date(key * periodDays * DAY_MS - 8 * 3600_000) };
}

export interface GateFacts {
  status: Status;
  direction: Direction;
  rules: RuleConfig;
  /** Allowed exits of the whole household in the current quota period. */
  householdExitsThisPeriod: number;
  /** The resident's last exit allowed while yellow, if any. */
  lastYellowExitAt: Date | null;
  /** Measured by the guard at this scan (℃). */
  temperature: number;
}

/** 逢人必测: a temperature at or above the street's fever threshold refuses the scan, whatever the colour. */
export const feverAtGate = (temperature: number, rules: Pick<RuleConfig, 'feverThresholdCelsius'>): boolean =>
  temperature >= rules.feverThresholdCelsius;

export function decide(facts: GateFacts): GateDecision {
  const { status, direction, rules } = facts;
  if (feverAtGate(facts.temperature, rules)) return decision(false, 'fever_at_gate');
  if (status.colour === 'red') {
    const medical = status.reasons.some((r) => r.rule === 'fever' || r.rule === 'symptoms');
    return decision(false, medical ? 'red_fever' : 'red_isolation');
  }
  if (direction === 'out' && facts.householdExitsThisPeriod >= rules.outingQuota.exits)
    return decision(false, 'quota_used');
  if (status.colour === 'yellow') {
    // Once while yellow: the guard lets them through and verifies on the spot. Coming home is never refused.
    const yellowSince = Math.min(...status.reasons.filter((r) => r.colour === 'yellow').map((r) => r.since.getTime()));
    const usedOnce =
      direction === 'out' && facts.lastYellowExitAt !== null && facts.lastYellowExitAt.getTime() >= yellowSince;
    return usedOnce ? decision(false, 'yellow_already_used') : decision(true, 'pass_verify_on_spot');
  }
  return decision(true, 'pass');
}
