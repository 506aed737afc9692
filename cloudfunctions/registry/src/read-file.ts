/**
 * Reading the register file: xlsx through exceljs (it reads cell types, so a formula or an image
 * is refused rather than imported as whatever Excel last showed), csv by hand (RFC 4180 quoting;
 * UTF-8 with or without BOM, else GB18030, which is how Excel in China saves CSV).
 */
import ExcelJS from 'exceljs';
import { MAX_ROWS, REGISTER_COLUMNS, type RawRow, type Problem, headerProblems } from '../../../core/register-rows';

/** A file larger than this is not a register of one enclosure. */
export const MAX_BYTES = 10 * 1024 * 1024;

export interface ReadFile {
  rows: RawRow[];
  /** Problems of the file as a whole or of its cells (formulas, images, numbers where text belongs). */
  problems: Problem[];
}

const fileProblem = (message: string): ReadFile => ({ rows: [], problems: [{ row: 0, column: '', message }] });

function toRows(header: string[], body: { row: number; cells: string[] }[]): ReadFile {
  const problems = headerProblems(header);
  if (problems.length > 0) return { rows: [], problems };
  const index = Object.fromEntries(REGISTER_COLUMNS.map((c) => [c, header.findIndex((h) => h.trim() === c)]));
  const rows = body
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map(
      (r) =>
        ({ row: r.row, ...Object.fromEntries(REGISTER_COLUMNS.map((c) => [c, r.cells[index[c]] ?? ''])) }) as RawRow,
    );
  if (rows.length === 0) return fileProblem('文件中没有住户记录');
  if (rows.length > MAX_ROWS) return fileProblem(`每个文件最多 ${MAX_ROWS} 行，请按楼栋拆分后分别导入`);
  return { rows, problems: [] };
}

async function readXlsx(content: Buffer): Promise<ReadFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer); // exceljs types want an ArrayBuffer; a Buffer works
  } catch {
    return fileProblem('无法读取该 Excel 文件，请另存为 .xlsx 后重试');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount < 2) return fileProblem('文件中没有住户记录');
  if (sheet.actualRowCount > MAX_ROWS + 1) return fileProblem(`每个文件最多 ${MAX_ROWS} 行，请按楼栋拆分后分别导入`);
  const cellProblems: Problem[] = [];
  if (sheet.getImages().length > 0)
    cellProblems.push({ row: 0, column: '', message: '表格中含有图片，请删除图片后再导入' });
  // cell.text, not the raw value: a header with one bold character is rich text, not a string.
  const headerRow = sheet.getRow(1);
  const header = Array.from({ length: headerRow.cellCount }, (_, i) => headerRow.getCell(i + 1).text ?? '');
  const body: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = header.map((column, i) => {
      const cell = row.getCell(i + 1);
      if (cell.type === ExcelJS.ValueType.Formula)
        cellProblems.push({ row: rowNumber, column, message: '单元格含公式，请复制后“粘贴为数值”' });
      if (column === '身份证号' && cell.type === ExcelJS.ValueType.Number)
        cellProblems.push({
          row: rowNumber,
          column,
          message: '身份证号被存成了数字（末几位已丢失），请将该列设为文本后重新填写',
        });
      return cell.text ?? '';
    });
    body.push({ row: rowNumber, cells });
  });
  const read = toRows(header, body);
  return { rows: read.rows, problems: [...cellProblems, ...read.problems] };
}

function decodeText(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

/** RFC 4180: fields separated by commas, quoted with "…" when they hold commas, quotes or line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

function readCsv(content: Buffer): ReadFile {
  const [header = [], ...lines] = parseCsv(decodeText(content));
  const cellProblems: Problem[] = [];
  const body = lines.map((cells, i) => {
    cells.forEach((cell, c) => {
      // A cell that starts with = is a formula in Excel (and a CSV injection): never import it.
      // (A leading + or - before a digit is a number such as +86…, not a formula.)
      if (/^[=@]/.test(cell.trim()) || /^[+-][^\d]/.test(cell.trim()))
        cellProblems.push({ row: i + 2, column: header[c] ?? '', message: '单元格含公式，请改为纯文本' });
    });
    return { row: i + 2, cells };
  });
  const read = toRows(header, body);
  return { rows: read.rows, problems: [...cellProblems, ...read.problems] };
}

/** The rows of an .xlsx or .csv file, told apart by content (an xlsx is a zip: "PK"). */
export async function readRegisterFile(content: Buffer): Promise<ReadFile> {
  if (content.length === 0) return fileProblem('文件是空的');
  if (content.length > MAX_BYTES) return fileProblem('文件超过 10 MB，请按楼栋拆分后分别导入');
  if (content[0] === 0x50 && content[1] === 0x4b) return readXlsx(content);
  return readCsv(content);
}
