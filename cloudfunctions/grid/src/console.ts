/** The grid worker's lists: who waits for verification, and who passed which gate when. */
import { DAY_MS } from '../../../core/time';
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { TooManyDocuments, findAll, findMany } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { StatusDoc, currentStatus } from '../../../server/status';
import { UserDoc, gridBuildingIds, requireRole } from '../../../server/users';

/** Keys the cloud itself puts in every event of a mini-program call. */
export const EVENT_KEYS = ['action', 'userInfo'];

/** More yellow residents than this in one grid is refused rather than listed in part. */
const QUEUE_MAX = 10_000;

/**
 * Yellow residents of my grid, longest waiting first, with why they are yellow. Every page of
 * them is read: the waiting time is the oldest current reason (registration, return, a stale
 * declaration), which no stored field holds, so the order is made here over all of them.
 */
export async function verificationQueue(_payload: unknown, caller: Caller) {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查看待核实名单');
  const buildingIds = await gridBuildingIds(worker);
  const at = now();
  const fields = { residentId: 1, maskedName: 1, buildingName: 1, unit: 1, room: 1, colour: 1 };
  const statuses = await findAll<StatusDoc>(
    'statuses',
    { buildingId: { $in: buildingIds }, colour: 'yellow' },
    {
      fields: { ...fields, reasons: 1, ruleVersion: 1, declarationExpiresAt: 1, overrideUntil: 1 },
      max: QUEUE_MAX,
    },
  ).catch((err: unknown) => {
    throw err instanceof TooManyDocuments
      ? new AppError('RESOURCE_EXHAUSTED', `待核实人数超过 ${QUEUE_MAX} 人，请联系街道分网格处理`)
      : err;
  });
  return statuses
    .map((s) => ({ s, current: currentStatus(s, at) }))
    .filter(({ current }) => current.colour === 'yellow' && current.reasons.length > 0)
    .map(({ s, current }) => {
      const since = Math.min(...current.reasons.map((r) => r.since.getTime()));
      return {
        residentId: s.residentId,
        maskedName: s.maskedName,
        address: `${s.buildingName}${s.unit}单元${s.room}室`,
        reasons: current.reasons.map((r) => r.text),
        waitingDays: Math.floor((at.getTime() - since) / DAY_MS),
        since: new Date(since).toISOString(),
      };
    })
    .sort((a, b) => a.since.localeCompare(b.since) || a.residentId.localeCompare(b.residentId));
}

const PAGE_SIZE_MAX = 50;

export interface GateLogRow {
  at: Date;
  direction: string;
  colour: string | null;
  allowed: boolean;
  code: string;
  maskedName: string | null;
  visitor?: boolean;
}

/** The search of one of my gates' logs (gate, time range, colour, direction), checked. */
export function gateLogSearch(payload: Record<string, unknown>, check: Checker) {
  const gateId = check.id('gateId', payload.gateId, '卡口');
  const from = check.date('from', payload.from, '开始时间');
  const to = check.date('to', payload.to, '结束时间');
  const colour =
    payload.colour === undefined
      ? undefined
      : check.oneOf('colour', payload.colour, ['green', 'yellow', 'red'] as const, '颜色');
  const direction =
    payload.direction === undefined
      ? undefined
      : check.oneOf('direction', payload.direction, ['in', 'out'] as const, '方向');
  if (from > to) check.fail('to', '结束时间不能早于开始时间');
  return {
    gateId,
    query: {
      gateId,
      at: { $gte: from, $lt: to },
      ...(colour ? { colour } : {}),
      ...(direction ? { direction } : {}),
    },
  };
}

export function requireGuardOf(worker: UserDoc, gateId: string): void {
  if (!(worker.gateIds ?? []).includes(gateId)) throw denied('只能查询您值守的卡口');
}

/** Gate logs of my gates: by time range, gate, colour and direction; names masked; paged. */
export async function gateLogs(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  check.onlyKeys(payload, [...EVENT_KEYS, 'gateId', 'from', 'to', 'colour', 'direction', 'page', 'pageSize']);
  const { gateId, query } = gateLogSearch(payload, check);
  const page = payload.page === undefined ? 0 : check.integer('page', payload.page, '页码', 0, 10_000);
  const pageSize =
    payload.pageSize === undefined ? 20 : check.integer('pageSize', payload.pageSize, '每页条数', 1, PAGE_SIZE_MAX);
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查询卡口记录');
  requireGuardOf(worker, gateId);
  const rows = await findMany<GateLogRow>('gate_logs', query, {
    orderBy: ['at', 'desc'],
    limit: pageSize + 1,
    skip: page * pageSize,
  });
  return {
    page,
    hasMore: rows.length > pageSize,
    logs: rows.slice(0, pageSize).map((r) => ({
      at: r.at.toISOString(),
      direction: r.direction,
      colour: r.colour,
      allowed: r.allowed,
      code: r.code,
      maskedName: r.maskedName,
      visitor: !!r.visitor,
    })),
  };
}
