/**
 * The scan page's offline side: takes the gate's snapshot while online (all pages the first time,
 * the changes since afterwards), judges a scan with it when the cloud cannot be reached, and
 * uploads the queued scans once it can. The snapshot is kept encrypted (utils/offline-store.ts)
 * and in memory while the page is open.
 */
import type { Direction, SnapshotPage, Verdict } from '../../typings';
import {
  PhoneSnapshot,
  applyPages,
  clockOf,
  judgeOffline,
  markUploaded,
  pendingOf,
  prunedQueue,
  toUpload,
} from '../shared/offline-lane';
import { SNAPSHOT_MAX_AGE_MS } from '../shared/offline-gate';
import { loadQueue, loadSnapshot, saveQueue, saveSnapshot, wipeSnapshot } from '../utils/offline-store';
import { call } from './cloud';

/** How often the page takes the changes while online. */
export const REFRESH_MS = 5 * 60_000;
/** A download stops here rather than run on: 200 pages of 500 residents. */
const MAX_PAGES = 200;
/** The cloud's answers that mean this phone must not keep the gate's residents: not a guard there, gate closed or gone. */
const WIPE_ON = new Set(['PERMISSION_DENIED', 'FAILED_PRECONDITION', 'NOT_FOUND']);

let held: PhoneSnapshot | null = null;
const snapshot = (): PhoneSnapshot | null => (held ??= loadSnapshot());

/** What the page shows of the snapshot: its time, how many it holds, how many scans wait. */
export function offlineState(): { takenAt: string; residents: number; pending: number; stale: boolean } {
  const s = snapshot();
  return {
    takenAt: s ? clockOf(s.takenAt) : '',
    residents: s ? Object.keys(s.residents).length : 0,
    pending: pendingOf(loadQueue()).length,
    stale: !s || Date.now() - s.takenAt > SNAPSHOT_MAX_AGE_MS,
  };
}

/** The snapshot of this gate, fresh: the changes since the last one, or all of it. False when offline or refused. */
export async function refreshSnapshot(gateId: string): Promise<boolean> {
  const current = snapshot();
  const base =
    current && current.gateId === gateId && Date.now() - current.takenAt < SNAPSHOT_MAX_AGE_MS - REFRESH_MS
      ? current
      : null;
  const pages: SnapshotPage[] = [];
  let after: string | undefined;
  do {
    const res = await call('gate', 'snapshot', {
      gateId,
      ...(after ? { after } : {}),
      ...(base ? { since: new Date(base.takenAt).toISOString() } : {}),
    });
    if (WIPE_ON.has(String(res.code))) wipe();
    if (res.code !== 0) return false;
    pages.push(res.data);
    after = res.data.next ?? undefined;
  } while (after && pages.length < MAX_PAGES);
  const next = applyPages(gateId, pages, base);
  saveSnapshot(next, pages[0].head!.vaultKey);
  held = next;
  saveQueue(prunedQueue(loadQueue(), next));
  return true;
}

/**
 * The queued scans up to the cloud, 20 a call, each gate's to its gate. A gate the cloud says this
 * guard no longer guards keeps its scans here, marked, and the others still go. The number still waiting.
 */
export async function uploadQueue(): Promise<number> {
  for (;;) {
    const queue = loadQueue();
    const gateId = pendingOf(queue)[0]?.gateId;
    if (!gateId) return 0;
    const scans = toUpload(queue.filter((scan) => scan.gateId === gateId));
    const res = await call('gate', 'sync', { gateId, scans });
    if (res.code === 'PERMISSION_DENIED') {
      saveQueue(loadQueue().map((s) => (s.gateId === gateId && !s.uploadedAt ? { ...s, refused: true } : s)));
      continue;
    }
    if (res.code !== 0 || res.data.results.length === 0) return pendingOf(queue).length;
    const ids = res.data.results.map((r) => r.id);
    saveQueue(markUploaded(loadQueue(), ids, Date.parse(res.data.syncedAt)));
  }
}

/** A scan judged on this phone, queued for upload under the id its live call carried; or why it cannot be. */
export function judgeHere(
  token: string,
  { gateId, direction, temperature, id }: { gateId: string; direction: Direction; temperature: number; id: string },
): { verdict: Verdict; note: string } | { error: string } {
  const s = snapshot();
  if (!s) return { error: '网络异常，且本机没有离线名单，请联网后核验' };
  if (s.gateId !== gateId) return { error: '离线名单属于其他卡口，请联网后核验' };
  const queue = loadQueue();
  const { verdict, queued } = judgeOffline(token, { snapshot: s, queue, direction, temperature, at: Date.now(), id });
  saveQueue([...queue, queued]);
  return { verdict, note: `离线核验 · 状态截至 ${clockOf(s.takenAt)}` };
}

/** 清除离线名单: the snapshot and its key; scans still to upload stay. */
export function wipe(): void {
  held = null;
  wipeSnapshot();
}
