/** The register's row rules (core/register-rows.ts): the header, each row's cells, and rows together. */
import fc from 'fast-check';
import {
  REGISTER_COLUMNS,
  RawRow,
  RegisterBuilding,
  RegisterRow,
  addressOf,
  crossRowProblems,
  headerProblems,
  householdIdOf,
  readRow,
} from '../../core/register-rows';

const block: RegisterBuilding = { id: 'b-1', name: '1栋', units: 2, floors: 18, roomScheme: 'numbered' };
const village: RegisterBuilding = { id: 'b-3', name: '3号楼', units: 1, floors: 6, roomScheme: 'labelled' };
const buildings = new Map([block, village].map((b) => [b.name, b]));

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigit = (body: string) => '10X98765432'[WEIGHTS.reduce((a, w, i) => a + w * Number(body[i]), 0) % 11];
const idOf = (n: number) => {
  const body = `1101051980${String(n).padStart(7, '0')}`;
  return body + checkDigit(body);
};

const raw = (cells: Partial<Record<(typeof REGISTER_COLUMNS)[number], string>> = {}, row = 2): RawRow => ({
  row,
  ...{ 楼栋: '1栋', 单元: '1', 房号: '501', 姓名: '张三', 与户主关系: '户主' },
  ...{ 身份证号: '110105198001011238', 手机号: '13800138000' },
  ...cells,
});

describe('headerProblems', () => {
  test('the template’s columns, in any order, with other columns and stray spaces, are fine', () => {
    expect(headerProblems([...REGISTER_COLUMNS])).toEqual([]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...REGISTER_COLUMNS], { minLength: REGISTER_COLUMNS.length }),
        fc.array(fc.constantFrom('备注', '序号', '', '出生日期')),
        fc.array(fc.constantFrom(' ', '\t', '')),
        (columns, extras, pads) => {
          const header = [...columns.map((c, i) => `${pads[i] ?? ''}${c}${pads[i] ?? ''}`), ...extras];
          expect(headerProblems(header)).toEqual([]);
        },
      ),
    );
  });

  test('every missing column is named once, in the template’s order, on row 1', () => {
    fc.assert(
      fc.property(fc.subarray([...REGISTER_COLUMNS], { minLength: 1 }), (missing) => {
        const header = REGISTER_COLUMNS.filter((c) => !missing.includes(c));
        expect(headerProblems(header)).toEqual(
          REGISTER_COLUMNS.filter((c) => missing.includes(c)).map((column) => ({
            row: 1,
            column,
            message: `缺少列「${column}」，请使用模板`,
          })),
        );
      }),
    );
  });

  test('a column twice is named (it could not be told which one to read)', () => {
    expect(headerProblems([...REGISTER_COLUMNS, ' 手机号'])).toEqual([
      { row: 1, column: '手机号', message: '列「手机号」重复' },
    ]);
  });
});

describe('readRow', () => {
  test('a clean row, as the product stores it', () => {
    expect(readRow(raw(), buildings)).toEqual({
      problems: [],
      row: {
        ...{ row: 2, buildingId: 'b-1', buildingName: '1栋', unit: 1, room: '501', name: '张三', relation: 'head' },
        ...{ idNumber: '110105198001011238', phone: '13800138000' },
      },
    });
  });

  test('what people write is normalised: 2单元, 501室, a lower-case x, spaced or dashed phones, no phone', () => {
    // The first body whose check character is X.
    const x = Array.from({ length: 100 }, (_, n) => idOf(n).slice(0, 17)).find((b) => checkDigit(b) === 'X')!;
    const { row, problems } = readRow(
      raw({ 单元: ' 2单元 ', 房号: '1203室', 姓名: ' 李四 ', 身份证号: `${x}x`, 手机号: '138-0013 8000' }),
      buildings,
    );
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ unit: 2, room: '1203', name: '李四', idNumber: `${x}X`, phone: '13800138000' });
    expect(readRow(raw({ 手机号: '' }), buildings).row?.phone).toBeNull();
    expect(readRow(raw({ 楼栋: '3号楼', 房号: 'A12' }), buildings).row).toMatchObject({
      buildingId: 'b-3',
      room: 'A12',
    });
  });

  test('what 与户主关系 may say, and what it becomes', () => {
    const relations: Record<string, string> = {
      ...{ 户主: 'head', 本人: 'head', 配偶: 'member', 成员: 'member', 其他: 'member', 租户: 'member' },
      ...{ 子女: 'child', 儿子: 'child', 女儿: 'child', 孙子女: 'child' },
      ...{ 老人: 'elder', 父母: 'elder', 父亲: 'elder', 母亲: 'elder', 祖父母: 'elder' },
    };
    for (const [written, relation] of Object.entries(relations))
      expect(readRow(raw({ 与户主关系: written }), buildings).row?.relation).toBe(relation);
    expect(readRow(raw({ 与户主关系: '朋友' }), buildings).problems).toEqual([
      { row: 2, column: '与户主关系', message: '与户主关系应为 户主、配偶、子女、老人 或 其他' },
    ]);
  });

  test('every bad cell of a row is named by its column, and the row is not read', () => {
    const bad = readRow(
      raw({ 单元: '3', 房号: '1901', 姓名: '张', 身份证号: '110105198001011239', 手机号: '1380013800' }, 17),
      buildings,
    );
    expect(bad).toEqual({
      row: null,
      problems: [
        { row: 17, column: '单元', message: '1栋只有 2 个单元' },
        { row: 17, column: '房号', message: '该楼共 18 层，房号不正确' },
        { row: 17, column: '姓名', message: '姓名应为 2–20 个字' },
        { row: 17, column: '身份证号', message: '身份证号校验位不正确' },
        { row: 17, column: '手机号', message: '手机号应为 11 位手机号码' },
      ],
    });
    expect(readRow(raw({ 楼栋: '9栋' }), buildings).problems).toEqual([
      { row: 2, column: '楼栋', message: '本围合区没有「9栋」' },
    ]);
    expect(readRow(raw({ 楼栋: ' ', 单元: '', 房号: '', 身份证号: '1101051980' }), buildings).problems).toEqual([
      { row: 2, column: '楼栋', message: '请填写楼栋' },
      { row: 2, column: '单元', message: '单元应为正整数，如 1' },
      { row: 2, column: '房号', message: '请填写房号' },
      { row: 2, column: '身份证号', message: '身份证号应为 18 位' },
    ]);
  });

  const chinese = fc.constantFrom(...'王李张刘陈杨赵黄周吴伟芳敏静强磊军洋');
  const validRow = fc.record({
    building: fc.constantFrom(block, village),
    unit: fc.integer({ min: 1, max: 2 }),
    floor: fc.integer({ min: 1, max: 18 }),
    door: fc.integer({ min: 1, max: 99 }),
    name: fc.string({ unit: chinese, minLength: 2, maxLength: 20 }),
    relation: fc.constantFrom('户主', '配偶', '子女', '老人', '其他'),
    n: fc.integer({ min: 0, max: 9_999_999 }),
    phone: fc.option(fc.integer({ min: 0, max: 99_999_999 }).map((p) => `139${String(p).padStart(8, '0')}`)),
  });
  const cellsOf = (v: typeof validRow extends fc.Arbitrary<infer T> ? T : never) => {
    const labelled = v.building.roomScheme === 'labelled';
    return raw({
      楼栋: v.building.name,
      单元: String(labelled ? 1 : v.unit),
      房号: labelled ? `A${v.door}` : String(v.floor * 100 + v.door),
      姓名: v.name,
      与户主关系: v.relation,
      身份证号: idOf(v.n),
      手机号: v.phone ?? '',
    });
  };

  test('any row a careful officer writes reads clean, into its own flat', () => {
    fc.assert(
      fc.property(validRow, (v) => {
        const cells = cellsOf(v);
        const { row, problems } = readRow(cells, buildings);
        expect(problems).toEqual([]);
        expect(row).toMatchObject({ buildingId: v.building.id, name: v.name, idNumber: cells.身份证号 });
        expect(householdIdOf(row!)).toBe(`${v.building.id}-u${cells.单元}-${cells.房号}`);
        expect(addressOf(row!)).toBe(`${v.building.name}${cells.单元}单元${cells.房号}室`);
      }),
    );
  });

  test('any one mistyped digit of an ID number is caught by its check digit', () => {
    fc.assert(
      fc.property(validRow, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (v, at, shift) => {
        const id = idOf(v.n);
        const chars = '0123456789X';
        const pool = at === 17 ? chars : chars.slice(0, 10);
        const typo = pool[(pool.indexOf(id[at]) + (shift % pool.length || 1)) % pool.length];
        const mistyped = id.slice(0, at) + typo + id.slice(at + 1);
        expect(readRow({ ...cellsOf(v), 身份证号: mistyped }, buildings).problems).toEqual([
          { row: 2, column: '身份证号', message: '身份证号校验位不正确' },
        ]);
      }),
    );
  });

  test('a numbered room above the top floor, or a unit the building lacks, is named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 19, max: 99 }), fc.integer({ min: 3, max: 9 }), (floor, unit) => {
        expect(readRow(raw({ 房号: `${floor}01`, 单元: String(unit) }), buildings).problems).toEqual([
          { row: 2, column: '单元', message: '1栋只有 2 个单元' },
          { row: 2, column: '房号', message: '该楼共 18 层，房号不正确' },
        ]);
      }),
    );
  });
});

describe('crossRowProblems', () => {
  const row = (r: number, room: string, relation: RegisterRow['relation'], idNumber = idOf(r)): RegisterRow => ({
    ...{ row: r, buildingId: 'b-1', buildingName: '1栋', unit: 1, room, name: `住户${r}`, relation },
    ...{ idNumber, phone: null },
  });

  test('the same ID number on several rows: each row names the others', () => {
    const id = idOf(7);
    expect(
      crossRowProblems([
        row(2, '101', 'head', id),
        row(3, '102', 'head'),
        row(5, '103', 'head', id),
        row(9, '104', 'head', id),
      ]),
    ).toEqual([
      { row: 2, column: '身份证号', message: '身份证号与第 5、9 行重复' },
      { row: 5, column: '身份证号', message: '身份证号与第 2、9 行重复' },
      { row: 9, column: '身份证号', message: '身份证号与第 2、5 行重复' },
    ]);
  });

  test('a flat without a head, and a flat with two, are named on the row to look at', () => {
    expect(
      crossRowProblems([
        row(2, '101', 'member'),
        row(3, '101', 'child'),
        row(4, '102', 'head'),
        row(6, '102', 'head'),
        row(7, '102', 'head'),
      ]),
    ).toEqual([
      { row: 2, column: '与户主关系', message: '1栋1单元101室没有户主' },
      { row: 6, column: '与户主关系', message: '1栋1单元102室已有户主（第 4 行）' },
      { row: 7, column: '与户主关系', message: '1栋1单元102室已有户主（第 4 行）' },
    ]);
  });

  test('flats of one head each and distinct ID numbers, in any order, have no problems', () => {
    const flat = fc.record({
      room: fc.integer({ min: 1, max: 18 }).chain((f) => fc.integer({ min: 1, max: 4 }).map((d) => `${f}0${d}`)),
      others: fc.array(fc.constantFrom<RegisterRow['relation']>('member', 'child', 'elder'), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(flat, { selector: (f) => f.room, maxLength: 30 }), fc.nat(), (flats, seed) => {
        let n = 0;
        const rows = flats.flatMap((f) => [row(n++, f.room, 'head'), ...f.others.map((rel) => row(n++, f.room, rel))]);
        // Shuffled: a register is seldom sorted by flat.
        const shuffled = rows.map((r, i) => ({ r, k: (i * 7919 + seed) % 10007 })).sort((a, b) => a.k - b.k);
        expect(crossRowProblems(shuffled.map(({ r }) => r))).toEqual([]);
      }),
    );
  });

  test('problems come sorted by row, and only on rows of the file', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            room: fc.constantFrom('101', '102', '103'),
            relation: fc.constantFrom<RegisterRow['relation']>('head', 'member'),
            id: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 12 },
        ),
        (specs) => {
          const rows = specs.map((s, i) => row(i + 2, s.room, s.relation, idOf(s.id)));
          const problems = crossRowProblems(rows);
          expect(problems.map((p) => p.row)).toEqual([...problems.map((p) => p.row)].sort((a, b) => a - b));
          for (const p of problems) expect(rows.map((r) => r.row)).toContain(p.row);
        },
      ),
    );
  });
});
