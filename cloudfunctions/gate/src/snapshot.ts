/**
 * 离线名单: what a guard's phone keeps of its enclosure to judge scans when the network is down
 * (issue 15). Page by page (500 residents, ~40 KB, under callFunction's 100 KB), each resident as
 * a short row: colour, until when green, out once while yellow, masked name, building/unit — no
 * full name, ID number or phone. The first page also brings the public key, the quota, the fever
 * threshold, the printed cards in force and the key the phone encrypts all this with. A refresh
 * (`since`) brings only the statuses computed since, and the exits and yellow exits since: a few
 * operations, not a page per 500 residents.
 */
import crypto from 'node:crypto';
import { outingPeriod } from '../../../core/gate';
import type { Status } from '../../../core/facts';
import { toBase64Url } from '../../../miniprogram/shared/signed-pass';
import { SNAPSHOT_MAX_AGE_MS } from '../../../miniprogram/shared/offline-gate';
import { colourCode } from '../../../miniprogram/shared/offline-lane';
import type { SnapshotColour, SnapshotHead, SnapshotPage, SnapshotRow } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, aggregate, findMany } from '../../../server/db';
import { invalid } from '../../../server/errors';
import { passKeys } from '../../../server/pass-key';
import { id, input, instant, v } from '../../../server/schema';
import { StatusDoc, currentRules, currentStatus } from '../../../server/status';
import type { UserDoc } from '../../../server/users';
import { guardedGate } from './guarded-gate';

export const SNAPSHOT_PAGE_SIZE = 500;
/** Printed cards in force per enclosure the phone holds (one read); any beyond are refused offline, checked online. */
const CARDS_MAX = 1000;
/** A refresh looks this far before its `since`: a log written as the last snapshot was read is not missed. */
const OVERLAP_MS = 60_000;

export const snapshot = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以下载离线名单',
  input: input({
    gateId: id('卡口'),
    after: v.optional(id('分页位置')),
    since: v.optional(instant('上次更新时间')),
  }),
  run: (input, { user }) => snapshotPage(user, input),
} satisfies Def<'gate', 'snapshot'>;

async function snapshotPage(
  guard: Stored<UserDoc>,
  { gateId, after, since }: { gateId: string; after?: string; since?: string },
): Promise<SnapshotPage> {
  const gate = await guardedGate(guard, gateId);
  const at = now();
  const sinceAt = since ? new Date(Date.parse(since) - OVERLAP_MS) : null;
  if (sinceAt && (sinceAt.getTime() > at.getTime() || at.getTime() - sinceAt.getTime() > SNAPSHOT_MAX_AGE_MS))
    throw invalid('since', '离线名单已过期，请重新下载');
  const enclosureId = gate.enclosureId;
  const [rules, statuses] = await Promise.all([
    currentRules(),
    findMany<StatusDoc>(
      'statuses',
      {
        enclosureId,
        ...(after ? { _id: { $gt: after } } : {}),
        ...(sinceAt ? { computedAt: { $gte: sinceAt } } : {}),
      },
      { orderBy: ['_id', 'asc'], limit: SNAPSHOT_PAGE_SIZE },
    ),
  ]);
  const period = outingPeriod(at, rules.outingQuota.periodDays);
  const judged = statuses.map((doc) => ({ doc, status: currentStatus(doc, at) }));
  const yellowIds = judged.filter((j) => j.status.colour === 'yellow').map((j) => j.doc._id);
  const households = [...new Set(statuses.map((s) => s.householdId))];
  // No read for an empty page or a page with no one yellow.
  const [exits, yellowExits, head] = await Promise.all([
    households.length ? exitsOf({ householdId: { $in: households } }, period.start) : new Map<string, number>(),
    yellowIds.length ? lastYellowExits({ residentId: { $in: yellowIds } }) : new Map<string, number>(),
    after
      ? null
      : headOf(guard, {
          enclosureId,
          at,
          sinceAt,
          period,
          rules: { ...rules.outingQuota, fever: rules.feverThresholdCelsius },
        }),
  ]);
  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  const rows = judged.map(({ doc, status }): SnapshotRow => {
    const unit = `${doc.buildingName}${doc.unit}单元`;
    if (!unitIndex.has(unit)) unitIndex.set(unit, units.push(unit) - 1);
    const yellowUsed = status.colour === 'yellow' && (yellowExits.get(doc._id) ?? 0) >= yellowSince(status);
    return [
      doc._id,
      doc.householdId,
      colourOf(status),
      status.colour === 'green' ? greenUntilSeconds(doc, status, at) : 0,
      yellowUsed ? 1 : 0,
      doc.maskedName,
      unitIndex.get(unit)!,
    ];
  });
  return {
    takenAt: at.toISOString(),
    head,
    units,
    rows,
    exits: Object.fromEntries(exits),
    next: statuses.length === SNAPSHOT_PAGE_SIZE ? statuses[statuses.length - 1]._id : null,
  };
}

const colourOf = (status: Status): SnapshotColour =>
  colourCode(
    status.colour,
    status.reasons.some((r) => r.rule === 'fever' || r.rule === 'symptoms'),
  );

/** When this green may turn yellow with no new fact (a declaration or a review running out): the earliest. */
function greenUntilSeconds(doc: StatusDoc, status: Status, at: Date): number {
  const ends = [status.reviewAt, doc.declarationExpiresAt, doc.overrideUntil]
    .filter((d): d is Date => d instanceof Date && d > at)
    .map((d) => d.getTime());
  return ends.length ? Math.floor(Math.min(...ends) / 1000) : 0;
}

/** As the gate decides (core/gate.ts): a yellow exit counts once the resident has been yellow. */
const yellowSince = (status: Status): number =>
  Math.min(...status.reasons.filter((r) => r.colour === 'yellow').map((r) => r.since.getTime()));

/** Exits this period per household (visitors leaving use none of the host's quota). */
async function exitsOf(match: object, periodStart: Date, since: Date | null = null): Promise<Map<string, number>> {
  const { list } = await aggregate('gate_logs')
    .match({ ...match, direction: 'out', allowed: true, visitor: { $ne: true }, at: { $gte: periodStart } })
    // When each was logged: an offline scan uploaded late is news although it happened before `since`.
    .group({ _id: '$householdId', n: { $sum: 1 }, last: { $max: { $ifNull: ['$offline.syncedAt', '$at'] } } })
    .match(since ? { last: { $gte: since } } : {})
    .limit(10_000)
    .end();
  return new Map((list as { _id: string; n: number }[]).map((e) => [e._id, e.n]));
}

/** The last yellow exit of each of these residents (ms). */
async function lastYellowExits(match: object): Promise<Map<string, number>> {
  const { list } = await aggregate('gate_logs')
    .match({ ...match, direction: 'out', allowed: true, colour: 'yellow' })
    .group({ _id: '$residentId', last: { $max: '$at' } })
    .limit(10_000)
    .end();
  return new Map((list as { _id: string; last: Date }[]).map((e) => [e._id, new Date(e.last).getTime()]));
}

async function headOf(
  guard: Stored<UserDoc>,
  {
    enclosureId,
    at,
    sinceAt,
    period,
    rules,
  }: {
    enclosureId: string;
    at: Date;
    sinceAt: Date | null;
    period: { key: number; start: Date };
    rules: { exits: number; periodDays: number; fever: number };
  },
): Promise<SnapshotHead> {
  const keys = passKeys('卡口未配置通行码密钥，请联系街道管理员');
  const [cards, exitsSince, yellowSince] = await Promise.all([
    findMany<{ residentId: string }>(
      'pass_cards',
      { enclosureId, state: 'active', expiresAt: { $gt: at } },
      { fields: { residentId: true }, orderBy: ['expiresAt', 'desc'], limit: CARDS_MAX },
    ),
    sinceAt ? exitsOf({ enclosureId }, period.start, sinceAt) : null,
    sinceAt
      ? lastYellowExits({ enclosureId, $or: [{ at: { $gte: sinceAt } }, { 'offline.syncedAt': { $gte: sinceAt } }] })
      : null,
  ]);
  return {
    enclosureId,
    publicKey: toBase64Url(keys.signing.publicKey),
    envId: keys.envId,
    quota: { exits: rules.exits, periodDays: rules.periodDays, periodKey: period.key },
    feverThreshold: rules.fever,
    cards: Object.fromEntries(cards.map((c) => [c._id, c.residentId])),
    vaultKey: vaultKeyOf(keys.secret, guard._id, at),
    ...(exitsSince ? { exitsSince: Object.fromEntries(exitsSince) } : {}),
    ...(yellowSince ? { yellowOutSince: [...yellowSince.keys()] } : {}),
  };
}

/**
 * The key a guard's phone encrypts its snapshot with: this guard's, for this China day, derived
 * from the pass secret so nothing new is stored. Issued only to a guard of the gate, online.
 */
function vaultKeyOf(secret: string, openid: string, at: Date): string {
  const day = Math.floor((at.getTime() + 8 * 3600_000) / 86_400_000);
  return toBase64Url(crypto.createHmac('sha256', secret).update(`snapshot-vault\u0000${openid}\u0000${day}`).digest());
}
