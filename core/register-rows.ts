/**
 * The resident register a street keeps (一人一档), row by row: which columns it has, what each cell
 * must hold, and every problem named by row and column in Chinese. Pure: the registry function
 * reads the file and the estate, and hands the rows and the enclosure's buildings to these rules.
 */
import { roomProblem, type BuildingShape } from './estate';
import type { Relation } from './status-doc';
import { isValidIdNumber, isValidMobile } from './validate';

/** The columns of the register, in the template's order. 手机号 may be empty (children, elders). */
export const REGISTER_COLUMNS = ['楼栋', '单元', '房号', '姓名', '与户主关系', '身份证号', '手机号'] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

/** The largest file one import takes: a big enclosure, not a district (split a district by enclosure). */
export const MAX_ROWS = 20_000;

/** What people write in 与户主关系, and what the product calls it. */
const RELATIONS: Record<string, Relation> = {
  户主: 'head',
  本人: 'head',
  配偶: 'member',
  成员: 'member',
  其他: 'member',
  租户: 'member',
  子女: 'child',
  儿子: 'child',
  女儿: 'child',
  孙子女: 'child',
  老人: 'elder',
  父母: 'elder',
  父亲: 'elder',
  母亲: 'elder',
  祖父母: 'elder',
};

export interface RegisterBuilding extends BuildingShape {
  id: string;
  name: string;
}

/** One row as read from the file: the text of each column. */
export type RawRow = { row: number } & Record<RegisterColumn, string>;

export interface RegisterRow {
  row: number;
  buildingId: string;
  buildingName: string;
  unit: number;
  room: string;
  name: string;
  relation: Relation;
  idNumber: string;
  phone: string | null;
}

export interface Problem {
  row: number;
  column: string;
  message: string;
}

/** The header's problems: every required column present once. Columns may come in any order. */
export function headerProblems(header: string[]): Problem[] {
  const seen = header.map((h) => h.trim());
  const problems: Problem[] = [];
  for (const column of REGISTER_COLUMNS) {
    const count = seen.filter((h) => h === column).length;
    if (count === 0) problems.push({ row: 1, column, message: `缺少列「${column}」，请使用模板` });
    if (count > 1) problems.push({ row: 1, column, message: `列「${column}」重复` });
  }
  return problems;
}

/** One row's own problems, and the row as the product stores it when there are none. */
export function readRow(
  raw: RawRow,
  buildingsByName: Map<string, RegisterBuilding>,
): { row: RegisterRow | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (column: RegisterColumn, message: string) => problems.push({ row: raw.row, column, message });
  const cell = (column: RegisterColumn) => (raw[column] ?? '').trim();

  const building = buildingsByName.get(cell('楼栋'));
  if (!cell('楼栋')) fail('楼栋', '请填写楼栋');
  else if (!building) fail('楼栋', `本围合区没有「${cell('楼栋')}」`);
  const unit = Number(cell('单元').replace(/单元$/, ''));
  if (!Number.isInteger(unit) || unit < 1) fail('单元', '单元应为正整数，如 1');
  else if (building && unit > building.units) fail('单元', `${building.name}只有 ${building.units} 个单元`);
  // 0501 and 501 are one flat in a numbered building: the number, not how it was typed.
  const typedRoom = cell('房号').replace(/室$/, '');
  const room =
    building && (building.roomScheme ?? 'numbered') === 'numbered' && /^\d+$/.test(typedRoom)
      ? String(Number(typedRoom))
      : typedRoom;
  const roomRefusal = building ? roomProblem(building, room) : null;
  if (!room) fail('房号', '请填写房号');
  else if (roomRefusal) fail('房号', roomRefusal);
  const name = cell('姓名');
  if (name.length < 2 || name.length > 20) fail('姓名', '姓名应为 2–20 个字');
  const relation = RELATIONS[cell('与户主关系')];
  if (!relation) fail('与户主关系', '与户主关系应为 户主、配偶、子女、老人 或 其他');
  const idNumber = cell('身份证号').toUpperCase();
  if (!isValidIdNumber(idNumber))
    fail('身份证号', idNumber.length === 18 ? '身份证号校验位不正确' : '身份证号应为 18 位');
  const phone = cell('手机号').replace(/[\s-]/g, '');
  if (phone && !isValidMobile(phone)) fail('手机号', '手机号应为 11 位手机号码');

  if (problems.length > 0 || !building) return { row: null, problems };
  return {
    row: {
      row: raw.row,
      buildingId: building.id,
      buildingName: building.name,
      unit,
      room,
      name,
      relation: relation!,
      idNumber,
      phone: phone || null,
    },
    problems,
  };
}

/** Problems between rows: an ID number twice, a flat with no head or two heads. */
export function crossRowProblems(rows: RegisterRow[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, RegisterRow[]>();
  for (const r of rows) byId.set(r.idNumber, [...(byId.get(r.idNumber) ?? []), r]);
  for (const same of byId.values())
    if (same.length > 1)
      for (const r of same)
        problems.push({
          row: r.row,
          column: '身份证号',
          message: `身份证号与第 ${same
            .filter((o) => o !== r)
            .map((o) => o.row)
            .join('、')} 行重复`,
        });
  const flats = new Map<string, RegisterRow[]>();
  for (const r of rows) {
    const key = `${r.buildingId}|${r.unit}|${r.room}`;
    flats.set(key, [...(flats.get(key) ?? []), r]);
  }
  for (const people of flats.values()) {
    const heads = people.filter((p) => p.relation === 'head');
    if (heads.length === 0)
      problems.push({ row: people[0].row, column: '与户主关系', message: `${addressOf(people[0])}没有户主` });
    if (heads.length > 1)
      for (const h of heads.slice(1))
        problems.push({
          row: h.row,
          column: '与户主关系',
          message: `${addressOf(h)}已有户主（第 ${heads[0].row} 行）`,
        });
  }
  return problems.sort((a, b) => a.row - b.row);
}

export const addressOf = (r: Pick<RegisterRow, 'buildingName' | 'unit' | 'room'>) =>
  `${r.buildingName}${r.unit}单元${r.room}室`;

/** The household a row belongs to: the same id self-registration gives the flat. */
export const householdIdOf = (r: Pick<RegisterRow, 'buildingId' | 'unit' | 'room'>) =>
  `${r.buildingId}-u${r.unit}-${r.room}`;
