/** 我的订单 rendered with miniprogram-simulate: confirming receipt and complaining, with a photo. */
import simulate from 'miniprogram-simulate';
import type { ComplaintView, MyOrder } from '../../typings';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('myorders/myorders');

function order(overrides: Partial<MyOrder> = {}): MyOrder {
  return {
    id: 'o1',
    version: 1,
    batchId: 'b1',
    batchTitle: '春华苑 2月16日 蔬菜鸡蛋团购',
    lines: [
      { itemId: 'i1', name: '青菜', unit: '斤', qty: 2, priceFen: 350, subtotalFen: 700 },
      { itemId: 'i2', name: '土鸡蛋', unit: '盒', qty: 1, priceFen: 1290, subtotalFen: 1290 },
    ],
    totalFen: 1990,
    totalText: '¥19.90',
    state: 'placed',
    delivery: 'delivered',
    deliveryStateText: '志愿者已送到门口',
    contactless: true,
    cutoffText: '2月15日 20:00',
    deliveryText: '2月16日 09:00–12:00',
    pickupPoint: '3栋北门快递柜旁',
    canChange: false,
    complaint: null,
    cancelReason: null,
    ...overrides,
  };
}

const complaint = (overrides: Partial<ComplaintView> = {}): ComplaintView => ({
  orderId: 'o1',
  address: '3栋2单元501室',
  maskedName: '李*华',
  reason: 'short',
  reasonText: '缺斤少两',
  detail: '青菜少了半斤',
  photoFileId: null,
  at: '2020-02-16T03:00:00.000Z',
  answer: null,
  ...overrides,
});

let toasts: string[];
let uploads: { cloudPath: string; filePath: string }[];
beforeEach(() => {
  toasts = [];
  uploads = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showToast = ({ title }: { title: string }) => toasts.push(title);
  wxMock.chooseMedia = async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', fileType: 'image' }] });
  (wxMock.cloud as Record<string, unknown>).uploadFile = async (p: { cloudPath: string; filePath: string }) => {
    uploads.push(p);
    return { fileID: `cloud://env-1/${p.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
});

async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}

test('orders show their lines, total and delivery; a delivered one is confirmed as received', async () => {
  replyWith(
    'groupbuy',
    'myOrders',
    ok([
      order(),
      order({
        id: 'o2',
        batchId: 'b2',
        batchTitle: '春华苑 2月18日 水果团购',
        delivery: 'pending',
        deliveryStateText: '待配送',
        contactless: false,
        canChange: true,
      }),
    ]),
  );
  replyWith('groupbuy', 'confirm', ok(order({ delivery: 'received', deliveryStateText: '已收货' })));
  const page = await openPage(id);
  expect(textsOf(page, '.order-line')).toEqual(['青菜 ×2斤', '土鸡蛋 ×1盒', '青菜 ×2斤', '土鸡蛋 ×1盒']);
  expect(textsOf(page, '.delivery-state')).toEqual(['志愿者已送到门口', '待配送']);
  expect(textsOf(page, '.contactless')).toEqual(['隔离住户由志愿者送货上门 · 2月16日 09:00–12:00']);
  expect(textOf(page, '.pickup')).toBe('取货点：3栋北门快递柜旁 · 2月16日 09:00–12:00');
  // Only the delivered order can be confirmed or complained about.
  expect(page.querySelectorAll('.confirm')).toHaveLength(1);
  expect(page.querySelectorAll('.complain')).toHaveLength(1);
  await tap(page, '.confirm');
  expect(cloudCalls()[1]).toEqual({ name: 'groupbuy', data: { action: 'confirm', orderId: 'o1' } });
  expect(toasts).toEqual(['已确认收货']);
  expect(textsOf(page, '.delivery-state')).toEqual(['已收货', '待配送']);
  expect(page.querySelector('.confirm')).toBeUndefined();
});

test('a complaint needs a description, then goes with its reason and photo; the answer is awaited', async () => {
  replyWith('groupbuy', 'myOrders', ok([order({ delivery: 'received', deliveryStateText: '已收货' })]));
  replyWith('groupbuy', 'complain', (data: Record<string, unknown>) =>
    ok(
      complaint({
        reason: 'missing',
        reasonText: '漏送',
        detail: String(data.detail),
        photoFileId: String(data.photoFileId),
      }),
    ),
  );
  const page = await openPage(id);
  await tap(page, '.complain');
  await tap(page, '.submit-complaint');
  expect(textOf(page, '.error-detail')).toBe('请描述遇到的问题');
  expect(cloudCalls()).toHaveLength(1);

  page.querySelector('.reason-picker')!.dispatchEvent('change', { detail: { value: 3 } });
  await simulate.sleep(5);
  expect(textOf(page, '.reason')).toBe('问题类型：漏送 ▾');
  await type(page, '.detail', '鸡蛋没有送到');
  await tap(page, '.photo');
  expect(uploads).toEqual([
    { cloudPath: expect.stringMatching(/^complaints\/o1-\d+\.jpg$/), filePath: 'wxfile://tmp/photo-1.jpg' },
  ]);
  expect(textOf(page, '.photo')).toBe('已附照片，点此更换');
  await tap(page, '.submit-complaint');
  expect(cloudCalls()[1].data).toEqual({
    action: 'complain',
    orderId: 'o1',
    reason: 'missing',
    detail: '鸡蛋没有送到',
    photoFileId: `cloud://env-1/${uploads[0].cloudPath}`,
  });
  expect(page.querySelector('.complaint-form')).toBeUndefined();
  expect(page.querySelector('.complain')).toBeUndefined();
  expect(textOf(page, '.complaint-text')).toBe('投诉（漏送）：鸡蛋没有送到');
  expect(textOf(page, '.complaint-answer')).toBe('等待团长答复');
});

test('when the photo cannot be uploaded the complaint is sent without it; server errors show by field', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const wxMock = (globalThis as unknown as { wx: { cloud: Record<string, unknown> } }).wx;
  wxMock.cloud.uploadFile = async () => {
    throw new Error('uploadFile:fail');
  };
  replyWith('groupbuy', 'myOrders', ok([order()]));
  replyWith('groupbuy', 'complain', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '问题描述最多 200 字',
    field: 'detail',
    errors: [{ field: 'detail', message: '问题描述最多 200 字' }],
  });
  const page = await openPage(id);
  await tap(page, '.complain');
  await type(page, '.detail', '太长'.repeat(120));
  await tap(page, '.photo');
  expect(logged).toHaveBeenCalledWith(
    expect.stringMatching(/^\[storage\] upload to complaints\/o1-/),
    expect.any(Error),
  );
  expect(toasts).toEqual(['照片上传失败，可不附照片提交']);
  await tap(page, '.submit-complaint');
  expect(cloudCalls()[1].data).not.toHaveProperty('photoFileId');
  expect(textOf(page, '.error-detail')).toBe('问题描述最多 200 字');
  expect(page.querySelector('.complaint-form')).toBeDefined();
  logged.mockRestore();
});

test('an answered complaint shows the organiser’s answer; a cancelled order says so', async () => {
  replyWith(
    'groupbuy',
    'myOrders',
    ok([
      order({ delivery: 'received', deliveryStateText: '已收货', complaint: complaint({ answer: '已补送半斤青菜' }) }),
      order({ id: 'o2', state: 'cancelled', delivery: 'pending', deliveryStateText: '已取消' }),
    ]),
  );
  const page = await openPage(id);
  expect(textOf(page, '.complaint-answer')).toBe('团长答复：已补送半斤青菜');
  expect(textsOf(page, '.delivery-state')).toEqual(['已收货', '已取消']);
  expect(page.querySelector('.complain')).toBeUndefined();
  expect(page.querySelector('.confirm')).toBeUndefined();
});

test('an order of a cancelled batch shows the organiser’s reason and neither pickup point nor slot', async () => {
  replyWith(
    'groupbuy',
    'myOrders',
    ok([
      order({
        state: 'cancelled',
        delivery: 'pending',
        deliveryStateText: '已取消',
        contactless: false,
        cancelReason: '供应商无法按时供货',
      }),
      // Cancelled by the household itself: no reason to give.
      order({ id: 'o2', state: 'cancelled', delivery: 'pending', deliveryStateText: '已取消', contactless: false }),
    ]),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.delivery-state')).toEqual(['已取消', '已取消']);
  expect(textsOf(page, '.cancel-reason')).toEqual(['团购已取消，原因：供应商无法按时供货']);
  expect(page.querySelector('.pickup')).toBeUndefined();
  expect(page.querySelector('.contactless')).toBeUndefined();
});

test('an isolated household’s pending order is brought to the door, not collected', async () => {
  replyWith(
    'groupbuy',
    'myOrders',
    ok([order({ delivery: 'pending', deliveryStateText: '待配送', contactless: true, canChange: true })]),
  );
  const page = await openPage(id);
  expect(textOf(page, '.contactless')).toBe('隔离住户由志愿者送货上门 · 2月16日 09:00–12:00');
  expect(page.querySelector('.pickup')).toBeUndefined();
});

test('back from the batch page, the order as changed there is shown', async () => {
  replyWith('groupbuy', 'myOrders', ok([order({ delivery: 'pending', deliveryStateText: '待配送', canChange: true })]));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  const lines = [{ itemId: 'i1', name: '青菜', unit: '斤', qty: 3, priceFen: 350, subtotalFen: 1050 }];
  replyWith(
    'groupbuy',
    'myOrders',
    ok([order({ version: 2, lines, totalFen: 1050, totalText: '¥10.50', delivery: 'pending', canChange: true })]),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.order-line')).toEqual(['青菜 ×3斤']);
  expect(textOf(page, '.order-total')).toBe('合计 ¥10.50');
});

test('no orders says so; a refusal is shown with 重试', async () => {
  replyWith('groupbuy', 'myOrders', { code: 'UNAUTHENTICATED', data: null, message: '请先完成住户登记' });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('请先完成住户登记');
  replyWith('groupbuy', 'myOrders', ok([]));
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.state >>> .empty')).toBe('还没有团购订单');
});
