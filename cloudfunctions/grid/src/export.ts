/**
 * 导出: the map of my buildings, or a gate-log search of my gate (in slices: export-gate-logs.ts),
 * as a CSV with masked names only, written to cloud storage; the export itself is an audit record
 * (who exported what, when).
 */
import { formatStamp } from '../../../miniprogram/shared/china-time';
import { Def, RequestOf } from '../../../server/action';
import { uploadWithLink } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { Stored, insert } from '../../../server/db';
import { budgetInput } from '../../../server/jobs';
import { input, requestId, v } from '../../../server/schema';
import { idFor } from '../../../server/ids';
import type { UserDoc } from '../../../server/users';
import { gateLogSearchFields, runsForward } from './console';
import { csv } from './csv';
import { exportGateLogs } from './export-gate-logs';
import { mapOf } from './epidemic-map';

/** China time, as the people reading the sheet live it: 2020-02-10 08:30. */
const chinaTime = formatStamp;

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

export const exportCsv = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以导出',
  input: v.variant(
    'kind',
    [
      input({ kind: v.literal('map') }),
      v.pipe(
        input({ kind: v.literal('gateLogs'), ...gateLogSearchFields, requestId: requestId(), ...budgetInput }),
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
  if (payload.kind === 'gateLogs') {
    const { kind: _kind, requestId, budgetMs, ...search } = payload;
    return exportGateLogs(worker, search, { requestId, budgetMs });
  }
  // The map is a row per building: one call, whatever the district.
  const at = now();
  const rows = await mapRows(worker);
  const cloudPath = `exports/${idFor('w', worker._id, 'exports')}/map-${at.getTime()}.csv`;
  const { fileID, url } = await uploadWithLink(cloudPath, Buffer.from(csv(rows), 'utf8'));
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'export',
    residentId: null,
    before: null,
    after: { kind: 'map', fileID, rows: rows.length - 1 },
    note: '',
  });
  return { done: true as const, fileID, url, rows: rows.length - 1 };
}
