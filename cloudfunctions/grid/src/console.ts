/** The grid worker's lists: who waits for verification, and who passed which gate when. */
import { DAY_MS } from '../../../core/time';
import { displayPlate } from '../../../core/vehicle';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { TooManyDocuments, findAll, findMany } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import { id, input, int, oneOf, text, v } from '../../../server/schema';
import { StatusDoc, currentStatus } from '../../../server/status';
import { UserDoc, gridBuildingIds } from '../../../server/users';

/** More yellow residents than this in one grid is refused rather than listed in part. */
const QUEUE_MAX = 10_000;

/**
 * Yellow residents of my grid, longest waiting first, with why they are yellow. Every page of
 * them is read: the waiting time is the oldest current reason (registration, return, a stale
 * declaration), which no stored field holds, so the order is made here over all of them.
 */
export const verificationQueue = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看待核实名单',
  input: input({}),
  run: async (_input, { user }) => queueOf(await gridBuildingIds(user), now()),
} satisfies Def<'grid', 'verificationQueue'>;

/** The queue of these buildings (首页's count of 待核实 is its length, so the two always agree). */
export async function queueOf(buildingIds: string[], at: Date) {
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
  direction: 'in' | 'out';
  colour: string | null;
  allowed: boolean;
  code: string;
  maskedName: string | null;
  visitor?: boolean;
  /** Measured at the scan (℃); logs written before gates measured have none. */
  temperature?: number;
  vehicle?: { plate: string };
  /** The log of the vehicle the person was aboard (scan.ts). */
  vehicleLogId?: string;
  /** Judged on the guard's phone with no network, uploaded later (gate/sync.ts). */
  offline?: { cloudAllowed: boolean };
  flagged?: boolean;
}

const isoTime = (label: string) =>
  v.pipe(
    text(label, { max: 40 }),
    v.check((t) => !Number.isNaN(new Date(t).getTime()), `请填写${label}`),
  );

/** The fields of a search of one of my gates' logs (gate, time range, colour, direction). */
export const gateLogSearchFields = {
  gateId: id('卡口'),
  from: isoTime('开始时间'),
  to: isoTime('结束时间'),
  colour: v.optional(oneOf('颜色', ['green', 'yellow', 'red'])),
  direction: v.optional(oneOf('方向', ['in', 'out'])),
};

/** The range must run forwards. */
export const runsForward = (i: { from: string; to: string }) => new Date(i.from) <= new Date(i.to);

export interface GateLogSearch {
  gateId: string;
  from: string;
  to: string;
  colour?: 'green' | 'yellow' | 'red';
  direction?: 'in' | 'out';
}

export function gateLogQuery({ gateId, from, to, colour, direction }: GateLogSearch) {
  return {
    gateId,
    at: { $gte: new Date(from), $lt: new Date(to) },
    ...(colour ? { colour } : {}),
    ...(direction ? { direction } : {}),
  };
}

export function requireGuardOf(worker: UserDoc, gateId: string): void {
  if (!(worker.gateIds ?? []).includes(gateId)) throw denied('只能查询您值守的卡口');
}

/** Gate logs of my gates: by time range, gate, colour and direction; names masked; paged. */
export const gateLogs = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查询卡口记录',
  input: v.pipe(
    input({
      ...gateLogSearchFields,
      page: v.optional(int('页码', 0, 10_000)),
      pageSize: v.optional(int('每页条数', 1, PAGE_SIZE_MAX)),
    }),
    v.forward(
      v.check((i) => runsForward(i), '结束时间不能早于开始时间'),
      ['to'],
    ),
  ),
  run: (input, { user }) => searchLogs(user, input),
} satisfies Def<'grid', 'gateLogs'>;

async function searchLogs(worker: UserDoc, { page = 0, pageSize = 20, ...search }: RequestOf<'grid', 'gateLogs'>) {
  requireGuardOf(worker, search.gateId);
  const query = gateLogQuery(search);
  const rows = await findMany<GateLogRow>('gate_logs', query, {
    orderBy: ['at', 'desc'],
    limit: pageSize + 1,
    skip: page * pageSize,
  });
  const shown = rows.slice(0, pageSize);
  // The vehicles people were aboard, in one read for the page (most pages have none).
  const vehicleLogIds = [...new Set(shown.flatMap((r) => (r.vehicleLogId ? [r.vehicleLogId] : [])))];
  const vehicleLogs = vehicleLogIds.length
    ? await findMany<GateLogRow>(
        'gate_logs',
        // Only a vehicle let through at this gate: a link the guard's phone sent names nothing else.
        { _id: { $in: vehicleLogIds }, gateId: search.gateId, allowed: true },
        { limit: vehicleLogIds.length },
      )
    : [];
  const plateOf = new Map(vehicleLogs.flatMap((l) => (l.vehicle ? [[l._id, displayPlate(l.vehicle.plate)]] : [])));
  return {
    page,
    hasMore: rows.length > pageSize,
    logs: shown.map((r) => ({
      at: r.at.toISOString(),
      direction: r.direction,
      colour: r.colour,
      allowed: r.allowed,
      code: r.code,
      maskedName: r.maskedName,
      visitor: !!r.visitor,
      ...(typeof r.temperature === 'number' ? { temperature: r.temperature } : {}),
      ...(r.vehicle ? { plate: displayPlate(r.vehicle.plate) } : {}),
      ...(r.vehicleLogId && plateOf.has(r.vehicleLogId) ? { aboard: plateOf.get(r.vehicleLogId)! } : {}),
      ...(r.offline ? { offline: r.flagged ? ('differs' as const) : ('agrees' as const) } : {}),
    })),
  };
}
