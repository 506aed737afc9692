/**
 * Grocery group orders (社区团购), the pure part: what a batch may contain, what an order
 * may ask for, what it costs, and how stock moves when it changes. Money is integer fen
 * (分) everywhere; yuan only appear as text on screen.
 */
import { Checker } from './validate';

export interface BatchItem {
  id: string;
  name: string;
  /** What one counts in: 份, 斤, 袋, 盒… */
  unit: string;
  priceFen: number;
  stock: number;
  /** Most of this item one household may order in this batch. */
  limit: number;
}

export interface Supplier {
  name: string;
  /** 统一社会信用代码 or 食品经营许可证编号. */
  licence: string;
  contact: string;
}

export interface BatchDraft {
  title: string;
  items: BatchItem[];
  cutoffAt: Date;
  deliveryStart: Date;
  deliveryEnd: Date;
  pickupPoint: string;
  supplier: Supplier;
}

export interface OrderLine {
  itemId: string;
  qty: number;
}

export interface PricedLine extends OrderLine {
  name: string;
  unit: string;
  priceFen: number;
  subtotalFen: number;
}

export const MAX_ITEMS = 30;
export const MAX_PRICE_FEN = 1_000_000;
export const MAX_STOCK = 100_000;
const HOUR_MS = 3600_000;

const isCount = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export { fenToYuan, yuanToFen } from '../miniprogram/shared/money';

const LICENCE = /^([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}|JY\d{14})$/;
const CONTACT = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** A batch as the organiser submitted it, checked field by field (every problem at once). */
export function checkBatchDraft(payload: Record<string, unknown>, now: Date): BatchDraft {
  const check = new Checker();
  const title = check.text('title', payload.title, '团购名称', { min: 2, max: 30 });
  const items = checkItems(check, payload.items);
  const cutoffAt = check.date('cutoffAt', payload.cutoffAt, '截单时间');
  const deliveryStart = check.date('deliveryStart', payload.deliveryStart, '配送开始时间');
  const deliveryEnd = check.date('deliveryEnd', payload.deliveryEnd, '配送结束时间');
  if (cutoffAt.getTime() < now.getTime() + 10 * 60_000) check.fail('cutoffAt', '截单时间至少在 10 分钟之后');
  if (cutoffAt.getTime() > now.getTime() + 7 * 24 * HOUR_MS) check.fail('cutoffAt', '截单时间不能超过 7 天');
  if (deliveryStart.getTime() < cutoffAt.getTime()) check.fail('deliveryStart', '配送应在截单之后');
  if (!(deliveryEnd.getTime() > deliveryStart.getTime())) check.fail('deliveryEnd', '配送结束应晚于开始');
  else if (deliveryEnd.getTime() - deliveryStart.getTime() > 12 * HOUR_MS)
    check.fail('deliveryEnd', '配送时段不能超过 12 小时');
  const pickupPoint = check.text('pickupPoint', payload.pickupPoint, '取货点', { min: 2, max: 40 });
  const raw = (payload.supplier && typeof payload.supplier === 'object' ? payload.supplier : {}) as Record<
    string,
    unknown
  >;
  const supplier = {
    name: check.text('supplier.name', raw.name, '供应商名称', { min: 2, max: 40 }),
    licence: typeof raw.licence === 'string' ? raw.licence.trim().toUpperCase() : '',
    contact: typeof raw.contact === 'string' ? raw.contact.trim() : '',
  };
  if (!LICENCE.test(supplier.licence))
    check.fail('supplier.licence', '请填写供应商的统一社会信用代码或食品经营许可证编号');
  if (!CONTACT.test(supplier.contact)) check.fail('supplier.contact', '请填写供应商的手机或座机号码');
  check.done();
  return { title, items, cutoffAt, deliveryStart, deliveryEnd, pickupPoint, supplier };
}

function checkItems(check: Checker, value: unknown): BatchItem[] {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail('items', '请至少添加一件商品');
    return [];
  }
  if (value.length > MAX_ITEMS) check.fail('items', `一次团购最多 ${MAX_ITEMS} 件商品`);
  const seen = new Set<string>();
  return value.slice(0, MAX_ITEMS).map((raw: Record<string, unknown>, i) => {
    const at = `items.${i}`;
    const item = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const name = check.text(`${at}.name`, item.name, '商品名称', { max: 20 });
    if (seen.has(name)) check.fail(`${at}.name`, `商品“${name}”重复了`);
    seen.add(name);
    const unit = check.text(`${at}.unit`, item.unit, '计量单位', { max: 6 });
    if (!isCount(item.priceFen, 1, MAX_PRICE_FEN)) check.fail(`${at}.priceFen`, '单价应在 0.01–10000 元之间');
    if (!isCount(item.stock, 1, MAX_STOCK)) check.fail(`${at}.stock`, `库存应为 1–${MAX_STOCK} 的整数`);
    if (!isCount(item.limit, 1, MAX_STOCK) || (isCount(item.stock, 1, MAX_STOCK) && item.limit > item.stock))
      check.fail(`${at}.limit`, '每户限购应为不超过库存的正整数');
    return {
      id: `i${i + 1}`,
      name,
      unit,
      priceFen: item.priceFen as number,
      stock: item.stock as number,
      limit: item.limit as number,
    };
  });
}

/**
 * The household's wanted quantities, checked against the batch: known items, whole numbers,
 * within the per-household limit, something ordered. Zero lines are dropped.
 */
export function checkOrderLines(items: BatchItem[], value: unknown): OrderLine[] {
  const check = new Checker();
  const byId = new Map(items.map((item) => [item.id, item]));
  const lines: OrderLine[] = [];
  if (!Array.isArray(value) || value.length > items.length) {
    check.fail('lines', '请选择要购买的商品');
    check.done();
  }
  for (const raw of value as Record<string, unknown>[]) {
    // Only a string names an item: an object (even one with its own toString) is refused, not converted.
    const item = raw && typeof raw === 'object' && typeof raw.itemId === 'string' ? byId.get(raw.itemId) : undefined;
    if (!item || lines.some((l) => l.itemId === item.id)) {
      check.fail('lines', '商品不存在或重复，请刷新后重试');
      continue;
    }
    if (!isCount(raw.qty, 0, MAX_STOCK)) check.fail(`lines.${item.id}`, `${item.name}的数量应为整数`);
    else if (raw.qty > item.limit) check.fail(`lines.${item.id}`, `${item.name}每户限购 ${item.limit}${item.unit}`);
    else if (raw.qty > 0) lines.push({ itemId: item.id, qty: raw.qty });
  }
  if (check.errors.length === 0 && lines.length === 0) check.fail('lines', '请至少选择一件商品');
  check.done();
  return lines;
}

/** Prices the lines from the batch (never from the client); the total is an exact integer of fen. */
export function priceLines(items: BatchItem[], lines: OrderLine[]): { lines: PricedLine[]; totalFen: number } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const priced = lines.map((line) => {
    const item = byId.get(line.itemId);
    if (!item) throw new Error(`unknown item ${line.itemId}`);
    return {
      ...line,
      name: item.name,
      unit: item.unit,
      priceFen: item.priceFen,
      subtotalFen: item.priceFen * line.qty,
    };
  });
  return { lines: priced, totalFen: priced.reduce((sum, l) => sum + l.subtotalFen, 0) };
}

/** How much more of each item a change takes from stock (negative: gives back). */
export function stockDeltas(before: OrderLine[], after: OrderLine[]): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const line of after) deltas[line.itemId] = (deltas[line.itemId] ?? 0) + line.qty;
  for (const line of before) deltas[line.itemId] = (deltas[line.itemId] ?? 0) - line.qty;
  for (const id of Object.keys(deltas)) if (deltas[id] === 0) delete deltas[id];
  return deltas;
}

/** Splits deltas so stock is taken before an order changes and given back only after. */
export function splitDeltas(deltas: Record<string, number>): {
  take: Record<string, number>;
  giveBack: Record<string, number>;
} {
  const take: Record<string, number> = {};
  const giveBack: Record<string, number> = {};
  for (const [id, d] of Object.entries(deltas)) {
    if (d > 0) take[id] = d;
    else if (d < 0) giveBack[id] = -d;
  }
  return { take, giveBack };
}

export type BatchState = 'open' | 'closed' | 'cancelled';
export type BatchPhase = 'open' | 'locked' | 'cancelled';

/** Orders are taken only while the batch is open and before its cut-off; then it is locked. */
export function batchPhase(batch: { state: BatchState; cutoffAt: Date }, now: Date): BatchPhase {
  if (batch.state === 'cancelled') return 'cancelled';
  return batch.state === 'open' && now.getTime() < batch.cutoffAt.getTime() ? 'open' : 'locked';
}
