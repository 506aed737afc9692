/** 团购配送 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { DeliveryTask } from '../../typings';
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('deliveries/deliveries');

const task = (overrides: Partial<DeliveryTask> = {}): DeliveryTask => ({
  orderId: 'o1',
  batchTitle: '春华苑 2月16日 蔬菜鸡蛋团购',
  address: '2栋1单元301室',
  maskedName: '赵*',
  contents: '青菜×2斤、土鸡蛋×1盒',
  deliveryText: '2月16日 09:00–12:00',
  delivery: 'pending',
  residentId: 'r1',
  phoneMasked: '139****1234',
  ...overrides,
});

let toasts: string[];
beforeEach(() => {
  toasts = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showToast = ({ title }: { title: string }) =>
    toasts.push(title);
});

test('a volunteer sees where to leave each bag, marks one delivered, and the list is re-read', async () => {
  const done = new Set<string>();
  replyWith('groupbuy', 'deliveries', () => ({
    code: 0,
    message: 'ok',
    data: [
      task(),
      task({ orderId: 'o3', address: '3栋2单元502室', maskedName: '王*', contents: '青菜×1斤、土鸡蛋×1盒' }),
    ].filter((t) => !done.has(t.orderId)),
  }));
  replyWith('groupbuy', 'delivered', (data: Record<string, unknown>) => {
    done.add(String(data.orderId));
    return { code: 0, message: 'ok', data: { orderId: String(data.orderId), delivery: 'delivered' } };
  });
  const page = await openPage(id);
  expect(textsOf(page, '.address')).toEqual(['2栋1单元301室 · 赵*', '3栋2单元502室 · 王*']);
  expect(textsOf(page, '.contents')).toEqual(['青菜×2斤、土鸡蛋×1盒', '青菜×1斤、土鸡蛋×1盒']);
  expect(textOf(page, '.deliver')).toBe('已送达（放门口）');
  await tap(page, '.deliver');
  expect(cloudCalls().map((c) => c.data)).toEqual([
    { action: 'deliveries' },
    { action: 'delivered', orderId: 'o1' },
    { action: 'deliveries' },
  ]);
  expect(toasts).toEqual(['已送达']);
  expect(textsOf(page, '.address')).toEqual(['3栋2单元502室 · 王*']);
});

test('拨打 asks for the orderer’s number, then dials it; a household without a phone says so', async () => {
  const dialled: string[] = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.makePhoneCall = ({ phoneNumber }: { phoneNumber: string }) => dialled.push(phoneNumber);
  replyWith('groupbuy', 'deliveries', {
    code: 0,
    message: 'ok',
    data: [task(), task({ orderId: 'o3', residentId: 'r3', address: '3栋2单元502室', phoneMasked: null })],
  });
  replyWith('quarantine', 'callResident', { code: 0, message: 'ok', data: { phone: '13900001234' } });
  const page = await openPage(id);
  expect(textsOf(page, '.dial')).toEqual(['拨打 139****1234']);
  expect(textsOf(page, '.no-phone')).toEqual(['住户未登记手机号']);
  await tap(page, '.dial');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'callResident', residentId: 'r1' } });
  expect(dialled).toEqual(['13900001234']);

  replyWith('quarantine', 'callResident', { code: 'PERMISSION_DENIED', data: null, message: '仅可联系您配送的住户' });
  await tap(page, '.dial');
  expect(toasts).toEqual(['仅可联系您配送的住户']);
  expect(dialled).toHaveLength(1);
});

test('a refusal to mark delivered is shown and the list still refreshed', async () => {
  replyWith('groupbuy', 'deliveries', { code: 0, message: 'ok', data: [task({ delivery: 'ready' })] });
  replyWith('groupbuy', 'delivered', { code: 'FAILED_PRECONDITION', data: null, message: '该订单已送达或不属于您' });
  const page = await openPage(id);
  await tap(page, '.deliver');
  expect(toasts).toEqual(['该订单已送达或不属于您']);
  expect(cloudCalls().filter((c) => c.data.action === 'deliveries')).toHaveLength(2);
});

test('no tasks says so; a bag assigned meanwhile appears when the page is shown again', async () => {
  replyWith('groupbuy', 'deliveries', { code: 0, message: 'ok', data: [] });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .empty')).toBe('暂无团购配送任务');
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  replyWith('groupbuy', 'deliveries', { code: 0, message: 'ok', data: [task()] });
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.address')).toEqual(['2栋1单元301室 · 赵*']);
});

test('a refusal is shown with 重试, which loads the tasks', async () => {
  replyWith('groupbuy', 'deliveries', { code: 'PERMISSION_DENIED', data: null, message: '只有志愿者可以查看配送任务' });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('只有志愿者可以查看配送任务');
  replyWith('groupbuy', 'deliveries', { code: 0, message: 'ok', data: [task()] });
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.contents')).toBe('青菜×2斤、土鸡蛋×1盒');
});
