/**
 * What the cloud knows of one scan, in one database read: the resident's status with the guard's
 * role, the gate, the rules, the household's exits this period, the resident's last passes and,
 * for a card, its record. Shared by the live scan (scan.ts) and the upload of offline scans
 * (sync.ts), which asks the same question about a moment in the past: only what was logged
 * before that moment counts.
 */
import { GateDecision, decide, outingPeriod, refusal, tokenRefusal } from '../../../core/gate';
import { DEFAULT_RULES, RuleConfig } from '../../../core/rule-config';
import type { Status } from '../../../core/facts';
import type { TokenCheck } from '../../../core/pass-token';
import { DAY_MS } from '../../../core/time';
import type { Direction } from '../../../typings';
import { aggregate } from '../../../server/db';
import { v } from '../../../server/schema';
import { StatusDoc, currentStatus } from '../../../server/status';
import type { UserDoc } from '../../../server/users';

/** The id a phone gives a scan (miniprogram/utils/request-id.ts makes them). */
export const scanIdSchema = (label = '核验记录编号') =>
  v.pipe(v.string(`${label}无效`), v.regex(/^[A-Za-z0-9_-]{8,64}$/, `${label}无效`));

export interface GateDoc {
  enclosureId: string;
  name: string;
  /** Set when the street office closed this gate (estate.retire): no scan passes there any more. */
  retiredAt?: Date;
}

export interface ScanRow extends StatusDoc {
  guard: (UserDoc & { _id: string })[];
  gate: (GateDoc & { _id: string })[];
  rules: RuleConfig[];
  exits: { _id: string; at: Date }[];
  last: { _id: string; direction: string }[];
  lastYellowExit: { at: Date }[];
  /** A printed card's own record (scans of a card only): revoked or reissued cards are refused. */
  card?: { state: string }[];
}

export async function readScanRow(
  token: { residentId: string; householdId: string },
  { openid, gateId, at, cardId }: { openid: string; gateId: string; at: Date; cardId?: string },
): Promise<ScanRow | undefined> {
  // Logged before the scan: for a live scan that is everything; for an uploaded one, its past.
  const before = { $lt: at };
  let query = aggregate('statuses')
    .match({ _id: token.residentId })
    .lookup({
      from: 'users',
      let: {}, // the documented form of a sub-pipeline lookup names its variables, even when none
      pipeline: [{ $match: { _id: openid } }, { $project: { roles: 1, gateIds: 1 } }],
      as: 'guard',
    })
    .lookup({ from: 'gates', let: {}, pipeline: [{ $match: { _id: gateId } }], as: 'gate' })
    .lookup({ from: 'rule_configs', let: {}, pipeline: [{ $sort: { version: -1 } }, { $limit: 1 }], as: 'rules' })
    .lookup({
      from: 'gate_logs',
      let: {},
      // Quota periods are at most 7 days; which of these exits fall in this period is decided below.
      pipeline: [
        {
          $match: {
            householdId: token.householdId,
            direction: 'out',
            allowed: true,
            visitor: { $ne: true }, // a visitor leaving is logged under the host but uses none of its quota
            at: { $gte: new Date(at.getTime() - 7 * DAY_MS), ...before },
          },
        },
        { $project: { at: 1 } },
      ],
      as: 'exits',
    })
    .lookup({
      from: 'gate_logs',
      let: {},
      pipeline: [
        { $match: { residentId: token.residentId, allowed: true, at: before } },
        { $sort: { at: -1 } },
        { $limit: 1 },
      ],
      as: 'last',
    })
    .lookup({
      from: 'gate_logs',
      let: {},
      pipeline: [
        {
          $match: { residentId: token.residentId, direction: 'out', allowed: true, colour: 'yellow', at: before },
        },
        { $sort: { at: -1 } },
        { $limit: 1 },
      ],
      as: 'lastYellowExit',
    });
  // Still one read: the card's record comes with the rest.
  if (cardId)
    query = query.lookup({
      from: 'pass_cards',
      let: {},
      pipeline: [{ $match: { _id: cardId } }, { $project: { state: 1 } }],
      as: 'card',
    });
  const { list } = await query.limit(1).end();
  return list[0] as ScanRow | undefined;
}

/** The cloud's verdict on a scan at `at`, from its row (no read, no write). */
export function cloudDecision(
  row: ScanRow,
  { at, direction, temperature }: { at: Date; direction: Direction; temperature: number },
): {
  rules: RuleConfig;
  period: { key: number; start: Date };
  exitsThisPeriod: number;
  status: Status;
  decision: GateDecision;
} {
  const rules = row.rules[0] ?? DEFAULT_RULES;
  const period = outingPeriod(at, rules.outingQuota.periodDays);
  const exitsThisPeriod = row.exits.filter((e) => e.at >= period.start).length;
  const status = currentStatus(row, at);
  const decision = decide({
    status,
    direction,
    rules,
    householdExitsThisPeriod: exitsThisPeriod,
    lastYellowExitAt: row.lastYellowExit[0]?.at ?? null,
    temperature,
  });
  return { rules, period, exitsThisPeriod, status, decision };
}

/**
 * The cloud's verdict on a scan whose token checked out and whose row was read (or not found):
 * the refusals the token, the gate and the card decide, then the rules'. For an uploaded offline
 * scan; the live scan interleaves the guard's checks and the exit slot (scan.ts).
 */
export function judgedRow(
  row: ScanRow | undefined,
  token: Extract<TokenCheck, { ok: true }>,
  { at, direction, temperature, card }: { at: Date; direction: Direction; temperature: number; card: boolean },
): { decision: GateDecision; colour: Status['colour'] | null } {
  if (!row) return { decision: refusal('unknown_resident'), colour: null };
  // The colour on every path: a yellow let out offline must count as the yellow exit it was.
  const { decision, status } = cloudDecision(row, { at, direction, temperature });
  const foreign = tokenRefusal(token, row.gate[0]?.enclosureId ?? null);
  if (foreign) return { decision: foreign, colour: status.colour };
  if (card && row.card?.[0]?.state !== 'active') return { decision: refusal('card_revoked'), colour: status.colour };
  return { decision, colour: status.colour };
}
