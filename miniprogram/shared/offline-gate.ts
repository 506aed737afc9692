/**
 * The gate's verdict when the network is down (issue 15): decided on the guard's phone from the
 * signed pass (signed-pass.ts), the enclosure's snapshot the phone took while online, and what
 * this phone itself let through since. Never kinder than the cloud: a token that fails is refused
 * as online; someone red in the snapshot is never let through; someone green whose declaration
 * ran out meanwhile is yellow, as the cloud would say; the household's quota counts this phone's
 * own exits; a snapshot older than 12 hours admits no one. When the verdicts reach the cloud, the
 * safer of the two stands (`reconcile`). Pure, so the phone, the tests and the cloud share it.
 */
import type { VerdictCode } from './gate-verdicts';
import type { SignedCardCheck } from './signed-card';
import type { SignedCheck } from './signed-pass';

/** Beyond this, the snapshot is too old to let anyone through (a night shift with no network at all). */
export const SNAPSHOT_MAX_AGE_MS = 12 * 3600_000;
const DAY_MS = 24 * 3600_000;
const CST_OFFSET_MS = 8 * 3600_000;

export interface SnapshotEntry {
  colour: 'green' | 'yellow' | 'red';
  /** Red for a fever or symptoms: sent to the fever clinic rather than the observation point. */
  medical?: boolean;
  /** Green until then (the declaration's expiry, ms): yellow after it. */
  greenUntil?: number | null;
  /** Already let out once while yellow (the cloud's view at the snapshot). */
  yellowUsed?: boolean;
  householdId: string;
  maskedName: string;
  buildingUnit: string;
}

/** What the phone keeps: no full name, ID number or phone. */
export interface GateSnapshot {
  enclosureId: string;
  takenAt: number;
  /** The outing quota, and the period the exit counts below belong to. */
  quota: { exits: number; periodDays: number; periodKey: number };
  /** Exits let through per household in that period, as the cloud counted them at `takenAt`. */
  exits: Record<string, number>;
  residents: Record<string, SnapshotEntry>;
  feverThreshold: number;
  /** The printed cards in force: card id → resident id. A card not here is refused offline. */
  cards?: Record<string, string>;
}

/** What this phone let through offline since the snapshot. */
export interface OfflineLedger {
  /** Exits per `${periodKey}:${householdId}`. */
  exits: Record<string, number>;
  /** Residents let out once while yellow. */
  yellowOut: string[];
}

export interface OfflineDecision {
  allowed: boolean;
  code: VerdictCode;
  colour: SnapshotEntry['colour'] | null;
  entry: SnapshotEntry | null;
}

/** The quota period of a moment (China days, numbered from the epoch, in blocks of `periodDays`). */
export const outingPeriodKey = (at: number, periodDays: number): number =>
  Math.floor(Math.floor((at + CST_OFFSET_MS) / DAY_MS) / periodDays);

const refused = (code: VerdictCode, entry: SnapshotEntry | null = null): OfflineDecision => ({
  allowed: false,
  code,
  colour: entry?.colour ?? null,
  entry,
});

export function decideOffline({
  check,
  card = false,
  snapshot,
  ledger,
  direction,
  temperature,
  at,
}: {
  check: SignedCheck | SignedCardCheck;
  /** A printed card, not a phone's pass. */
  card?: boolean;
  snapshot: GateSnapshot;
  ledger: OfflineLedger;
  direction: 'in' | 'out';
  temperature: number;
  at: number;
}): OfflineDecision {
  if (!check.ok) return refused(check.reason !== 'expired' ? 'token_invalid' : card ? 'card_expired' : 'token_expired');
  if (check.enclosureId !== snapshot.enclosureId) return refused('foreign_resident');
  if (at - snapshot.takenAt > SNAPSHOT_MAX_AGE_MS || at < snapshot.takenAt - 60_000) return refused('offline_stale');
  const entry = snapshot.residents[check.residentId];
  if (!entry || entry.householdId !== check.householdId) return refused('unknown_resident');
  // Revoked or replaced since it was printed: the card in force is another, or none.
  if (card && (!('cardId' in check) || snapshot.cards?.[check.cardId] !== check.residentId))
    return refused('card_revoked', entry);
  if (temperature >= snapshot.feverThreshold) return refused('fever_at_gate', entry);
  if (entry.colour === 'red') return refused(entry.medical ? 'red_fever' : 'red_isolation', entry);
  const colour =
    entry.colour === 'green' && typeof entry.greenUntil === 'number' && at >= entry.greenUntil
      ? 'yellow'
      : entry.colour;
  const seen = { ...entry, colour };
  if (direction === 'out') {
    const periodKey = outingPeriodKey(at, snapshot.quota.periodDays);
    const cloudExits = periodKey === snapshot.quota.periodKey ? (snapshot.exits[entry.householdId] ?? 0) : 0;
    const phoneExits = ledger.exits[`${periodKey}:${entry.householdId}`] ?? 0;
    if (cloudExits + phoneExits >= snapshot.quota.exits) return refused('quota_used', seen);
    if (colour === 'yellow' && (entry.yellowUsed || ledger.yellowOut.includes(check.residentId)))
      return refused('yellow_already_used', seen);
  }
  return { allowed: true, code: colour === 'yellow' ? 'pass_verify_on_spot' : 'pass', colour, entry: seen };
}

/** The ledger after a verdict: only let-through exits count. */
export function recordOffline(
  ledger: OfflineLedger,
  decision: OfflineDecision,
  {
    residentId,
    direction,
    at,
    periodDays,
  }: { residentId: string; direction: 'in' | 'out'; at: number; periodDays: number },
): OfflineLedger {
  if (!decision.allowed || direction !== 'out' || !decision.entry) return ledger;
  const key = `${outingPeriodKey(at, periodDays)}:${decision.entry.householdId}`;
  return {
    exits: { ...ledger.exits, [key]: (ledger.exits[key] ?? 0) + 1 },
    yellowOut: decision.colour === 'yellow' ? [...ledger.yellowOut, residentId] : ledger.yellowOut,
  };
}

/**
 * An offline verdict meets the cloud's view of the same scan: the safer stands (refused if either
 * refused), and a difference is flagged for the grid worker (someone went through who should not
 * have, or was turned back who need not have been).
 */
export function reconcile(
  offline: { allowed: boolean },
  cloud: { allowed: boolean },
): { allowed: boolean; flagged: boolean } {
  return { allowed: offline.allowed && cloud.allowed, flagged: offline.allowed !== cloud.allowed };
}
