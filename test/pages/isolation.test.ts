/** 隔离打卡 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { MyIsolation } from '../../typings';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const isolation = loadPage('isolation/isolation');

const mine = (overrides: Partial<MyIsolation> = {}) =>
  ok<MyIsolation>({
    residentId: 'res-1',
    isolated: true,
    orders: [
      {
        text: '所在单元隔离：2栋1单元出现确诊病例',
        plannedEnd: '2020-02-24T16:00:00.000Z',
        daysLeft: 9,
        state: 'active',
        awaitingDecision: false,
      },
    ],
    window: { start: '2020-02-15T09:00:00.000Z', end: '2020-02-15T12:00:00.000Z' },
    checkedIn: false,
    next: '2020-02-15T23:00:00.000Z',
    reminderTemplateId: 'TPL-CHECKIN',
    ...overrides,
  });

test('an isolated resident sees why, until when and how many days are left, and checks in', async () => {
  replyWith('quarantine', 'mine', mine());
  replyWith('quarantine', 'checkin', {
    code: 0,
    message: 'ok',
    data: { duplicate: false, alerted: true, status: null },
  });
  const page = await openPage(isolation);
  expect(textOf(page, '.order-text')).toBe('所在单元隔离：2栋1单元出现确诊病例');
  expect(textOf(page, '.order-end')).toBe('预计 2月25日 00:00 解除，还剩 9 天');
  expect(textOf(page, '.window')).toBe('本次打卡时段至 20:00');
  page.querySelector('.temperature')!.dispatchEvent('input', { detail: { value: '37.9' } });
  await simulate.sleep(5);
  await tap(page, '.checkin');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'checkin', temperature: 37.9, symptoms: [] } });
  expect(textOf(page, '.message')).toBe('体温或症状异常，网格员将尽快联系您');
});

test('outside a window the page says when the next one opens and offers no form', async () => {
  replyWith('quarantine', 'mine', mine({ window: null }));
  const page = await openPage(isolation);
  expect(textOf(page, '.window')).toBe('下次打卡：2月16日 07:00');
  expect(page.querySelector('.checkin')).toBeUndefined();
});

test('a tap on 开启下次打卡提醒 asks WeChat for one message and, if accepted, records the grant', async () => {
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.requestSubscribeMessage = async ({
    tmplIds,
  }: {
    tmplIds: string[];
  }) => ({ [tmplIds[0]]: 'accept', errMsg: 'requestSubscribeMessage:ok' });
  replyWith('quarantine', 'mine', mine());
  replyWith('quarantine', 'subscribe', { code: 0, message: 'ok', data: { remaining: 1 } });
  const page = await openPage(isolation);
  await tap(page, '.subscribe');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'subscribe', accepted: 1 } });
  expect(textOf(page, '.message')).toBe('将在下次打卡时段提醒您（剩余 1 次）');
});

test('someone not isolated is told so, and sees no check-in', async () => {
  replyWith('quarantine', 'mine', mine({ isolated: false, orders: [], window: null }));
  const page = await openPage(isolation, { residentId: 'res-2' });
  expect(cloudCalls()[0]).toEqual({ name: 'quarantine', data: { action: 'mine', residentId: 'res-2' } });
  expect(textOf(page, '.state >>> .empty')).toBe('当前无需居家隔离');
  expect(page.querySelector('.checkin')).toBeUndefined();
});

test('back on the page once the check-in window has opened, the form is offered', async () => {
  replyWith('quarantine', 'mine', mine({ window: null }));
  const page = await openPage(isolation);
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(page.querySelector('.checkin')).toBeUndefined();
  replyWith('quarantine', 'mine', mine());
  instance.onShow(); // the app reopened at 17:00, in the window
  await simulate.sleep(10);
  expect(textOf(page, '.window')).toBe('本次打卡时段至 20:00');
  expect(page.querySelector('.checkin')).toBeDefined();
});
