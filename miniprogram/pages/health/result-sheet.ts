/**
 * The lab's result sheet as the medic pastes it (one line per tube: 试管编号,结果,检测日期), read into
 * rows for `health.results`, with each unreadable line named. The server checks the rest (unknown
 * tubes, dates) and refuses the whole part it was sent.
 */
import type { ResultRow, TestResultCode } from '../../../typings';
import { RESULT_NAMES } from '../../shared/health-names';

/** A result as the lab writes it: in Chinese (阴性) or as its code (negative). */
const RESULTS: Record<string, TestResultCode> = Object.fromEntries(
  Object.entries(RESULT_NAMES).flatMap(([code, name]) => [
    [name, code as TestResultCode],
    [code, code as TestResultCode],
  ]),
);

/** Rows the server takes per call (cloudfunctions/health/src/samples.ts RESULT_ROWS_MAX). */
export const ROWS_PER_CALL = 100;

/** "2020/2/10", "2020-02-10" or "2020.2.10" as "2020-02-10"; null when it is not a date. */
function dayOf(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
}

export function readResultSheet(text: string): { rows: ResultRow[]; problems: string[] } {
  const rows: ResultRow[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = line.split(/[,，\t]/).map((c) => c.trim());
    if (!line.trim() || /试管|tube/i.test(cells[0])) return; // blank lines and the header
    const [tubeCode, resultText, day] = cells;
    const result = RESULTS[resultText?.toLowerCase() ?? ''];
    const testedOn = day ? dayOf(day) : null;
    if (!tubeCode || !result || !testedOn) {
      problems.push(`第 ${i + 1} 行：应为“试管编号,阴性/阳性/无效,检测日期”`);
      return;
    }
    rows.push({ tubeCode, result, testedOn });
  });
  return { rows, problems };
}

/** The rows in parts of ROWS_PER_CALL, in order. */
export function partsOf<T>(rows: T[], size = ROWS_PER_CALL): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
}
