/**
 * What the import page says about a check and an import, in words (kept apart from the page so
 * the page file is only the flow).
 */
import type { CheckReport, ErrorCode, ImportProgress, RowProblem } from '../../../typings';

export interface Line {
  key: string;
  text: string;
}

/** The server reads files up to this size (cloudfunctions/registry/src/read-file.ts MAX_BYTES). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** 第 R 行「列」：…; a whole row or the whole file (row 0) without the parts it lacks. */
export function problemText(p: RowProblem): string {
  if (p.row === 0) return `文件：${p.message}`;
  return p.column ? `第 ${p.row} 行「${p.column}」：${p.message}` : `第 ${p.row} 行：${p.message}`;
}

/** Everything the report card renders, from one check. */
export function reportView(report: CheckReport) {
  return {
    countsText: `共 ${report.rows} 行：新增 ${report.newRows} / 更新 ${report.changedRows} / 未变 ${report.unchangedRows}`,
    problems: report.problems.map((p, i): Line => ({ key: String(i), text: problemText(p) })),
    moreProblems: Math.max(0, report.problemCount - report.problems.length),
    missing: report.missing.map((m, i): Line => ({ key: String(i), text: `${m.maskedName}（${m.address}）` })),
    moreMissing: Math.max(0, report.missingCount - report.missing.length),
    // Nothing to import from an empty file; the server lists that as a problem anyway.
    canImport: report.problemCount === 0 && report.rows > 0,
  };
}

/** The confirmation before importing: what will be written, and that nobody is deleted. */
export function confirmText(r: CheckReport): string {
  const kept = r.missingCount ? `名册中没有的 ${r.missingCount} 人保留不删。` : '';
  return `共 ${r.rows} 行：新增 ${r.newRows} 人，更新 ${r.changedRows} 人，未变 ${r.unchangedRows} 人。${kept}导入后即为已核实住户。`;
}

export function summaryText(p: ImportProgress): string {
  return `导入完成：共 ${p.total} 行，新增 ${p.created} 人，更新 ${p.updated} 人，未变 ${p.unchanged} 人`;
}

/**
 * Refusals that calling again cannot change (the file has problems, no permission, a bad
 * request); anything else (the network, a function that ran out of time) is worth 继续导入, and
 * the same request id makes the job continue where its cursor stands.
 */
const FINAL: ErrorCode[] = [
  'FAILED_PRECONDITION',
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'NOT_FOUND',
];
export const canResume = (code: ErrorCode) => !FINAL.includes(code);

/** A name safe as the last part of a storage path (a chat file's name can hold anything). */
export const storageName = (name: string) => name.replace(/[\\/\s]+/g, '_').slice(-80) || 'register.xlsx';
