/** The pure rules of group orders: money in fen, order lines, stock deltas, pick lists. */
import fc from 'fast-check';
import {
  BatchItem,
  batchPhase,
  checkBatchDraft,
  checkOrderLines,
  fenToYuan,
  priceLines,
  splitDeltas,
  stockDeltas,
  yuanToFen,
} from '../../core/groupbuy';
import { Invalid } from '../../core/validate';
import { PickOrder, pickList } from '../../core/picklist';

const items: BatchItem[] = [
  { id: 'i1', name: '青菜', unit: '斤', priceFen: 350, stock: 50, limit: 3 },
  { id: 'i2', name: '鸡蛋', unit: '盒', priceFen: 1290, stock: 100, limit: 2 },
  { id: 'i3', name: '大米', unit: '袋', priceFen: 4999, stock: 20, limit: 1 },
];

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as Invalid).errors.map((e) => e.field);
  }
  return [];
};

describe('money', () => {
  test('yuan text becomes exact fen, and back', () => {
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('3')).toBe(300);
    for (const bad of ['', 'abc', '1.234', '-1', '1e3', '1,5']) expect(yuanToFen(bad)).toBeNull();
    expect(fenToYuan(6049)).toBe('60.49');
    expect(fenToYuan(5)).toBe('0.05');
  });

  test('property: fen → yuan text → fen is the identity', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });
});

describe('order lines', () => {
  test('limits, unknown items and empty orders are refused by field', () => {
    expect(fieldsOf(() => checkOrderLines(items, [{ itemId: 'i1', qty: 4 }]))).toEqual(['lines.i1']);
    expect(fieldsOf(() => checkOrderLines(items, [{ itemId: 'i9', qty: 1 }]))).toEqual(['lines']);
    expect(fieldsOf(() => checkOrderLines(items, [{ itemId: 'i1', qty: 0 }]))).toEqual(['lines']);
    expect(fieldsOf(() => checkOrderLines(items, [{ itemId: 'i1', qty: 1.5 }]))).toEqual(['lines.i1']);
    expect(
      checkOrderLines(items, [
        { itemId: 'i1', qty: 0 },
        { itemId: 'i2', qty: 2 },
      ]),
    ).toEqual([{ itemId: 'i2', qty: 2 }]);
  });

  const linesArb = fc
    .subarray(items, { minLength: 1 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((item) => fc.integer({ min: 1, max: item.limit }).map((qty) => ({ itemId: item.id, qty }))),
      ),
    );

  test('property: the total is the sum of price × quantity in whole fen', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        const priced = priceLines(items, checkOrderLines(items, lines));
        const expected = lines.reduce((sum, l) => sum + l.qty * items.find((i) => i.id === l.itemId)!.priceFen, 0);
        return priced.totalFen === expected && Number.isInteger(priced.totalFen);
      }),
    );
  });

  test('property: taking then giving back the split deltas turns the old order into the new', () => {
    fc.assert(
      fc.property(fc.option(linesArb, { nil: undefined }), linesArb, (before = [], after) => {
        const { take, giveBack } = splitDeltas(stockDeltas(before, after));
        const held: Record<string, number> = Object.fromEntries(before.map((l) => [l.itemId, l.qty]));
        for (const [id, q] of Object.entries(take)) held[id] = (held[id] ?? 0) + q;
        for (const [id, q] of Object.entries(giveBack)) held[id] -= q;
        const wanted = Object.fromEntries(after.map((l) => [l.itemId, l.qty]));
        return (
          Object.values(take).every((q) => q > 0) &&
          Object.values(giveBack).every((q) => q > 0) &&
          Object.entries(held).every(([id, q]) => q === (wanted[id] ?? 0))
        );
      }),
    );
  });
});

describe('batches', () => {
  const now = new Date('2020-02-20T02:00:00Z');
  const draft = {
    title: '明日蔬菜包',
    items: [{ name: '青菜', unit: '斤', priceFen: 350, stock: 50, limit: 3 }],
    cutoffAt: '2020-02-20T12:00:00Z',
    deliveryStart: '2020-02-21T06:00:00Z',
    deliveryEnd: '2020-02-21T08:00:00Z',
    pickupPoint: '东门卡口',
    supplier: { name: '福田农批市场蔬菜行', licence: 'jy14403040012345', contact: '13800138000' },
  };

  test('a good batch gets item ids and a normalised licence; a bad one lists every problem', () => {
    const ok = checkBatchDraft(draft, now);
    expect(ok.items[0].id).toBe('i1');
    expect(ok.supplier.licence).toBe('JY14403040012345');
    const fields = fieldsOf(() =>
      checkBatchDraft(
        {
          ...draft,
          items: [draft.items[0], { ...draft.items[0], priceFen: 0 }],
          deliveryStart: '2020-02-20T11:00:00Z',
          supplier: { name: '菜', licence: 'X', contact: '110' },
        },
        now,
      ),
    );
    expect(fields).toEqual([
      'items.1.name',
      'items.1.priceFen',
      'deliveryStart',
      'deliveryEnd', // the slot now spans 21 hours
      'supplier.name',
      'supplier.licence',
      'supplier.contact',
    ]);
  });

  test('orders are taken only while open and before the cut-off', () => {
    const cutoffAt = new Date('2020-02-20T12:00:00Z');
    expect(batchPhase({ state: 'open', cutoffAt }, now)).toBe('open');
    expect(batchPhase({ state: 'open', cutoffAt }, cutoffAt)).toBe('locked');
    expect(batchPhase({ state: 'closed', cutoffAt }, now)).toBe('locked');
    expect(batchPhase({ state: 'cancelled', cutoffAt }, now)).toBe('cancelled');
  });
});

describe('pick list', () => {
  const orderArb = fc.record({
    buildingNo: fc.integer({ min: 1, max: 12 }),
    unit: fc.integer({ min: 1, max: 4 }),
    room: fc.integer({ min: 101, max: 1804 }).map(String),
    lines: fc.subarray(items, { minLength: 1 }).chain((chosen) =>
      fc.tuple(
        ...chosen.map((item) =>
          fc.integer({ min: 1, max: item.limit }).map((qty) => ({
            itemId: item.id,
            qty,
            name: item.name,
            unit: item.unit,
            priceFen: item.priceFen,
            subtotalFen: qty * item.priceFen,
          })),
        ),
      ),
    ),
  });

  test('property: per-item, per-building and overall sums equal the orders’ sums', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 60 }), (raw) => {
        const orders: PickOrder[] = raw.map((o, n) => ({
          _id: `o${n}`,
          buildingId: `b${o.buildingNo}`,
          buildingName: `${o.buildingNo}栋`,
          unit: o.unit,
          room: o.room,
          maskedName: '张*',
          lines: o.lines,
          totalFen: o.lines.reduce((s, l) => s + l.subtotalFen, 0),
        }));
        const list = pickList(orders);
        const total = orders.reduce((s, o) => s + o.totalFen, 0);
        const doors = list.buildings.flatMap((b) => b.doors);
        return (
          list.totalFen === total &&
          list.itemTotals.reduce((s, t) => s + t.amountFen, 0) === total &&
          list.buildings.reduce((s, b) => s + b.totalFen, 0) === total &&
          doors.length === orders.length &&
          new Set(doors.map((d) => d.orderId)).size === orders.length
        );
      }),
    );
  });

  test('buildings and doors come in the order a packer walks them; a label says door, name, then contents', () => {
    const order = (id: string, building: number, unit: number, room: string): PickOrder => ({
      _id: id,
      buildingId: `b${building}`,
      buildingName: `${building}栋`,
      unit,
      room,
      maskedName: '李*',
      lines: [{ itemId: 'i1', qty: 2, name: '青菜', unit: '斤', priceFen: 350, subtotalFen: 700 }],
      totalFen: 700,
      contactless: id === 'c',
    });
    const list = pickList([order('a', 10, 1, '1201'), order('b', 2, 2, '301'), order('c', 2, 1, '1801')]);
    expect(list.buildings.map((b) => b.buildingName)).toEqual(['2栋', '10栋']);
    expect(list.buildings[0].doors.map((d) => d.door)).toEqual(['1单元1801室', '2单元301室']);
    expect(list.buildings[0].doors[0].label).toBe('【无接触配送】2栋1单元1801室 李*：青菜×2斤');
  });
});
