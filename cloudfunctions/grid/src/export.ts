/**
 * 导出: the map of my buildings, or a gate-log search of my gate, as a CSV with masked names only,
 * written to cloud storage; the export itself is an audit record (who exported what, when).
 */
import { cloud } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { insert } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { idFor } from '../../../server/ids';
import { requireRole } from '../../../server/users';
import { gateLogs } from './console';
import { map } from './map';

const cell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
/** UTF-8 with a BOM, so that Excel shows the Chinese headers. */
const csv = (rows: unknown[][]) => '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

export async function exportCsv(payload: Record<string, unknown>, caller: Caller) {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以导出');
  const at = now();
  let rows: unknown[][];
  if (payload.kind === 'map') {
    const { buildings } = await map({}, caller);
    rows = [
      ['楼栋', '居住人数', '未离开本市', '离开后返回', '隔离中', '绿码', '黄码', '红码', '未按时申报', '隔离单元'],
      ...buildings.map((b) => [
        b.buildingName,
        b.residents,
        b.neverLeft,
        b.returned,
        b.isolated,
        b.green,
        b.yellow,
        b.red,
        b.declarationMissing,
        b.isolatedUnits.join(' '),
      ]),
    ];
  } else if (payload.kind === 'gateLogs') {
    const { logs } = await gateLogs({ ...payload, page: 0, pageSize: 50 }, caller);
    rows = [
      ['时间', '方向', '颜色', '结果', '姓名'],
      ...logs.map((l) => [
        l.at,
        l.direction === 'in' ? '进' : '出',
        l.colour ?? '',
        l.allowed ? '放行' : '拒绝',
        l.maskedName ?? (l.visitor ? '访客' : ''),
      ]),
    ];
  } else {
    throw new AppError('INVALID_ARGUMENT', '导出类型无效', 'kind');
  }
  const cloudPath = `exports/${idFor('w', worker._id, 'exports')}/${String(payload.kind)}-${at.getTime()}.csv`;
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(csv(rows), 'utf8') })) as {
    fileID: string;
  };
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] };
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'export',
    residentId: null,
    before: null,
    after: { kind: payload.kind, fileID, rows: rows.length - 1 },
    note: '',
  });
  return { fileID, url: fileList[0].tempFileURL, rows: rows.length - 1 };
}
