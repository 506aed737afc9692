/** The estate's pure rules: how rooms are named per building, and what may be reshaped, regridded or retired. */
import fc from 'fast-check';
import {
  BuildingShape,
  ROOM_LABEL,
  floorOf,
  gridBuildingsProblem,
  reshapeProblem,
  retireProblem,
  roomProblem,
} from '../../core/estate';

const NUMBERED_MESSAGE = '房号应为 3–4 位数字，如 501';
const LABEL_MESSAGE = '房号只能包含字母、数字和 -，最多 8 个字符，如 A12';
const floorsMessage = (floors: number) => `该楼共 ${floors} 层，房号不正确`;
const pad2 = (n: number) => String(n).padStart(2, '0');

const floors = fc.integer({ min: 1, max: 99 });
const numbered = (f: number): BuildingShape => ({ units: 2, floors: f, roomScheme: 'numbered' });
const labelled = (f: number): BuildingShape => ({ units: 1, floors: f, roomScheme: 'labelled' });
const labelChar = fc.constantFrom(...'ABCDEFGHJKabc0123456789-');
const label = fc.string({ unit: labelChar, minLength: 1, maxLength: 8 });
const letter = fc.constantFrom(...'ABCDEFGHJKLMNabz');

test('examples: 501 and 1203 in a block, A12, 3-1 and 201A on a 城中村 door', () => {
  expect(roomProblem(numbered(18), '501')).toBeNull();
  expect(floorOf(numbered(18), '1203')).toBe(12);
  expect(roomProblem(numbered(8), '901')).toBe(floorsMessage(8));
  expect(roomProblem(numbered(8), 'A12')).toBe(NUMBERED_MESSAGE);
  expect(roomProblem({ units: 1, floors: 8 }, 'A12')).toBe(NUMBERED_MESSAGE); // numbered unless said otherwise
  for (const [room, floor] of [
    ['A12', null],
    ['3-1', 3],
    ['201A', 2],
    ['12', null],
  ] as const) {
    expect(roomProblem(labelled(6), room)).toBeNull();
    expect(floorOf(labelled(6), room)).toBe(floor);
  }
  expect(roomProblem(labelled(6), 'A 12')).toBe(LABEL_MESSAGE);
  expect(roomProblem(labelled(6), '701')).toBe(floorsMessage(6));
});

test('numbered: every room "floor + two digits" with the floor in 1..floors passes, on that floor', () => {
  fc.assert(
    fc.property(floors, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 98 }), (total, room, f) => {
      const floor = 1 + (f % total);
      const name = `${floor}${pad2(room)}`;
      expect(roomProblem(numbered(total), name)).toBeNull();
      expect(floorOf(numbered(total), name)).toBe(floor);
    }),
  );
});

test('numbered: a room on floor 0 or above the top floor is refused', () => {
  fc.assert(
    fc.property(floors, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (total, f, room) => {
      fc.pre(f === 0 || f > total);
      const name = `${f}${pad2(room)}`.padStart(3, '0'); // 005, 1203
      expect(roomProblem(numbered(total), name)).toBe(floorsMessage(total));
    }),
  );
});

test('numbered: anything but 3–4 digits is refused as such, whatever the building', () => {
  const notDigits = fc.string({ maxLength: 10 }).filter((s) => !/^\d{3,4}$/.test(s));
  fc.assert(
    fc.property(floors, fc.oneof(notDigits, label, fc.stringMatching(/^\d{1,2}$|^\d{5,8}$/)), (total, room) => {
      fc.pre(!/^\d{3,4}$/.test(room));
      expect(roomProblem(numbered(total), room)).toBe(NUMBERED_MESSAGE);
    }),
  );
});

test('labelled: a label with no leading digits (A12, B-3) passes in any building, on no known floor', () => {
  const noLeadingDigit = fc.tuple(letter, fc.string({ unit: labelChar, maxLength: 7 })).map(([a, rest]) => a + rest);
  fc.assert(
    fc.property(floors, noLeadingDigit, (total, room) => {
      expect(roomProblem(labelled(total), room)).toBeNull();
      expect(floorOf(labelled(total), room)).toBeNull();
    }),
  );
});

test('labelled: a leading floor (3-1, 201A) passes up to the top floor and is refused above it', () => {
  const shaped = fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), letter);
  fc.assert(
    fc.property(floors, shaped, (total, [floor, n, dashed, suffix]) => {
      const room = dashed ? `${floor}-${n}` : `${floor}${pad2(n)}${suffix}`;
      expect(floorOf(labelled(total), room)).toBe(floor);
      expect(roomProblem(labelled(total), room)).toBe(floor <= total ? null : floorsMessage(total));
    }),
  );
});

test('labelled: any label of letters, digits and - passes unless the floor it names is not in the building', () => {
  fc.assert(
    fc.property(floors, label, (total, room) => {
      const floor = floorOf(labelled(total), room);
      const fits = floor === null || (floor >= 1 && floor <= total);
      expect(roomProblem(labelled(total), room)).toBe(fits ? null : floorsMessage(total));
    }),
  );
});

test('labelled: anything else (spaces, Chinese, more than 8 characters, empty) is refused as a label', () => {
  const bad = fc.oneof(
    fc.string({ maxLength: 12 }).filter((s) => !ROOM_LABEL.test(s)),
    fc.string({ unit: labelChar, minLength: 9, maxLength: 12 }),
    fc.constantFrom('', 'A 12', '三-1', '2０1', 'A12\n'),
  );
  fc.assert(fc.property(floors, bad, (total, room) => expect(roomProblem(labelled(total), room)).toBe(LABEL_MESSAGE)));
});

const occupied = fc.array(
  fc.record({ unit: fc.integer({ min: 1, max: 30 }), floor: fc.option(fc.integer({ min: 0, max: 99 })) }),
  { maxLength: 20 },
);
const shape = fc.record({ units: fc.integer({ min: 1, max: 30 }), floors: fc.integer({ min: 1, max: 99 }) });

/** A new shape, often right at the highest occupied unit and floor (where an off-by-one would hide). */
const reshaping = fc.tuple(
  occupied,
  shape,
  fc.integer({ min: -2, max: 2 }),
  fc.integer({ min: -2, max: 2 }),
  fc.boolean(),
);

test('reshape: refused exactly when the highest occupied unit or floor is beyond the new shape, naming it', () => {
  fc.assert(
    fc.property(reshaping, ([people, random, du, df, near]) => {
      const unit = Math.max(0, ...people.map((p) => p.unit));
      const floor = Math.max(0, ...people.map((p) => p.floor ?? 0));
      const next = near ? { units: Math.max(1, unit + du), floors: Math.max(1, floor + df) } : random;
      const problem = reshapeProblem(next, people);
      if (unit > next.units) expect(problem).toBe(`${unit}单元仍有住户，单元数不能少于 ${unit}`);
      else if (floor > next.floors) expect(problem).toBe(`${floor}层仍有住户，层数不能少于 ${floor}`);
      else expect(problem).toBeNull();
    }),
  );
});

test('reshape: an empty building takes any shape, and a shape holding everyone is never refused', () => {
  fc.assert(
    fc.property(shape, occupied, (next, people) => {
      expect(reshapeProblem(next, [])).toBeNull();
      const holding = {
        units: Math.max(next.units, ...people.map((p) => p.unit)),
        floors: Math.max(next.floors, ...people.map((p) => p.floor ?? 0)),
      };
      expect(reshapeProblem(holding, people)).toBeNull();
    }),
  );
});

const buildings = fc.uniqueArray(
  fc.record({
    _id: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6'),
    enclosureId: fc.constantFrom('e1', 'e2'),
    retired: fc.boolean(),
  }),
  { selector: (b) => b._id, maxLength: 6 },
);
const picked = fc.array(fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'), { maxLength: 6 });

test('grid: allowed exactly when every building is distinct, found, of this enclosure and live', () => {
  fc.assert(
    fc.property(buildings, picked, (stored, ids) => {
      const found = stored.map(({ retired, ...b }) => (retired ? { ...b, retiredAt: new Date() } : b));
      const problem = gridBuildingsProblem('e1', ids, found);
      const fits = (id: string) => stored.some((b) => b._id === id && b.enclosureId === 'e1' && !b.retired);
      if (new Set(ids).size !== ids.length) expect(problem).toBe('楼栋重复');
      else if (ids.every(fits)) expect(problem).toBeNull();
      else expect(['楼栋不存在', '只能选择本围合区的楼栋', '该楼栋已停用']).toContain(problem);
    }),
  );
});

test('grid: the refusal names what is wrong with the first building that does not fit', () => {
  const found = [
    { _id: 'b1', enclosureId: 'e1' },
    { _id: 'b2', enclosureId: 'e2' },
    { _id: 'b3', enclosureId: 'e1', retiredAt: new Date() },
  ];
  expect(gridBuildingsProblem('e1', [], found)).toBeNull();
  expect(gridBuildingsProblem('e1', ['b1'], found)).toBeNull();
  expect(gridBuildingsProblem('e1', ['b1', 'b9'], found)).toBe('楼栋不存在');
  expect(gridBuildingsProblem('e1', ['b1', 'b2'], found)).toBe('只能选择本围合区的楼栋');
  expect(gridBuildingsProblem('e1', ['b3', 'b2'], found)).toBe('该楼栋已停用');
  expect(gridBuildingsProblem('e1', ['b1', 'b1'], found)).toBe('楼栋重复');
});

test('retire: allowed exactly when nothing lives under it; live children are named first', () => {
  const kind = fc.constantFrom('community', 'enclosure', 'building', 'gate', 'grid' as const);
  const count = fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 5000 }));
  fc.assert(
    fc.property(kind, count, count, (what, activeChildren, residents) => {
      const problem = retireProblem(what, { activeChildren, residents });
      if (activeChildren > 0)
        expect(problem).toBe(what === 'community' ? '请先停用该社区下的围合区' : '请先停用该围合区的楼栋、卡口和网格');
      else if (residents > 0) expect(problem).toBe(`仍有 ${residents} 名住户登记在此，请先办理迁出`);
      else expect(problem).toBeNull();
    }),
  );
});
