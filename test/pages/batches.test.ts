/** 社区团购 list rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { BatchSummary } from '../../typings';
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('batches/batches');

const summary = (overrides: Partial<BatchSummary> = {}): BatchSummary => ({
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
  ...overrides,
});

let opened: string[];
beforeEach(() => {
  opened = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
});

test('a resident sees my enclosure’s batches and opens one; no 发起团购 for them', async () => {
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: {
      batches: [
        summary(),
        summary({
          id: 'b0',
          title: '春华苑 2月14日 水果团购',
          phase: 'locked',
          phaseText: '已截单',
          cutoffText: '2月13日 20:00',
        }),
      ],
      canOrganise: false,
      doorDelivery: false,
    },
  });
  const page = await openPage(id);
  expect(cloudCalls()).toEqual([{ name: 'groupbuy', data: { action: 'batches' } }]);
  expect(textsOf(page, '.batch-title')).toEqual(['春华苑 2月16日 蔬菜鸡蛋团购', '春华苑 2月14日 水果团购']);
  expect(textsOf(page, '.phase')).toEqual(['接龙中', '已截单']);
  expect(textsOf(page, '.cutoff')).toEqual(['截单：2月15日 20:00', '截单：2月13日 20:00']);
  expect(textOf(page, '.pickup')).toBe('取货点：3栋北门快递柜旁');
  expect(page.querySelector('.organise')).toBeUndefined();
  page.querySelectorAll('.batch')[1].dispatchEvent('tap');
  await tap(page, '.myorders');
  expect(opened).toEqual(['/pages/batch/batch?id=b0', '/pages/myorders/myorders']);
});

test('an isolated household is told volunteers bring its order; a cancelled batch shows no pickup', async () => {
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: {
      batches: [summary(), summary({ id: 'b0', phase: 'cancelled', phaseText: '已取消' })],
      canOrganise: false,
      doorDelivery: true,
    },
  });
  const page = await openPage(id);
  expect(textsOf(page, '.door-delivery')).toEqual(['隔离住户由志愿者送货上门']);
  expect(page.querySelector('.pickup')).toBeUndefined();
  expect(textsOf(page, '.delivery')).toEqual(['配送：2月16日 09:00–12:00']);
});

test('an organiser with no batch yet sees the empty state and 发起团购', async () => {
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: { batches: [], canOrganise: true, doorDelivery: false },
  });
  const page = await openPage(id);
  expect(textOf(page, '.empty')).toBe('本围合区暂无团购');
  await tap(page, '.organise');
  expect(opened).toEqual(['/pages/organise/organise']);
});

test('back from 发起团购, the new batch is listed', async () => {
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: { batches: [], canOrganise: true, doorDelivery: false },
  });
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: { batches: [summary()], canOrganise: true, doorDelivery: false },
  });
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.batch-title')).toEqual(['春华苑 2月16日 蔬菜鸡蛋团购']);
  expect(page.querySelector('.empty')).toBeUndefined();
});

test('a refusal is shown and 重试 recovers', async () => {
  replyWith('groupbuy', 'batches', { code: 'UNAUTHENTICATED', data: null, message: '请先完成住户登记' });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('请先完成住户登记');
  replyWith('groupbuy', 'batches', {
    code: 0,
    message: 'ok',
    data: { batches: [summary()], canOrganise: false, doorDelivery: false },
  });
  await tap(page, '.state >>> .retry');
  expect(textsOf(page, '.batch-title')).toEqual(['春华苑 2月16日 蔬菜鸡蛋团购']);
});
