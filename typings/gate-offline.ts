/**
 * The gate offline (issue 15): what a guard's phone takes while online (the enclosure's snapshot,
 * page by page) and what it uploads when the network returns (the scans it judged alone).
 */
import type { Direction } from './gate';

/** A resident's colour as the phone keeps it: green, yellow, red, or red for a medical reason. */
export type SnapshotColour = 'g' | 'y' | 'r' | 'm';

/**
 * One resident, as short as it can be kept: id, household, colour, green until (seconds, 0 for
 * none), already out once while yellow (1), masked name, and the index of the building/unit in
 * the page's `units`. No full name, ID number or phone.
 */
export type SnapshotRow = [string, string, SnapshotColour, number, 0 | 1, string, number];

export interface SnapshotRequest {
  action: 'snapshot';
  gateId: string;
  /** The next page: the `next` of the page before. */
  after?: string;
  /** A refresh: only what changed since this snapshot's `takenAt` (ISO). */
  since?: string;
}

/** Sent with the first page only. */
export interface SnapshotHead {
  enclosureId: string;
  /** The Ed25519 public key passes and cards are checked with (base64url), and the environment they name. */
  publicKey: string;
  envId: string;
  quota: { exits: number; periodDays: number; periodKey: number };
  feverThreshold: number;
  /** The printed cards in force: card id → resident id. A card not listed is refused offline. */
  cards: Record<string, string>;
  /** The key the phone keeps the snapshot encrypted with (base64url, 32 bytes), issued for this guard and day. */
  vaultKey: string;
  /** A refresh: exits this period of the households that went out since (absolute counts), and who went out yellow since. */
  exitsSince?: Record<string, number>;
  yellowOutSince?: string[];
}

export interface SnapshotPage {
  takenAt: string;
  head: SnapshotHead | null;
  units: string[];
  rows: SnapshotRow[];
  /** Exits this period of the households on this page. */
  exits: Record<string, number>;
  /** The `after` of the next page; null on the last. */
  next: string | null;
}

/** A scan the phone judged with no network, as it uploads it. */
export interface OfflineScan {
  /** Made by the phone once per scan: an upload repeated stores the scan once. */
  id: string;
  token: string;
  direction: Direction;
  temperature: number;
  /** When it was scanned (ISO), and the age of the snapshot it was judged with. */
  at: string;
  snapshotAt: string;
  allowed: boolean;
  code: string;
}

export interface SyncRequest {
  action: 'sync';
  gateId: string;
  /** At most 20 per call, oldest first. */
  scans: OfflineScan[];
}

export interface SyncResult {
  id: string;
  logId: string;
  /** The cloud would have decided otherwise: the grid worker is alerted. */
  flagged: boolean;
}

export interface GateOfflineContract {
  snapshot: { request: SnapshotRequest; response: SnapshotPage };
  /** `syncedAt`: the cloud's time of the upload, which the phone's clock is not compared with. */
  sync: { request: SyncRequest; response: { results: SyncResult[]; syncedAt: string } };
}
