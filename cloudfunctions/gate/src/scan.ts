/**
 * 扫码核验. A scan costs two database operations: one aggregate that reads the resident's status
 * together with the guard's role, the gate, the rules, the household's exits this period and the
 * resident's last passes; and one insert, the log. Exits take a numbered slot id per household and
 * period, so two members leaving at once at two gates cannot both use the last slot (the loser
 * costs a third operation). A caller who is not a guard of this gate gets an error and nothing is
 * written.
 */
import { GateDecision, cardRefusal, refusal, tokenRefusal } from '../../../core/gate';
import { checkAnyCard, isCardToken } from '../../../core/pass-card';
import { checkAnyToken } from '../../../core/pass-token';
import type { Direction, Verdict } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { passKeys } from '../../../server/pass-key';
import { findById, insert, insertOnce } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import { id, input, num, oneOf, v } from '../../../server/schema';
import { scanIdSchema } from './scan-row';
import { feverFound } from './fever';
import { ScanRow, cloudDecision, readScanRow } from './scan-row';
import type { UserDoc } from '../../../server/users';

/** Gate logs are kept 28 days (DESIGN.md §2), then removed by the retention job. */

/** The key passes are checked with. Without a usable one every scan is refused, before any read or log. */
const gateKeys = () => passKeys('卡口未配置通行码密钥，请联系街道管理员');

function requireGuard(user: UserDoc | undefined, gateId: string): void {
  if (!user || !user.roles.includes('grid_worker')) throw denied('仅网格员可以扫码核验');
  if (!(user.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
}

export const scan = {
  // The guard's role and gates are read inside the scan's one aggregate: 2 database operations.
  who: 'checked-in-query',
  input: input({
    gateId: id('卡口'),
    direction: oneOf('进出方向', ['in', 'out']),
    // Any string: a malformed, expired or forged token is a refusal that is logged, not an input error.
    token: v.pipe(v.string('通行码无效'), v.maxLength(1024, '通行码无效')),
    // 逢人必测: the guard confirms the default or types what the thermometer shows.
    temperature: num('体温', 34, 43),
    // Named, not read: the link costs the scan no operation; 卡口记录 shows the plate beside the person.
    vehicleLogId: v.optional(id('随车记录')),
    // The phone's id for this scan: if the answer is lost and the phone judges it offline, the
    // upload finds this log and stores no second one (sync.ts).
    scanId: v.optional(scanIdSchema()),
  }),
  run: ({ gateId, direction, token, temperature, vehicleLogId, scanId }, { openid }) =>
    scanPass(openid, { gateId, direction, temperature, vehicleLogId, scanId }, token),
} satisfies Def<'gate', 'scan'>;

type Lane = { gateId: string; direction: Direction; temperature: number; vehicleLogId?: string; scanId?: string };

async function scanPass(openid: string, lane: Lane, rawToken: string): Promise<Verdict> {
  const { gateId, direction, temperature, vehicleLogId, scanId } = lane;
  const keys = gateKeys();
  const at = now();
  const checkKeys = { secret: keys.secret, publicKey: keys.signing.publicKey, envId: keys.envId };
  // A printed 爱心码 or a phone's token: both name who, never the colour.
  const card = isCardToken(rawToken) ? checkAnyCard(rawToken, at, checkKeys) : null;
  const token = card ?? checkAnyToken(rawToken, at, checkKeys);
  // Every log is also the gate's temperature reading of that person.
  const base = {
    gateId,
    direction,
    at,
    guard: openid,
    temperature,
    ...(card?.ok ? { cardId: card.cardId } : {}),
    ...(vehicleLogId ? { vehicleLogId } : {}),
    ...(scanId ? { scanId } : {}),
  };

  if (!token.ok) {
    const guard = await findById<UserDoc>('users', openid);
    requireGuard(guard ?? undefined, gateId);
    return logged(base, null, card ? cardRefusal(card)! : tokenRefusal(token, null)!);
  }

  const row = await readScanRow(token, { openid, gateId, at, cardId: card?.ok ? card.cardId : undefined });
  if (!row) {
    requireGuard((await findById<UserDoc>('users', openid)) ?? undefined, gateId);
    return logged(base, null, refusal('unknown_resident'));
  }
  requireGuard(row.guard[0], gateId);
  if (row.gate[0]?.retiredAt) throw new AppError('FAILED_PRECONDITION', '该卡口已停用，请到其他卡口通行');
  const subject = { row, token };
  const foreign = tokenRefusal(token, row.gate[0]?.enclosureId ?? null);
  if (foreign) return logged(base, subject, foreign);
  if (card && row.card?.[0]?.state !== 'active') return logged(base, subject, refusal('card_revoked'));

  const { rules, period, exitsThisPeriod, status, decision } = cloudDecision(row, { at, direction, temperature });
  if (decision.code === 'fever_at_gate') {
    const verdict = await logged(base, subject, decision, status.colour);
    const colour = await feverFound(row, { gateId, gateName: row.gate[0]?.name ?? '', temperature, at });
    return { ...verdict, colour };
  }
  const pairedExitId = direction === 'in' && row.last[0]?.direction === 'out' ? row.last[0]._id : undefined;
  if (decision.allowed && direction === 'out') {
    // The slot for this exit; a concurrent exit of the same household may have just taken it.
    const slot = `out-${row.householdId}-${rules.outingQuota.periodDays}d${period.key}-${exitsThisPeriod + 1}`;
    const doc = { _id: slot, ...logFields(base, subject, decision, status.colour), periodKey: period.key };
    if (await insertOnce('gate_logs', doc)) return verdictOf(decision, subject, slot, status.colour, temperature);
    return logged(base, subject, refusal('quota_used'), status.colour);
  }
  return logged(base, subject, decision, status.colour, pairedExitId);
}

export type Base = {
  gateId: string;
  direction: 'in' | 'out';
  at: Date;
  guard: string;
  temperature: number;
  /** The 爱心码 scanned, when it was a card. */
  cardId?: string;
  /** The gate log of the vehicle the person is aboard. */
  vehicleLogId?: string;
  /** The phone's id for the scan (scan.ts, sync.ts). */
  scanId?: string;
};
export type Subject = { row: ScanRow; token: { residentId: string; householdId: string } } | null;

export function logFields(base: Base, subject: Subject, decision: GateDecision, colour: string | null) {
  return {
    ...base,
    enclosureId: subject?.row.enclosureId ?? null,
    residentId: subject?.token.residentId ?? null,
    householdId: subject?.token.householdId ?? null,
    maskedName: subject?.row.maskedName ?? null,
    colour,
    allowed: decision.allowed,
    code: decision.code,
  };
}

async function logged(
  base: Base,
  subject: Subject,
  decision: GateDecision,
  colour: string | null = null,
  pairedExitId?: string,
): Promise<Verdict> {
  const id = await insert('gate_logs', {
    ...logFields(base, subject, decision, colour),
    ...(pairedExitId ? { pairedExitId } : {}),
  });
  return verdictOf(decision, subject, id, colour, base.temperature);
}

function verdictOf(
  decision: GateDecision,
  subject: Subject,
  logId: string,
  colour: string | null,
  temperature: number,
): Verdict {
  const row = subject?.row;
  return {
    allowed: decision.allowed,
    colour: (colour as Verdict['colour']) ?? null,
    reason: decision.text,
    maskedName: row?.maskedName ?? null,
    household: row ? `${row.buildingName}${row.unit}单元${row.room}室` : null,
    buildingUnit: row ? `${row.buildingName}${row.unit}单元` : null,
    temperature,
    logId,
  };
}
