/**
 * 离线记录上传: the scans a guard's phone judged with no network reach the cloud when it returns,
 * oldest first, at most 20 a call. Each is stored once: its log id comes from the guard and the
 * phone's own id for the scan, so an upload repeated after a lost answer stores nothing twice.
 * The cloud judges each scan again as it would have at that moment (the status then, the exits
 * logged before it). The log keeps what happened at the gate — who went through — so the quota
 * and the pairing of exits and returns stay true; where the two verdicts differ the safer one
 * stands for what follows: the grid worker of the building is alerted with the cloud's reason
 * (someone went out who should not have, or was turned back who need not have been). A fever
 * found offline turns the resident red and alerts, as online. No scan blocks the others: a phone
 * clock running fast is read as the upload's time, a scan past the longest quota period is stored
 * unjudged. A scan whose live answer was lost is found by the phone's id and not stored again. A
 * phone claiming it let through what its own rule refuses (a bad token, another estate, a stale
 * snapshot) is not believed: the log says refused, and the grid worker is alerted.
 */
import { cardRefusal, refusal, tokenRefusal } from '../../../core/gate';
import { verdictTextOf } from '../../../miniprogram/shared/gate-verdicts';
import { checkAnyCard, isCardToken } from '../../../core/pass-card';
import { checkAnyToken } from '../../../core/pass-token';
import { DAY_MS } from '../../../core/time';
import { SNAPSHOT_MAX_AGE_MS, reconcile } from '../../../miniprogram/shared/offline-gate';
import type { OfflineScan, SyncResult } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findMany, insertOnce } from '../../../server/db';
import { alertFields } from '../../../server/alerts';
import { denied } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { passKeys } from '../../../server/pass-key';
import { input, id, instant, list, num, oneOf, v } from '../../../server/schema';
import type { UserDoc } from '../../../server/users';
import { feverFound } from './fever';
import { logFields } from './scan';
import { judgedRow, readScanRow, scanIdSchema } from './scan-row';

export const SYNC_MAX = 20;
/** Older scans are stored as they happened, not judged: past the longest quota period nothing about them can be. */
const SYNC_MAX_AGE_MS = 7 * DAY_MS;

const offlineScan = v.strictObject({
  id: scanIdSchema('离线记录编号'),
  token: v.pipe(v.string('通行码无效'), v.maxLength(1024, '通行码无效')),
  direction: oneOf('进出方向', ['in', 'out']),
  temperature: num('体温', 34, 43),
  at: instant('核验时间'),
  snapshotAt: instant('名单时间'),
  allowed: v.boolean('核验结果无效'),
  code: v.pipe(
    v.string('核验结果无效'),
    v.check((c) => verdictTextOf(c) !== '', '核验结果无效'),
  ),
});

export const sync = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以上传离线核验记录',
  input: input({ gateId: id('卡口'), scans: list('离线记录', offlineScan, SYNC_MAX) }),
  run: ({ gateId, scans }, { user }) => upload(user, gateId, scans),
} satisfies Def<'gate', 'sync'>;

async function upload(
  guard: Stored<UserDoc>,
  gateId: string,
  scans: OfflineScan[],
): Promise<{ results: SyncResult[]; syncedAt: string }> {
  // Not `guardedGate`: a gate closed since still takes the scans made there before.
  if (!(guard.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
  const syncedAt = now();
  const logIdOf = (scan: OfflineScan) => idFor('off', guard._id, scan.id);
  // Two reads: which of these a lost answer already stored, and which the cloud logged live
  // (the phone judged a scan offline whose live answer was lost: one passage, one log).
  const [offline, live] = await Promise.all([
    findMany<{ flagged?: boolean }>(
      'gate_logs',
      { _id: { $in: scans.map(logIdOf) } },
      { fields: { flagged: true }, limit: SYNC_MAX },
    ),
    findMany<{ scanId: string }>(
      'gate_logs',
      { scanId: { $in: scans.map((s) => s.id) }, guard: guard._id },
      { fields: { scanId: true }, limit: SYNC_MAX },
    ),
  ]);
  const stored = new Map<string, { logId: string; flagged: boolean }>([
    ...offline.map((log) => [log._id, { logId: log._id, flagged: log.flagged === true }] as const),
    ...live.map((log) => [logIdOf({ id: log.scanId } as OfflineScan), { logId: log._id, flagged: false }] as const),
  ]);
  const keys = passKeys('卡口未配置通行码密钥，请联系街道管理员');
  const checkKeys = { secret: keys.secret, publicKey: keys.signing.publicKey, envId: keys.envId };
  const results: SyncResult[] = [];
  for (const scan of [...scans].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const logId = logIdOf(scan);
    const known = stored.get(logId);
    const flagged = known ? known.flagged : await store(guard._id, gateId, scan, logId, checkKeys, syncedAt);
    results.push({ id: scan.id, logId: known?.logId ?? logId, flagged });
  }
  return { results, syncedAt: syncedAt.toISOString() };
}

/** Refusals the phone's own rule makes too: a phone that says it let such a scan through is not believed. */
const HARD_REFUSALS = new Set([
  'token_invalid',
  'token_expired',
  'card_expired',
  'foreign_resident',
  'unknown_resident',
  'offline_unsupported',
  'offline_stale',
]);

async function store(
  openid: string,
  gateId: string,
  scan: OfflineScan,
  logId: string,
  keys: { secret: string; publicKey: Uint8Array; envId: string },
  syncedAt: Date,
): Promise<boolean> {
  // A phone clock running fast is not a scan from the future: it happened by the upload at the latest.
  const at = new Date(Math.min(Date.parse(scan.at), syncedAt.getTime()));
  const snapshotAt = new Date(Date.parse(scan.snapshotAt));
  const judge = syncedAt.getTime() - at.getTime() <= SYNC_MAX_AGE_MS;
  const card = isCardToken(scan.token) ? checkAnyCard(scan.token, at, keys) : null;
  const token = card ?? checkAnyToken(scan.token, at, keys);
  const row =
    token.ok && judge
      ? await readScanRow(token, { openid, gateId, at, cardId: card?.ok ? card.cardId : undefined })
      : undefined;
  const stale =
    at.getTime() - snapshotAt.getTime() > SNAPSHOT_MAX_AGE_MS || at.getTime() < snapshotAt.getTime() - 60_000;
  const cloud = !judge
    ? null // older than any quota period: stored as it happened, not judged again
    : stale
      ? { decision: refusal('offline_stale'), colour: null }
      : !token.ok
        ? { decision: card ? cardRefusal(card)! : tokenRefusal(token, null)!, colour: null }
        : judgedRow(row, token, { at, direction: scan.direction, temperature: scan.temperature, card: !!card });
  // What happened at the gate, unless the phone claims a passage its own rule could not allow.
  const allowed = scan.allowed && !(cloud && HARD_REFUSALS.has(cloud.decision.code));
  const { flagged } = cloud ? reconcile({ allowed: scan.allowed }, cloud.decision) : { flagged: false };
  const subject = row && token.ok ? { row, token } : null;
  // The alert and the fever first, the log last: both are idempotent, so a retry after a failure
  // between them redoes them, and a stored log means all of it was done.
  if (row && cloud && flagged) {
    const gateName = row.gate[0]?.name ?? '';
    const detail = scan.allowed
      ? `${gateName}离线核验放行，但按云端状态应劝返：${cloud.decision.text}，请核实`
      : `${gateName}离线核验劝返，按云端状态本可放行，请向住户说明`;
    await insertOnce('alerts', {
      _id: `offline-${logId}`,
      ...alertFields(row, { at, kind: 'offline_mismatch', detail }),
    });
  }
  if (row && (scan.code === 'fever_at_gate' || cloud?.decision.code === 'fever_at_gate'))
    await feverFound(row, { gateId, gateName: row.gate[0]?.name ?? '', temperature: scan.temperature, at }, syncedAt);
  const base = {
    gateId,
    direction: scan.direction,
    at,
    guard: openid,
    temperature: scan.temperature,
    ...(card?.ok ? { cardId: card.cardId } : {}),
  };
  const phone = { allowed, code: scan.code, text: verdictTextOf(scan.code) };
  await insertOnce('gate_logs', {
    _id: logId,
    ...logFields(base, subject, phone as Parameters<typeof logFields>[2], cloud?.colour ?? null),
    offline: {
      snapshotAt,
      syncedAt,
      phoneAllowed: scan.allowed,
      cloudAllowed: cloud ? cloud.decision.allowed : null,
      cloudCode: cloud ? cloud.decision.code : null,
    },
    flagged,
  });
  return flagged;
}
