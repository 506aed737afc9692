/**
 * The guard's phone at a gate with no network (issue 15), as plain functions the scan page and
 * the tests share: the snapshot assembled from the pages `gate.snapshot` sends (and refreshed by
 * the changes since), a scan judged with it (offline-gate.ts's rule), and the queue of scans
 * waiting for their upload (`gate.sync`). What this phone let out counts against the quota until
 * a snapshot taken after its upload knows it, so no exit is counted twice or not at all.
 */
import type { Direction, OfflineScan, SnapshotPage, SnapshotRow, Verdict } from '../../typings';
import { type VerdictCode, verdictText } from './gate-verdicts';
import { GateSnapshot, OfflineLedger, SnapshotEntry, decideOffline, outingPeriodKey } from './offline-gate';
import { checkSignedCard, isSignedCard } from './signed-card';
import { checkSignedToken, fromBase64Url, isSignedToken } from './signed-pass';

/** The snapshot as the phone keeps it, with what it checks signatures with. */
export interface PhoneSnapshot extends GateSnapshot {
  gateId: string;
  publicKey: string;
  envId: string;
}

/** A scan judged offline: what the upload sends, and what the quota of the next scans needs. */
export interface QueuedScan extends OfflineScan {
  gateId: string;
  residentId: string | null;
  householdId: string | null;
  colour: SnapshotEntry['colour'] | null;
  /** When the cloud took it (the cloud's time, ms); kept until a snapshot taken after that knows of it. */
  uploadedAt?: number;
  /** The cloud will not take it from this guard (no longer on duty at its gate): not sent again. */
  refused?: boolean;
}

const COLOURS = { g: 'green', y: 'yellow', r: 'red', m: 'red' } as const;

/** A colour as a snapshot row spells it: red for a medical reason ('m') apart. */
export const colourCode = (colour: SnapshotEntry['colour'], medical: boolean): SnapshotRow[2] =>
  colour === 'red' ? (medical ? 'm' : 'r') : colour === 'yellow' ? 'y' : 'g';

const entryOf = (
  [, householdId, colour, greenUntil, yellowUsed, maskedName, unit]: SnapshotRow,
  units: string[],
): SnapshotEntry => ({
  colour: COLOURS[colour],
  medical: colour === 'm',
  greenUntil: greenUntil ? greenUntil * 1000 : null,
  yellowUsed: yellowUsed === 1,
  householdId,
  maskedName,
  buildingUnit: units[unit] ?? '',
});

/**
 * The snapshot from a download's pages, the first with the head. With `base` (the phone's last
 * snapshot) the pages are a refresh: only changed residents, and the exits and yellow exits since.
 */
export function applyPages(gateId: string, pages: SnapshotPage[], base: PhoneSnapshot | null = null): PhoneSnapshot {
  const head = pages[0]?.head;
  if (!head) throw new Error('a snapshot starts with its head');
  const samePeriod = base !== null && base.quota.periodKey === head.quota.periodKey;
  const residents: Record<string, SnapshotEntry> = base ? { ...base.residents } : {};
  let exits: Record<string, number> = samePeriod ? { ...base.exits } : {};
  for (const page of pages) {
    for (const row of page.rows) residents[row[0]] = entryOf(row, page.units);
    exits = { ...exits, ...page.exits };
  }
  exits = { ...exits, ...head.exitsSince };
  for (const id of head.yellowOutSince ?? []) if (residents[id]) residents[id] = { ...residents[id], yellowUsed: true };
  return {
    gateId,
    enclosureId: head.enclosureId,
    takenAt: Date.parse(pages[0].takenAt),
    quota: head.quota,
    exits,
    residents,
    feverThreshold: head.feverThreshold,
    cards: head.cards,
    publicKey: head.publicKey,
    envId: head.envId,
  };
}

/** The exits and yellow exits of this phone the snapshot does not know yet. */
export function ledgerOf(queue: QueuedScan[], snapshot: GateSnapshot): OfflineLedger {
  const ledger: OfflineLedger = { exits: {}, yellowOut: [] };
  for (const scan of queue) {
    if (!scan.allowed || scan.direction !== 'out' || !scan.householdId || !scan.residentId) continue;
    if (scan.uploadedAt !== undefined && scan.uploadedAt < snapshot.takenAt) continue;
    const key = `${outingPeriodKey(Date.parse(scan.at), snapshot.quota.periodDays)}:${scan.householdId}`;
    ledger.exits[key] = (ledger.exits[key] ?? 0) + 1;
    if (scan.colour === 'yellow') ledger.yellowOut.push(scan.residentId);
  }
  return ledger;
}

/** The queue without the uploaded scans a snapshot taken since already counts. */
export const prunedQueue = (queue: QueuedScan[], snapshot: GateSnapshot): QueuedScan[] =>
  queue.filter((scan) => scan.uploadedAt === undefined || scan.uploadedAt >= snapshot.takenAt);

/** The scans still to upload, oldest first, as many as one call takes, as `gate.sync` takes them. */
export const toUpload = (queue: QueuedScan[], max = 20): OfflineScan[] =>
  queue
    .filter((scan) => scan.uploadedAt === undefined && !scan.refused)
    .slice(0, max)
    .map(({ id, token, direction, temperature, at, snapshotAt, allowed, code }) => ({
      id,
      token,
      direction,
      temperature,
      at,
      snapshotAt,
      allowed,
      code,
    }));

/** The queue once the cloud took these scans: their tokens go (a printed card's works for days). */
export const markUploaded = (queue: QueuedScan[], ids: string[], at: number): QueuedScan[] =>
  queue.map((scan) => (ids.includes(scan.id) ? { ...scan, token: '', uploadedAt: at } : scan));

/** Scans still to upload: neither uploaded nor refused. */
export const pendingOf = (queue: QueuedScan[]): QueuedScan[] =>
  queue.filter((scan) => scan.uploadedAt === undefined && !scan.refused);

/** "HH:MM" China time: what the guard reads as the snapshot's age. */
export const clockOf = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

/** One scan judged on the phone: the verdict to show and the scan to queue. */
export function judgeOffline(
  token: string,
  {
    snapshot,
    queue,
    direction,
    temperature,
    at,
    id,
  }: {
    snapshot: PhoneSnapshot;
    queue: QueuedScan[];
    direction: Direction;
    temperature: number;
    at: number;
    id: string;
  },
): { verdict: Verdict; queued: QueuedScan } {
  const keys = { publicKey: fromBase64Url(snapshot.publicKey) ?? new Uint8Array(32), envId: snapshot.envId };
  const card = isSignedCard(token);
  const check = card
    ? checkSignedCard(token, new Date(at), keys)
    : isSignedToken(token)
      ? checkSignedToken(token, new Date(at), keys)
      : null;
  const decision = check
    ? decideOffline({ check, card, snapshot, ledger: ledgerOf(queue, snapshot), direction, temperature, at })
    : // Issued before Ed25519 (an HMAC pass or card): only the cloud can check it.
      { allowed: false, code: 'offline_unsupported' as VerdictCode, colour: null, entry: null };
  const entry = decision.entry;
  const residentId = entry && check?.ok ? check.residentId : null;
  const queued: QueuedScan = {
    id,
    token,
    direction,
    temperature,
    at: new Date(at).toISOString(),
    snapshotAt: new Date(snapshot.takenAt).toISOString(),
    allowed: decision.allowed,
    code: decision.code,
    gateId: snapshot.gateId,
    residentId,
    householdId: entry?.householdId ?? null,
    colour: decision.colour,
  };
  const verdict: Verdict = {
    allowed: decision.allowed,
    colour: decision.colour,
    reason: verdictText(decision.code),
    maskedName: entry?.maskedName ?? null,
    household: entry?.buildingUnit ?? null, // the flat is not kept offline
    buildingUnit: entry?.buildingUnit ?? null,
    temperature,
    logId: id,
  };
  return { verdict, queued };
}

/** A snapshot as short text to keep (rows as the cloud sends them): about 80 bytes a resident. */
export function packSnapshot(snapshot: PhoneSnapshot): string {
  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  const rows = Object.entries(snapshot.residents).map(([id, e]): SnapshotRow => {
    if (!unitIndex.has(e.buildingUnit)) unitIndex.set(e.buildingUnit, units.push(e.buildingUnit) - 1);
    const greenUntil = e.greenUntil ? Math.floor(e.greenUntil / 1000) : 0;
    return [
      id,
      e.householdId,
      colourCode(e.colour, !!e.medical),
      greenUntil,
      e.yellowUsed ? 1 : 0,
      e.maskedName,
      unitIndex.get(e.buildingUnit)!,
    ];
  });
  const { residents: _residents, ...rest } = snapshot;
  return JSON.stringify({ ...rest, units, rows });
}

export function unpackSnapshot(text: string): PhoneSnapshot {
  const { units, rows, ...rest } = JSON.parse(text) as Omit<PhoneSnapshot, 'residents'> & {
    units: string[];
    rows: SnapshotRow[];
  };
  const residents: Record<string, SnapshotEntry> = {};
  for (const row of rows) residents[row[0]] = entryOf(row, units);
  return { ...rest, residents };
}
