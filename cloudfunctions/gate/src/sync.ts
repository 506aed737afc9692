/**
 * 离线记录上传: the scans a guard's phone judged with no network reach the cloud when it returns,
 * oldest first, at most 20 a call. Each is stored once: its log id comes from the guard and the
 * phone's own id for the scan, so an upload repeated after a lost answer stores nothing twice.
 * The cloud judges each scan again as it would have at that moment (the status then, the exits
 * logged before it). The log keeps what happened at the gate — who went through — so the quota
 * and the pairing of exits and returns stay true; where the two verdicts differ the safer one
 * stands for what follows: the grid worker of the building is alerted with the cloud's reason
 * (someone went out who should not have, or was turned back who need not have been). A fever
 * found offline turns the resident red and alerts, as online.
 */
import { cardRefusal, tokenRefusal } from '../../../core/gate';
import { verdictTextOf } from '../../../miniprogram/shared/gate-verdicts';
import { checkAnyCard, isCardToken } from '../../../core/pass-card';
import { checkAnyToken } from '../../../core/pass-token';
import { DAY_MS } from '../../../core/time';
import { reconcile } from '../../../miniprogram/shared/offline-gate';
import type { OfflineScan, SyncResult } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findMany, insertOnce } from '../../../server/db';
import { denied, invalid } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { passKeys } from '../../../server/pass-key';
import { input, id, instant, list, num, oneOf, v } from '../../../server/schema';
import type { UserDoc } from '../../../server/users';
import { feverFound } from './fever';
import { GATE_LOG_RETENTION_DAYS, logFields } from './scan';
import { judgedRow, readScanRow } from './scan-row';

export const SYNC_MAX = 20;
/** Older scans are refused: past the longest quota period nothing about them can be judged any more. */
const SYNC_MAX_AGE_MS = 7 * DAY_MS;

const offlineScan = v.strictObject({
  id: v.pipe(v.string('离线记录编号无效'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '离线记录编号无效')),
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
): Promise<{ results: SyncResult[] }> {
  // Not `guardedGate`: a gate closed since still takes the scans made there before.
  if (!(guard.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
  const at = now();
  scans.forEach((scan, i) => {
    const when = Date.parse(scan.at);
    if (when > at.getTime() + 60_000) throw invalid(`scans.${i}.at`, '核验时间晚于当前时间，请校准手机时间');
    if (at.getTime() - when > SYNC_MAX_AGE_MS) throw invalid(`scans.${i}.at`, '离线记录超过7天，无法上传');
  });
  const logIdOf = (scan: OfflineScan) => idFor('off', guard._id, scan.id);
  // One read: which of these a lost answer already stored.
  const stored = new Map(
    (
      await findMany<{ flagged?: boolean }>(
        'gate_logs',
        { _id: { $in: scans.map(logIdOf) } },
        { fields: { flagged: true }, limit: SYNC_MAX },
      )
    ).map((log) => [log._id, log.flagged === true]),
  );
  const keys = passKeys('卡口未配置通行码密钥，请联系街道管理员');
  const checkKeys = { secret: keys.secret, publicKey: keys.signing.publicKey, envId: keys.envId };
  const results: SyncResult[] = [];
  for (const scan of [...scans].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const logId = logIdOf(scan);
    const flagged = stored.get(logId) ?? (await store(guard._id, gateId, scan, logId, checkKeys, at));
    results.push({ id: scan.id, logId, flagged });
  }
  return { results };
}

async function store(
  openid: string,
  gateId: string,
  scan: OfflineScan,
  logId: string,
  keys: { secret: string; publicKey: Uint8Array; envId: string },
  syncedAt: Date,
): Promise<boolean> {
  const at = new Date(Date.parse(scan.at));
  const card = isCardToken(scan.token) ? checkAnyCard(scan.token, at, keys) : null;
  const token = card ?? checkAnyToken(scan.token, at, keys);
  const row = token.ok
    ? await readScanRow(token, { openid, gateId, at, cardId: card?.ok ? card.cardId : undefined })
    : undefined;
  const cloud = !token.ok
    ? { decision: card ? cardRefusal(card)! : tokenRefusal(token, null)!, colour: null }
    : judgedRow(row, token, { at, direction: scan.direction, temperature: scan.temperature, card: !!card });
  const { flagged } = reconcile({ allowed: scan.allowed }, cloud.decision);
  const subject = row && token.ok ? { row, token } : null;
  const base = {
    gateId,
    direction: scan.direction,
    at,
    guard: openid,
    temperature: scan.temperature,
    expireAt: new Date(at.getTime() + GATE_LOG_RETENTION_DAYS * DAY_MS),
    ...(card?.ok ? { cardId: card.cardId } : {}),
  };
  const phone = { allowed: scan.allowed, code: scan.code, text: verdictTextOf(scan.code) };
  const fresh = await insertOnce('gate_logs', {
    _id: logId,
    // What happened at the gate: the phone's verdict; the cloud's beside it.
    ...logFields(base, subject, phone as Parameters<typeof logFields>[2], cloud.colour),
    offline: {
      snapshotAt: new Date(Date.parse(scan.snapshotAt)),
      syncedAt,
      cloudAllowed: cloud.decision.allowed,
      cloudCode: cloud.decision.code,
    },
    flagged,
  });
  if (!fresh || !row) return flagged;
  if (flagged) {
    const gateName = row.gate[0]?.name ?? '';
    const detail = scan.allowed
      ? `${gateName}离线核验放行，但按云端状态应劝返：${cloud.decision.text}，请核实`
      : `${gateName}离线核验劝返，按云端状态本可放行，请向住户说明`;
    await insertOnce('alerts', {
      _id: `offline-${logId}`,
      at,
      kind: 'offline_mismatch',
      residentId: row.residentId,
      buildingId: row.buildingId,
      unit: row.unit,
      maskedName: row.maskedName,
      detail,
      resolved: false,
      expireAt: base.expireAt,
    });
  }
  if (scan.code === 'fever_at_gate' || cloud.decision.code === 'fever_at_gate')
    await feverFound(row, { gateId, gateName: row.gate[0]?.name ?? '', temperature: scan.temperature, at });
  return flagged;
}
