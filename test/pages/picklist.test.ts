/** 拣货单 rendered with miniprogram-simulate: supplier totals, buildings and doors, arrival, complaints. */
import simulate from 'miniprogram-simulate';
import type { ComplaintView, PickListView } from '../../typings';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('picklist/picklist');

function pickList(overrides: Partial<PickListView> = {}): PickListView {
  return {
    batchId: 'b1',
    title: '春华苑 2月16日 蔬菜鸡蛋团购',
    orderCount: 3,
    totalFen: 4680,
    totalText: '¥46.80',
    itemTotals: [
      { itemId: 'i1', name: '青菜', unit: '斤', qty: 6, amountFen: 2100 },
      { itemId: 'i2', name: '土鸡蛋', unit: '盒', qty: 2, amountFen: 2580 },
    ],
    buildings: [
      {
        buildingId: 'bld-2',
        buildingName: '2栋',
        totalFen: 1990,
        itemTotals: [
          { itemId: 'i1', name: '青菜', unit: '斤', qty: 2, amountFen: 700 },
          { itemId: 'i2', name: '土鸡蛋', unit: '盒', qty: 1, amountFen: 1290 },
        ],
        doors: [
          {
            orderId: 'o1',
            door: '1单元301室',
            maskedName: '赵*',
            lines: [
              { name: '青菜', qty: 2, unit: '斤' },
              { name: '土鸡蛋', qty: 1, unit: '盒' },
            ],
            totalFen: 1990,
            contactless: true,
            volunteerName: '志愿者小周',
            delivery: 'pending',
            label: '【无接触配送】2栋1单元301室 赵*：青菜×2斤、土鸡蛋×1盒',
          },
        ],
      },
      {
        buildingId: 'bld-3',
        buildingName: '3栋',
        totalFen: 2690,
        itemTotals: [
          { itemId: 'i1', name: '青菜', unit: '斤', qty: 4, amountFen: 1400 },
          { itemId: 'i2', name: '土鸡蛋', unit: '盒', qty: 1, amountFen: 1290 },
        ],
        doors: [
          {
            orderId: 'o2',
            door: '2单元501室',
            maskedName: '李*华',
            lines: [{ name: '青菜', qty: 3, unit: '斤' }],
            totalFen: 1050,
            contactless: false,
            volunteerName: null,
            delivery: 'pending',
            label: '3栋2单元501室 李*华：青菜×3斤',
          },
          {
            orderId: 'o3',
            door: '2单元502室',
            maskedName: '王*',
            lines: [
              { name: '青菜', qty: 1, unit: '斤' },
              { name: '土鸡蛋', qty: 1, unit: '盒' },
            ],
            totalFen: 1640,
            contactless: true,
            volunteerName: null,
            delivery: 'pending',
            label: '【无接触配送】3栋2单元502室 王*：青菜×1斤、土鸡蛋×1盒',
          },
        ],
      },
    ],
    contactlessCount: 2,
    unassigned: 1,
    ...overrides,
  };
}

const complaint: ComplaintView = {
  orderId: 'o2',
  address: '3栋2单元501室',
  maskedName: '李*华',
  reason: 'short',
  reasonText: '缺斤少两',
  detail: '青菜少了半斤',
  photoFileId: 'cloud://env-1/complaints/o2-1581822000000.jpg',
  at: '2020-02-16T03:00:00.000Z',
  answer: null,
};

let toasts: string[];
beforeEach(() => {
  toasts = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showToast = ({ title }: { title: string }) => toasts.push(title);
  wxMock.showModal = async () => ({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' });
});

test('the supplier totals, then each building’s doors; isolated doors are flagged with their volunteer', async () => {
  replyWith('groupbuy', 'pickList', ok(pickList()));
  replyWith('groupbuy', 'complaints', ok([]));
  const page = await openPage(id, { id: 'b1' });
  expect(cloudCalls().map((c) => c.data)).toEqual([
    { action: 'pickList', batchId: 'b1' },
    { action: 'complaints', batchId: 'b1' },
  ]);
  expect(textOf(page, '.summary')).toBe('共 3 户 · 合计 ¥46.80');
  expect(textOf(page, '.unassigned')).toBe('有 1 户隔离住户暂无志愿者配送，请联系网格员安排');
  expect(textsOf(page, '.total-qty')).toEqual(['6斤', '2盒']);
  expect(textsOf(page, '.total-amount')).toEqual(['¥21.00', '¥25.80']);
  expect(textsOf(page, '.building-name')).toEqual(['2栋', '3栋']);
  expect(textsOf(page, '.building-summary')).toEqual([
    '1 户 · ¥19.90 · 青菜2斤、土鸡蛋1盒',
    '2 户 · ¥26.90 · 青菜4斤、土鸡蛋1盒',
  ]);
  expect(textsOf(page, '.door-no')).toEqual(['1单元301室', '2单元501室', '2单元502室']);
  expect(textsOf(page, '.door-lines')).toEqual(['青菜 ×2斤、土鸡蛋 ×1盒', '青菜 ×3斤', '青菜 ×1斤、土鸡蛋 ×1盒']);
  expect(textsOf(page, '.contactless-tag')).toEqual(['【无接触】', '【无接触】']);
  expect(textsOf(page, '.volunteer')).toEqual(['配送：志愿者小周', '待安排志愿者']); // the name said once
  expect(page.querySelectorAll('.door').map((d) => d.dom!.className.includes('contactless'))).toEqual([
    true,
    false,
    true,
  ]);
  expect(textsOf(page, '.door-label')[1]).toBe('3栋2单元501室 李*华：青菜×3斤');
  expect(textOf(page, '.empty-complaints')).toBe('暂无投诉');
});

test('货已到取货点 tells the households and says how many', async () => {
  let arrived = false;
  replyWith('groupbuy', 'pickList', () => {
    const view = pickList({ unassigned: 0 });
    if (arrived)
      for (const b of view.buildings) for (const d of b.doors) d.delivery = d.contactless ? 'pending' : 'ready';
    return ok(view);
  });
  replyWith('groupbuy', 'complaints', ok([]));
  replyWith('groupbuy', 'arrived', () => {
    arrived = true;
    return ok({ ready: 1 });
  });
  const page = await openPage(id, { id: 'b1' });
  expect(page.querySelector('.unassigned')).toBeUndefined();
  await tap(page, '.arrived');
  await simulate.sleep(10);
  expect(cloudCalls().find((c) => c.data.action === 'arrived')!.data).toEqual({ action: 'arrived', batchId: 'b1' });
  expect(toasts).toEqual(['已通知 1 户取货']);
  expect(textsOf(page, '.door-state')).toEqual(['待取货']);
});

test('a complaint is answered from the pick list; an empty answer is not sent', async () => {
  replyWith('groupbuy', 'pickList', ok(pickList()));
  replyWith('groupbuy', 'complaints', ok([complaint]));
  replyWith('groupbuy', 'answer', (data: Record<string, unknown>) => ok({ ...complaint, answer: String(data.answer) }));
  const page = await openPage(id, { id: 'b1' });
  expect(textOf(page, '.complaint-who')).toBe('3栋2单元501室 李*华 · 缺斤少两');
  expect(textOf(page, '.complaint-detail')).toBe('青菜少了半斤');
  await tap(page, '.answer');
  expect(toasts).toEqual(['请填写答复']);
  expect(cloudCalls().some((c) => c.data.action === 'answer')).toBe(false);
  page.querySelector('.answer-input')!.dispatchEvent('input', { detail: { value: '已联系供应商，明天补送半斤' } });
  await simulate.sleep(5);
  await tap(page, '.answer');
  expect(cloudCalls().find((c) => c.data.action === 'answer')!.data).toEqual({
    action: 'answer',
    orderId: 'o2',
    answer: '已联系供应商，明天补送半斤',
  });
  expect(textOf(page, '.complaint-answer')).toBe('已答复：已联系供应商，明天补送半斤');
  expect(page.querySelector('.answer-input')).toBeUndefined();
});

test('typing an answer to a complaint, staff still see what the box is for: a label names it, the placeholder is an example', async () => {
  replyWith('groupbuy', 'pickList', ok(pickList()));
  replyWith('groupbuy', 'complaints', ok([complaint]));
  const page = await openPage(id, { id: 'b1' });
  expect(formFields(page, '.complaint')).toEqual({ labels: [['answer-input', '答复住户']], namedByPlaceholder: [] });
});

test('a pick list refused to someone who does not manage the batch shows why', async () => {
  replyWith('groupbuy', 'pickList', {
    code: 'PERMISSION_DENIED',
    data: null,
    message: '只有本团团长或网格员可以查看拣货单',
  });
  replyWith('groupbuy', 'complaints', {
    code: 'PERMISSION_DENIED',
    data: null,
    message: '只有本团团长或网格员可以查看拣货单',
  });
  const page = await openPage(id, { id: 'b1' });
  expect(textOf(page, '.state >>> .error-text')).toBe('只有本团团长或网格员可以查看拣货单');
  expect(onScreen(page, '.arrived')).toBe(false);
  // Made organiser meanwhile: 重试 shows the pick list.
  replyWith('groupbuy', 'pickList', ok(pickList()));
  replyWith('groupbuy', 'complaints', ok([]));
  await tap(page, '.state >>> .retry');
  expect(onScreen(page, '.arrived')).toBe(true);
  expect(textOf(page, '.summary')).toBe('共 3 户 · 合计 ¥46.80');
});

test('shown again, the pick list has the complaint a household sent meanwhile', async () => {
  replyWith('groupbuy', 'pickList', ok(pickList()));
  replyWith('groupbuy', 'complaints', ok([]));
  const page = await openPage(id, { id: 'b1' });
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  replyWith('groupbuy', 'complaints', ok([complaint]));
  shown.onShow();
  await simulate.sleep(10);
  expect(
    cloudCalls()
      .filter((c) => c.data.action === 'complaints')
      .pop()!.data,
  ).toEqual({
    action: 'complaints',
    batchId: 'b1',
  });
  expect(textOf(page, '.complaint-who')).toBe('3栋2单元501室 李*华 · 缺斤少两');
  expect(page.querySelector('.empty-complaints')).toBeUndefined();
});
