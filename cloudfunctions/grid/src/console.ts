/** The grid worker's lists: who waits for verification, and who passed which gate when. */
import { DAY_MS } from '../../../core/time';
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { findMany } from '../../../server/db';
import { denied } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { StatusDoc, currentStatus } from '../../../server/status';
import { gridBuildingIds, requireRole } from '../../../server/users';

/** Yellow residents of my grid, longest waiting first, with why they are yellow. */
export async function verificationQueue(_payload: unknown, caller: Caller) {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查看待核实名单');
  const buildingIds = await gridBuildingIds(worker);
  const at = now();
  const statuses = await findMany<StatusDoc>(
    'statuses',
    { buildingId: { $in: buildingIds }, colour: 'yellow' },
    { limit: 1000 },
  );
  return statuses
    .map((s) => ({ s, current: currentStatus(s, at) }))
    .filter(({ current }) => current.colour === 'yellow')
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
    .sort((a, b) => a.since.localeCompare(b.since));
}

const PAGE_SIZE_MAX = 50;

/** Gate logs of my gates: by time range, gate, colour and direction; names masked; paged. */
export async function gateLogs(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const gateId = check.text('gateId', payload.gateId, '卡口', { max: 64 });
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
  const page = payload.page === undefined ? 0 : check.number('page', payload.page, '页码', 0, 10_000);
  const pageSize =
    payload.pageSize === undefined ? 20 : check.number('pageSize', payload.pageSize, '每页条数', 1, PAGE_SIZE_MAX);
  if (from > to) check.fail('to', '结束时间不能早于开始时间');
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查询卡口记录');
  if (!(worker.gateIds ?? []).includes(gateId)) throw denied('只能查询您值守的卡口');
  const query = {
    gateId,
    at: { $gte: from, $lt: to },
    ...(colour ? { colour } : {}),
    ...(direction ? { direction } : {}),
  };
  const rows = await findMany<{
    at: Date;
    direction: string;
    colour: string | null;
    allowed: boolean;
    code: string;
    maskedName: string | null;
    visitor?: boolean;
  }>('gate_logs', query, { orderBy: ['at', 'desc'], limit: pageSize + 1, skip: page * pageSize });
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
