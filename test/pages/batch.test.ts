/** 团购详情与下单 rendered with miniprogram-simulate: limits, stock, cut-off, one order per tap, sharing. */
import simulate from 'miniprogram-simulate';
import type { BatchDetail, BatchSummary, MyOrder } from '../../typings';
import { formatFen } from '../../miniprogram/shared/money';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('batch/batch');

const item = (id: string, name: string, unit: string, priceFen: number, limit: number, remaining: number) => ({
  ...{ id, name, unit, priceFen, limit, remaining },
  stock: remaining + 20,
  priceText: formatFen(priceFen),
});

function batch(overrides: Partial<BatchDetail> = {}): BatchDetail {
  return {
    id: 'b1',
    title: '春华苑 2月16日 蔬菜鸡蛋团购',
    phase: 'open',
    phaseText: '接龙中',
    cutoffAt: '2020-02-15T12:00:00.000Z',
    cutoffText: '2月15日 20:00',
    deliveryText: '2月16日 09:00–12:00',
    pickupPoint: '3栋北门快递柜旁',
    organiserName: '陈*芳',
    itemCount: 3,
    items: [
      item('i1', '青菜', '斤', 350, 3, 40),
      item('i2', '土鸡蛋', '盒', 1290, 2, 10),
      item('i3', '大米', '袋', 5990, 1, 0),
    ],
    supplier: { name: '武汉鲜达农产品有限公司', licence: 'JY14201020012345', contact: '027-82345678' },
    myOrder: null,
    canManage: false,
    sharePath: '/pages/batch/batch?id=b1',
    cancelReason: null,
    doorDelivery: false,
    ...overrides,
  };
}

/** What `close` and `cancelBatch` answer: the batch's summary, not its detail (the page reloads the detail). */
const summary = (b: BatchDetail): BatchSummary => ({
  id: b.id,
  title: b.title,
  phase: b.phase,
  phaseText: b.phaseText,
  cutoffAt: b.cutoffAt,
  cutoffText: b.cutoffText,
  deliveryText: b.deliveryText,
  pickupPoint: b.pickupPoint,
  organiserName: b.organiserName,
  itemCount: b.itemCount,
});

/** My order of [itemId, qty], priced from the batch's items as the server would. */
function myOrder(quantities: [string, number][], overrides: Partial<MyOrder> = {}): MyOrder {
  const lines = quantities.map(([itemId, qty]) => {
    const { name, unit, priceFen } = batch().items.find((i) => i.id === itemId)!;
    return { itemId, name, unit, qty, priceFen, subtotalFen: priceFen * qty };
  });
  const totalFen = lines.reduce((sum, l) => sum + l.subtotalFen, 0);
  return {
    id: 'o1',
    version: 1,
    batchId: 'b1',
    batchTitle: '春华苑 2月16日 蔬菜鸡蛋团购',
    lines,
    totalFen,
    totalText: formatFen(totalFen),
    state: 'placed',
    delivery: 'pending',
    deliveryStateText: '待配送',
    contactless: false,
    cutoffText: '2月15日 20:00',
    deliveryText: '2月16日 09:00–12:00',
    pickupPoint: '3栋北门快递柜旁',
    canChange: true,
    complaint: null,
    cancelReason: null,
    ...overrides,
  };
}

let toasts: string[];
let modal: { confirm: boolean; content: string };
/** Every dialog the page opened, as asked (title and button texts). */
let dialogs: { title: string; confirmText?: string; cancelText?: string }[];
let shareMenu: unknown[];

beforeEach(() => {
  toasts = [];
  shareMenu = [];
  modal = { confirm: true, content: '' };
  dialogs = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showToast = ({ title }: { title: string }) => toasts.push(title);
  wxMock.showModal = async (asked: (typeof dialogs)[number]) => {
    dialogs.push(asked);
    return { ...modal, cancel: !modal.confirm, errMsg: 'showModal:ok' };
  };
  wxMock.showShareMenu = (options: unknown) => shareMenu.push(options);
  wxMock.navigateTo = () => undefined;
});

/** Taps the n-th (0-based) node matching the selector. */
async function tapNth(page: Rendered, selector: string, n: number) {
  page.querySelectorAll(selector)[n].dispatchEvent('tap');
  await simulate.sleep(10);
}
const qtys = (page: Rendered) => textsOf(page, '.qty');
const orderCalls = () => cloudCalls().filter((c) => c.data.action === 'order');

test('at the per-household limit + keeps the quantity and says 每户限购; the total follows in yuan', async () => {
  replyWith('groupbuy', 'batch', ok(batch()));
  const page = await openPage(id, { id: 'b1' });
  expect(cloudCalls()[0].data).toEqual({ action: 'batch', batchId: 'b1' });
  expect(textOf(page, '.supplier-name')).toBe('武汉鲜达农产品有限公司');
  expect(textOf(page, '.licence')).toBe('许可证/信用代码：JY14201020012345');
  expect(textsOf(page, '.remaining')).toEqual(['剩余 40斤', '剩余 10盒', '剩余 0袋']);
  expect(textsOf(page, '.limit')).toEqual(['· 每户限购 3斤', '· 每户限购 2盒', '· 每户限购 1袋']);
  await tapNth(page, '.plus', 1);
  expect(page.querySelector('.item-hint')).toBeUndefined();
  await tapNth(page, '.plus', 1);
  await tapNth(page, '.plus', 1);
  expect(qtys(page)).toEqual(['0', '2', '0']);
  expect(textOf(page, '.item-hint')).toBe('已达每户限购 2盒');
  expect(page.querySelectorAll('.plus')[1].dom!.className).toContain('off');
  expect(page.querySelectorAll('.plus')[0].dom!.className).not.toContain('off');
  await tapNth(page, '.plus', 0);
  expect(textOf(page, '.total-amount')).toBe('¥29.30');
  await tapNth(page, '.minus', 1);
  expect(qtys(page)).toEqual(['1', '1', '0']);
  expect(page.querySelector('.item-hint')).toBeUndefined();
});

test('a sold-out item says 已售罄 and refuses +, unless my order already holds some', async () => {
  replyWith('groupbuy', 'batch', ok(batch()));
  const page = await openPage(id, { id: 'b1' });
  expect(textsOf(page, '.sold-out-tag')).toEqual(['已售罄']);
  expect(page.querySelectorAll('.item')[2].dom!.className).toContain('sold-out');
  expect(page.querySelectorAll('.plus')[2].dom!.className).toContain('off');
  await tapNth(page, '.plus', 2);
  expect(qtys(page)).toEqual(['0', '0', '0']);
  expect(textOf(page, '.total-amount')).toBe('¥0.00');

  const holding = myOrder([['i3', 1]]);
  replyWith('groupbuy', 'batch', ok(batch({ myOrder: holding })));
  const mine = await openPage(id, { id: 'b1' });
  expect(mine.querySelector('.sold-out-tag')).toBeUndefined();
  expect(qtys(mine)).toEqual(['0', '0', '1']);
  expect(textOf(mine, '.submit')).toBe('修改订单');
  expect(textOf(mine, '.total-amount')).toBe('¥59.90');
});

test('after the cut-off the page says 已截单 and offers neither steppers nor submit', async () => {
  const placed = myOrder([['i1', 2]], { canChange: false });
  replyWith('groupbuy', 'batch', ok(batch({ phase: 'locked', phaseText: '已截单', myOrder: placed })));
  const page = await openPage(id, { id: 'b1' });
  expect(textOf(page, '.notice.locked')).toContain('已截单');
  expect(page.querySelector('.submit')).toBeUndefined();
  expect(page.querySelector('.plus')).toBeUndefined();
  expect(page.querySelector('.cancel-order')).toBeUndefined();
  expect(textsOf(page, '.order-line')).toEqual(['青菜 ×2斤']);
});

test('a cancelled batch says so, with the organiser’s reason', async () => {
  replyWith(
    'groupbuy',
    'batch',
    ok(batch({ phase: 'cancelled', phaseText: '已取消', cancelReason: '供应商无法按时供货' })),
  );
  const page = await openPage(id, { id: 'b1' });
  expect(textOf(page, '.cancelled-title')).toBe('团购已取消');
  expect(textOf(page, '.cancel-reason')).toBe('原因：供应商无法按时供货');
  expect(page.querySelector('.submit')).toBeUndefined();
  // Nothing will be delivered or collected.
  expect(page.querySelector('.pickup')).toBeUndefined();
  expect(page.querySelector('.delivery')).toBeUndefined();
});

test('an isolated household is told volunteers bring its order, not sent to the pickup point', async () => {
  replyWith('groupbuy', 'batch', ok(batch({ doorDelivery: true })));
  const page = await openPage(id, { id: 'b1' });
  expect(textOf(page, '.door-delivery')).toBe('隔离住户由志愿者送货上门，请勿外出取货');
  expect(page.querySelector('.pickup')).toBeUndefined();
  expect(textOf(page, '.delivery')).toBe('配送：2月16日 09:00–12:00');
  expect(page.querySelector('.submit')).toBeDefined();

  replyWith('groupbuy', 'batch', ok(batch()));
  const neighbour = await openPage(id, { id: 'b1' });
  expect(textOf(neighbour, '.pickup')).toBe('取货点：3栋北门快递柜旁');
  expect(neighbour.querySelector('.door-delivery')).toBeUndefined();
});

/** Answers `batch` and `order` as the function does: one order per household, versioned, ids remembered. */
function serveOrders(start = batch()) {
  const server = { current: start };
  const seen = new Set<unknown>();
  replyWith('groupbuy', 'batch', () => ok(server.current));
  replyWith('groupbuy', 'order', (data: Record<string, unknown>) => {
    const held = server.current.myOrder;
    // A request id seen before was placed, so the household holds that order.
    if (seen.has(data.requestId) && held) return ok(held);
    const version = held?.version ?? 0;
    if (data.baseVersion !== version) return fail('CONFLICT', '家人刚刚修改了本户的订单，请查看后再改');
    seen.add(data.requestId);
    const lines = (data.lines as { itemId: string; qty: number }[]).map((l): [string, number] => [l.itemId, l.qty]);
    const placed = myOrder(lines, { version: version + 1 });
    server.current = batch({ myOrder: placed });
    return ok(placed);
  });
  return server;
}

test('a submit sends the chosen lines with a request id; a double tap is one order, a resend the same id', async () => {
  serveOrders();
  const page = await openPage(id, { id: 'b1' });
  await tapNth(page, '.plus', 0);
  await tapNth(page, '.plus', 0);
  await tapNth(page, '.plus', 1);
  const submit = page.querySelector('.submit')!;
  submit.dispatchEvent('tap');
  submit.dispatchEvent('tap');
  await simulate.sleep(20);
  expect(orderCalls()).toHaveLength(1);
  expect(orderCalls()[0].data).toEqual({
    action: 'order',
    batchId: 'b1',
    requestId: expect.stringMatching(/^mp-/),
    baseVersion: 0,
    lines: [
      { itemId: 'i1', qty: 2 },
      { itemId: 'i2', qty: 1 },
    ],
  });
  expect(toasts).toEqual(['下单成功']);
  expect(textOf(page, '.submit')).toBe('修改订单');
  expect(qtys(page)).toEqual(['2', '1', '0']);

  await tap(page, '.submit');
  expect(orderCalls()[1].data.requestId).toBe(orderCalls()[0].data.requestId);
  await tapNth(page, '.minus', 0);
  await tap(page, '.submit');
  expect(orderCalls()[2].data).toMatchObject({
    baseVersion: 1,
    lines: [
      { itemId: 'i1', qty: 1 },
      { itemId: 'i2', qty: 1 },
    ],
  });
  expect(orderCalls()[2].data.requestId).not.toBe(orderCalls()[0].data.requestId);
  expect(toasts).toEqual(['下单成功', '订单已修改', '订单已修改']);
  expect(qtys(page)).toEqual(['1', '1', '0']);
});

test('a family member’s newer change is not overwritten: the message and their order are shown', async () => {
  const server = serveOrders(batch({ myOrder: myOrder([['i1', 1]], { version: 1 }) }));
  const page = await openPage(id, { id: 'b1' });
  server.current = batch({ myOrder: myOrder([['i2', 2]], { version: 2 }) });
  await tapNth(page, '.plus', 0);
  await tap(page, '.submit');
  await simulate.sleep(10);
  expect(orderCalls()[0].data).toMatchObject({ baseVersion: 1, lines: [{ itemId: 'i1', qty: 2 }] });
  expect(toasts).toEqual(['家人刚刚修改了本户的订单，请查看后再改']);
  expect(qtys(page)).toEqual(['0', '2', '0']);
  await tapNth(page, '.plus', 0);
  await tap(page, '.submit');
  expect(orderCalls()[1].data).toMatchObject({
    baseVersion: 2,
    lines: [
      { itemId: 'i1', qty: 1 },
      { itemId: 'i2', qty: 2 },
    ],
  });
  expect(toasts[1]).toBe('订单已修改');
});

test('when stock ran out meanwhile, the server’s message is shown and the batch reloaded', async () => {
  let loads = 0;
  replyWith('groupbuy', 'batch', () => {
    loads += 1;
    if (loads === 1) return ok(batch());
    const items = batch().items.map((i) => (i.id === 'i1' ? { ...i, remaining: 1 } : i));
    return ok(batch({ items }));
  });
  replyWith('groupbuy', 'order', {
    code: 'RESOURCE_EXHAUSTED',
    data: null,
    message: '青菜库存不足，仅剩 1斤',
    field: 'lines.i1',
  });
  const page = await openPage(id, { id: 'b1' });
  await tapNth(page, '.plus', 0);
  await tapNth(page, '.plus', 0);
  await tap(page, '.submit');
  await simulate.sleep(10);
  expect(toasts).toEqual(['青菜库存不足，仅剩 1斤']);
  expect(loads).toBe(2);
  expect(textsOf(page, '.remaining')[0]).toBe('剩余 1斤');
  expect(qtys(page)).toEqual(['1', '0', '0']);
  expect(textOf(page, '.item-hint')).toBe('库存已不足，最多 1斤');
});

test('a placed order can be cancelled after confirming', async () => {
  const placed = myOrder([['i2', 1]]);
  let current = batch({ myOrder: placed });
  replyWith('groupbuy', 'batch', () => ok(current));
  replyWith('groupbuy', 'cancel', () => {
    const cancelled: MyOrder = { ...placed, state: 'cancelled' };
    current = batch({ myOrder: cancelled });
    return ok(cancelled);
  });
  const page = await openPage(id, { id: 'b1' });
  modal = { confirm: false, content: '' };
  await tap(page, '.cancel-order');
  expect(cloudCalls().some((c) => c.data.action === 'cancel')).toBe(false);
  modal = { confirm: true, content: '' };
  await tap(page, '.cancel-order');
  await simulate.sleep(10);
  expect(cloudCalls().find((c) => c.data.action === 'cancel')!.data).toEqual({
    action: 'cancel',
    batchId: 'b1',
    requestId: expect.stringMatching(/^mp-/),
  });
  expect(toasts).toEqual(['订单已取消']);
  expect(textOf(page, '.submit')).toBe('提交订单');
  expect(qtys(page)).toEqual(['0', '0', '0']);
});

test('the share card opens the server’s share path, titled with the cut-off', async () => {
  replyWith('groupbuy', 'batch', ok(batch({ sharePath: '/pages/batch/batch?id=b1&from=share' })));
  const page = await openPage(id, { id: 'b1' });
  expect(shareMenu).toEqual([{ withShareTicket: true, menus: ['shareAppMessage'] }]);
  const card = (page.instance as unknown as { onShareAppMessage: () => unknown }).onShareAppMessage();
  expect(card).toEqual({
    title: '春华苑 2月16日 蔬菜鸡蛋团购 截单 2月15日 20:00',
    path: '/pages/batch/batch?id=b1&from=share',
  });
});

test('a batch of another enclosure shows the refusal', async () => {
  replyWith('groupbuy', 'batch', {
    code: 'PERMISSION_DENIED',
    data: null,
    message: '该团购不属于您所在的围合区',
  });
  const page = await openPage(id, { id: 'b9' });
  expect(textOf(page, '.state >>> .error-text')).toBe('该团购不属于您所在的围合区');
  expect(page.querySelector('.submit')).toBeUndefined();
});

test('an organiser closes early, then opens the pick list, and cancels only with a reason', async () => {
  const opened: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
  let current = batch({ canManage: true });
  replyWith('groupbuy', 'batch', () => ok(current));
  replyWith('groupbuy', 'close', () => {
    current = batch({ canManage: true, phase: 'locked', phaseText: '已截单' });
    return ok(summary(current));
  });
  replyWith('groupbuy', 'cancelBatch', (data: Record<string, unknown>) => {
    current = batch({ canManage: true, phase: 'cancelled', phaseText: '已取消', cancelReason: String(data.reason) });
    return ok({ ...summary(current), cancelledOrders: 4 });
  });
  const page = await openPage(id, { id: 'b1' });
  expect(page.querySelector('.picklist')).toBeUndefined();
  await tap(page, '.close-batch');
  await simulate.sleep(10);
  expect(cloudCalls().find((c) => c.data.action === 'close')!.data).toEqual({ action: 'close', batchId: 'b1' });
  expect(textOf(page, '.notice.locked')).toContain('已截单');
  expect(page.querySelector('.close-batch')).toBeUndefined();
  await tap(page, '.picklist');
  expect(opened).toEqual(['/pages/picklist/picklist?id=b1']);

  modal = { confirm: true, content: '  ' };
  await tap(page, '.cancel-batch');
  expect(toasts).toEqual(['已截单', '请填写取消原因']);
  expect(cloudCalls().some((c) => c.data.action === 'cancelBatch')).toBe(false);
  modal = { confirm: true, content: '供应商无法按时供货' };
  await tap(page, '.cancel-batch');
  await simulate.sleep(10);
  expect(cloudCalls().find((c) => c.data.action === 'cancelBatch')!.data).toEqual({
    action: 'cancelBatch',
    batchId: 'b1',
    reason: '供应商无法按时供货',
  });
  expect(toasts[2]).toBe('团购已取消，4 笔订单已撤销');
  expect(textOf(page, '.cancel-reason')).toBe('原因：供应商无法按时供货');
  // The buttons say what they do: 取消 / 确定 would read as "cancel the batch" on the wrong one.
  expect(dialogs.map((d) => [d.title, d.confirmText, d.cancelText])).toEqual([
    ['提前截单', '截单', '暂不截单'],
    ['取消团购', '取消团购', '不取消'],
    ['取消团购', '取消团购', '不取消'],
  ]);
});

/** The page shown again after its first show: back from sharing the batch or from the pick list. */
function showAgain(page: Rendered) {
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  shown.onShow();
  return simulate.sleep(10);
}

test('shown again, the stock is as it is now and a choice not yet sent stays, cut down to what is left', async () => {
  const server = { current: batch() };
  replyWith('groupbuy', 'batch', () => ok(server.current));
  const page = await openPage(id, { id: 'b1' });
  await tapNth(page, '.plus', 0);
  await tapNth(page, '.plus', 0);
  await tapNth(page, '.plus', 1);
  await tapNth(page, '.plus', 1);
  const items = batch().items.map((i) => (i.id === 'i2' ? { ...i, remaining: 1 } : i));
  server.current = batch({ items });
  await showAgain(page);
  expect(cloudCalls().filter((c) => c.data.action === 'batch')).toHaveLength(2);
  expect(textsOf(page, '.remaining')).toEqual(['剩余 40斤', '剩余 1盒', '剩余 0袋']);
  expect(qtys(page)).toEqual(['2', '1', '0']);
  expect(textOf(page, '.item-hint')).toBe('库存已不足，最多 1盒');
  expect(textOf(page, '.total-amount')).toBe('¥19.90');
});

test('shown again after a family member changed our order, theirs is shown and is what a change starts from', async () => {
  const server = serveOrders(batch({ myOrder: myOrder([['i1', 1]], { version: 1 }) }));
  const page = await openPage(id, { id: 'b1' });
  await tapNth(page, '.plus', 0);
  server.current = batch({ myOrder: myOrder([['i2', 2]], { version: 2 }) });
  await showAgain(page);
  expect(qtys(page)).toEqual(['0', '2', '0']);
  await tapNth(page, '.plus', 0);
  await tap(page, '.submit');
  expect(orderCalls()[0].data).toMatchObject({
    baseVersion: 2,
    lines: [
      { itemId: 'i1', qty: 1 },
      { itemId: 'i2', qty: 2 },
    ],
  });
  expect(toasts).toEqual(['订单已修改']);
});
