/**
 * 导出卡口记录, in slices. A busy gate logs 28,800 scans a day, more than one invocation can read
 * and write within its timeout, so the export is a job: each call reads pages of the search in
 * time order until its budget is spent, appends them to the sheet in storage, and saves its place
 * (the last log's time and id) in `export_jobs`; the page calls again with the same request id
 * until the answer is done. A call that dies before saving its place leaves the sheet longer than
 * the saved byte count: the next call cuts it back there and redoes the slice, so no row is
 * written twice or lost. One call works on an export at a time (a lease in its job document), and
 * logs uploaded late behind the cursor (a guard's phone back online) are caught by a recount at the
 * end, which starts the sheet again. Above EXPORT_MAX rows the export is refused, never cut.
 */
import { formatStamp } from '../../../miniprogram/shared/china-time';
import { colourName } from '../../../miniprogram/shared/colours';
import { verdictTextOf } from '../../../miniprogram/shared/gate-verdicts';
import { displayPlate } from '../../../core/vehicle';
import type { ResponseOf } from '../../../server/action';
import { cloud, tempFileUrl } from '../../../server/cloud';
import { now } from '../../../server/clock';
import {
  PAGE_SIZE,
  Stored,
  countWhere,
  findById,
  findMany,
  insertOnce,
  removeWhere,
  replace,
  updateWhere,
} from '../../../server/db';
import { AppError } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { deadlineOf } from '../../../server/jobs';
import type { UserDoc } from '../../../server/users';
import { GateLogRow, GateLogSearch, gateLogQuery, requireGuardOf } from './console';
import { BOM, csvLines } from './csv';

/** The most rows one export holds: about two days of a gate at 1,200 scans an hour, some 4 MB. */
export const EXPORT_MAX = 60_000;

const tooMany = (total: number | string) =>
  new AppError(
    'RESOURCE_EXHAUSTED',
    `符合条件的记录共 ${total} 条，超过单次导出上限 ${EXPORT_MAX} 条，请缩短时间范围分段导出`,
    'from',
  );

interface ExportJob {
  actor: string;
  /** The search, as asked: a request id reused for another search is refused. */
  search: string;
  cloudPath: string;
  fileID?: string;
  total: number;
  rows: number;
  /** The sheet's length in bytes when this place was saved: anything after it is an unsaved slice. */
  bytes: number;
  /** The last log written, in the export's order (time, then id). */
  after?: { at: Date; id: string };
  done: boolean;
  invocations: number;
  /** Until when a call holds the export; the epoch when none does. */
  busyUntil: Date;
  /** How often late logs made the sheet start again. */
  restarts: number;
  startedAt: Date;
  updatedAt: Date;
}

/** A call's hold on its export: past the grid function's 20 s timeout, so a dead call's hold runs out. */
const LEASE_MS = 30_000;
/** Late logs restart the sheet at most this often; after that it is finished as it stands. */
const RESTARTS_MAX = 2;
const FREE = new Date(0);

const HEADER = ['时间', '方向', '颜色', '结果', '说明', '姓名'];
const FIELDS = { at: 1, direction: 1, colour: 1, allowed: 1, code: 1, maskedName: 1, visitor: 1, vehicle: 1 };

const lineOf = (l: GateLogRow) => [
  formatStamp(l.at),
  l.direction === 'in' ? '进' : '出',
  colourName(l.colour),
  l.allowed ? '放行' : '拒绝',
  verdictTextOf(l.code),
  l.maskedName ?? (l.vehicle ? `车辆 ${displayPlate(l.vehicle.plate)}` : l.visitor ? '访客' : ''),
];

type Answer = ResponseOf<'grid', 'export'>;

export async function exportGateLogs(
  worker: Stored<UserDoc>,
  search: GateLogSearch,
  { requestId, budgetMs }: { requestId: string; budgetMs?: number },
): Promise<Answer> {
  requireGuardOf(worker, search.gateId);
  const deadline = deadlineOf(budgetMs);
  const at = now();
  const id = idFor('export', worker._id, requestId);
  const key = JSON.stringify([search.gateId, search.from, search.to, search.colour ?? '', search.direction ?? '']);
  const stored = await findById<ExportJob>('export_jobs', id);
  if (stored && stored.search !== key) throw new AppError('INVALID_ARGUMENT', '该导出编号已用于其他条件', 'requestId');
  if (stored?.done) return answerOf(stored);
  const job = stored ? await claimed(id, stored, at) : await created(id, await freshJob(worker, search, key, at));
  // Another call of this export is working (a double tap, a retry while it runs): the page asks again.
  if (!job) return { done: false, rows: stored?.rows ?? 0, total: stored?.total ?? 0 };
  try {
    return await writeSlice(worker, search, job, { id, at, deadline });
  } catch (err) {
    // Nothing of a failed call stays: a new export is removed, a going one is put back as it was saved.
    const held = { _id: id, invocations: job.invocations };
    if (stored)
      await updateWhere('export_jobs', held, { invocations: stored.invocations, busyUntil: stored.busyUntil });
    else await removeWhere('export_jobs', held);
    throw err;
  }
}

async function writeSlice(
  worker: Stored<UserDoc>,
  search: GateLogSearch,
  job: ExportJob,
  { id, at, deadline }: { id: string; at: Date; deadline: number },
): Promise<Answer> {
  const header = () => Buffer.from(BOM + csvLines([HEADER]), 'utf8');
  const saved = job.bytes > 0 ? await savedPart(job) : header();
  if (!saved) restart(job, job.total);
  const sheet = [saved ?? header()];
  let finished = false;
  while (!finished && (sheet.length === 1 || Date.now() < deadline)) {
    const page = await findMany<GateLogRow>('gate_logs', after(search, job.after), {
      orderBy: [
        ['at', 'asc'],
        ['_id', 'asc'],
      ],
      limit: PAGE_SIZE,
      fields: FIELDS,
    });
    if (job.rows + page.length > EXPORT_MAX) throw tooMany(`${EXPORT_MAX} 余`);
    sheet.push(Buffer.from(csvLines(page.map(lineOf)), 'utf8'));
    job.rows += page.length;
    if (page.length > 0) job.after = { at: page[page.length - 1].at, id: page[page.length - 1]._id };
    finished = page.length < PAGE_SIZE;
    if (finished && job.restarts < RESTARTS_MAX) {
      // Logs uploaded behind the cursor meanwhile (or removed by retention): the sheet starts again.
      const total = await countWhere('gate_logs', gateLogQuery(search));
      if (total !== job.rows) {
        restart(job, total);
        sheet.splice(0, sheet.length, header());
        finished = false;
      }
    }
  }
  const content = Buffer.concat(sheet);
  const { fileID } = (await cloud.uploadFile({ cloudPath: job.cloudPath, fileContent: content })) as { fileID: string };
  Object.assign(job, { fileID, bytes: content.length, done: finished, busyUntil: FREE, updatedAt: at });
  if (finished) await audited(worker, job, search, id);
  const { _id, ...rest } = job as Stored<ExportJob>;
  await replace('export_jobs', id, rest);
  return answerOf(job);
}

function restart(job: ExportJob, total: number): void {
  Object.assign(job, { total, rows: 0, after: undefined, restarts: job.restarts + 1 });
}

/** The first call: its job, held by it; null when a concurrent first call made it. */
async function created(id: string, fresh: ExportJob): Promise<ExportJob | null> {
  return (await insertOnce('export_jobs', { _id: id, ...fresh })) ? fresh : null;
}

/** This call's hold on the export: null while another call holds it. */
async function claimed(id: string, stored: ExportJob, at: Date): Promise<ExportJob | null> {
  const hold = { invocations: stored.invocations + 1, busyUntil: new Date(at.getTime() + LEASE_MS) };
  const free = { _id: id, invocations: stored.invocations, busyUntil: { $lt: at } };
  return (await updateWhere('export_jobs', free, hold)) ? { ...stored, ...hold } : null;
}

async function freshJob(worker: Stored<UserDoc>, search: GateLogSearch, key: string, at: Date): Promise<ExportJob> {
  const total = await countWhere('gate_logs', gateLogQuery(search));
  if (total > EXPORT_MAX) throw tooMany(total);
  return {
    actor: worker._id,
    search: key,
    cloudPath: `exports/${idFor('w', worker._id, 'exports')}/gateLogs-${at.getTime()}.csv`,
    total,
    rows: 0,
    bytes: 0,
    done: false,
    invocations: 1,
    busyUntil: new Date(at.getTime() + LEASE_MS),
    restarts: 0,
    startedAt: at,
    updatedAt: at,
  };
}

/**
 * The sheet as of the saved place (a longer file holds a slice whose place was never saved); null
 * if the file is shorter than that place, which no call of ours leaves: then the sheet starts again.
 */
async function savedPart(job: ExportJob): Promise<Buffer | null> {
  const { fileContent } = (await cloud.downloadFile({ fileID: job.fileID! })) as { fileContent: Buffer };
  return fileContent.length >= job.bytes ? fileContent.subarray(0, job.bytes) : null;
}

/**
 * The logs after the last one written, in time order and by id among logs of the same moment. The
 * range starts at the last time, so the gate's (gateId, at) index walks from there.
 */
function after(search: GateLogSearch, last: ExportJob['after']): object {
  const query = gateLogQuery(search);
  if (!last) return query;
  return {
    ...query,
    at: { $gte: last.at, $lt: new Date(search.to) },
    $or: [{ at: { $gt: last.at } }, { _id: { $gt: last.id } }],
  };
}

/** The export's audit record, once: a retried last call finds it written. */
async function audited(worker: Stored<UserDoc>, job: ExportJob, search: GateLogSearch, id: string): Promise<void> {
  await insertOnce('audit_logs', {
    _id: `audit-${id}`,
    at: job.updatedAt,
    actor: worker._id,
    action: 'export',
    residentId: null,
    before: null,
    after: { kind: 'gateLogs', ...search, fileID: job.fileID, rows: job.rows },
    note: '',
  });
}

async function answerOf(job: ExportJob): Promise<Answer> {
  if (!job.done) return { done: false, rows: job.rows, total: job.total };
  return { done: true, fileID: job.fileID!, url: await tempFileUrl(job.fileID!), rows: job.rows };
}
