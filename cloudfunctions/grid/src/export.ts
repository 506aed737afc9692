/**
 * 导出: the map of my buildings, or a gate-log search of my gate, as a CSV with masked names only,
 * written to cloud storage; the export itself is an audit record (who exported what, when).
 * An export holds every matching row or none: above EXPORT_MAX rows it is refused, never cut.
 */
import { formatStamp } from '../../../miniprogram/shared/china-time';
import { colourName } from '../../../miniprogram/shared/colours';
import { verdictTextOf } from '../../../miniprogram/shared/gate-verdicts';
import { displayPlate } from '../../../core/vehicle';
import { Def, RequestOf } from '../../../server/action';
import { cloud } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { Stored, TooManyDocuments, countWhere, findAll, insert } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { input, v } from '../../../server/schema';
import { idFor } from '../../../server/ids';
import type { UserDoc } from '../../../server/users';
import { GateLogRow, GateLogSearch, gateLogQuery, gateLogSearchFields, requireGuardOf, runsForward } from './console';
import { mapOf } from './epidemic-map';

/** The most rows one export holds (a day of a busy gate is a few thousand). */
export const EXPORT_MAX = 20_000;

const tooMany = (total: number | string) =>
  new AppError(
    'RESOURCE_EXHAUSTED',
    `符合条件的记录共 ${total} 条，超过单次导出上限 ${EXPORT_MAX} 条，请缩短时间范围分段导出`,
    'from',
  );

/** China time, as the people reading the sheet live it: 2020-02-10 08:30. */
const chinaTime = formatStamp;

const cell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
/** UTF-8 with a BOM, so that Excel shows the Chinese headers. */
const csv = (rows: unknown[][]) => '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

async function mapRows(worker: UserDoc): Promise<unknown[][]> {
  const { buildings } = await mapOf(worker);
  return [
    [
      '楼栋',
      '居住人数',
      '未离开本市',
      '离开后返回',
      '从未申报',
      '隔离中',
      '其中健康驿站',
      '其中集中隔离',
      '绿码',
      '黄码',
      '红码',
      '未按时申报',
      '隔离单元',
      '统计时间',
    ],
    ...buildings.map((b) => [
      b.buildingName,
      b.residents,
      b.neverLeft,
      b.returned,
      b.undeclared ?? 0, // counted since 2026-12-02: older snapshots until the nightly recount
      b.isolated,
      b.atStation ?? 0, // counted since 2026-12-02, as undeclared
      b.central ?? 0,
      b.green,
      b.yellow,
      b.red,
      b.declarationMissing,
      b.isolatedUnits.join(' '),
      chinaTime(new Date(b.computedAt)),
    ]),
  ];
}

/** Every log of the search, oldest first; refused above EXPORT_MAX rows. */
async function gateLogRows(worker: UserDoc, search: GateLogSearch): Promise<unknown[][]> {
  requireGuardOf(worker, search.gateId);
  const query = gateLogQuery(search);
  const total = await countWhere('gate_logs', query);
  if (total > EXPORT_MAX) throw tooMany(total);
  const fields = { at: 1, direction: 1, colour: 1, allowed: 1, code: 1, maskedName: 1, visitor: 1, vehicle: 1 };
  // Logs written between the count and the read may still push it over: refused then too.
  const logs = await findAll<GateLogRow>('gate_logs', query, { fields, max: EXPORT_MAX }).catch((err: unknown) => {
    throw err instanceof TooManyDocuments ? tooMany(`${EXPORT_MAX} 余`) : err;
  });
  logs.sort((a, b) => a.at.getTime() - b.at.getTime() || a._id.localeCompare(b._id));
  return [
    ['时间', '方向', '颜色', '结果', '说明', '姓名'],
    ...logs.map((l) => [
      chinaTime(l.at),
      l.direction === 'in' ? '进' : '出',
      colourName(l.colour),
      l.allowed ? '放行' : '拒绝',
      verdictTextOf(l.code),
      l.maskedName ?? (l.vehicle ? `车辆 ${displayPlate(l.vehicle.plate)}` : l.visitor ? '访客' : ''),
    ]),
  ];
}

export const exportCsv = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以导出',
  input: v.variant(
    'kind',
    [
      input({ kind: v.literal('map') }),
      v.pipe(
        input({ kind: v.literal('gateLogs'), ...gateLogSearchFields }),
        v.forward(
          v.check((i) => runsForward(i), '结束时间不能早于开始时间'),
          ['to'],
        ),
      ),
    ],
    '导出类型无效',
  ),
  run: (input, { user }) => exportFor(user, input),
} satisfies Def<'grid', 'export'>;

async function exportFor(worker: Stored<UserDoc>, payload: RequestOf<'grid', 'export'>) {
  const at = now();
  const rows = payload.kind === 'map' ? await mapRows(worker) : await gateLogRows(worker, payload);
  const cloudPath = `exports/${idFor('w', worker._id, 'exports')}/${String(payload.kind)}-${at.getTime()}.csv`;
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(csv(rows), 'utf8') })) as {
    fileID: string;
  };
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] };
  const search = payload.kind === 'gateLogs' ? { ...payload, kind: undefined } : {};
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'export',
    residentId: null,
    before: null,
    after: { kind: payload.kind, ...search, fileID, rows: rows.length - 1 },
    note: '',
  });
  return { fileID, url: fileList[0].tempFileURL, rows: rows.length - 1 };
}
