/** 隔离名单 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const rosterPage = loadPage('roster/roster');

test('the grid worker’s roster shows who is overdue (phone masked) and decides on a waiting isolation', async () => {
  replyWith('quarantine', 'roster', {
    code: 0,
    message: 'ok',
    data: {
      missed: [
        { residentId: 'r1', maskedName: '王*', address: '2栋1单元301室', phoneMasked: '138****5678', overdueHours: 5 },
      ],
      alerts: [],
      awaitingDecision: [
        {
          residentId: 'r2',
          maskedName: '李*华',
          address: '2栋1单元502室',
          phoneMasked: null,
          orderId: 'o2',
          text: '所在单元隔离',
          plannedEnd: '2020-02-24T16:00:00.000Z',
          why: '最后2次测温缺1次',
        },
      ],
    },
  });
  replyWith('quarantine', 'decide', {
    code: 0,
    message: 'ok',
    data: { orderId: 'o2', state: 'extended', colour: 'red' },
  });
  const page = await openPage(rosterPage);
  expect(textsOf(page, '.missed .who')).toEqual(['王* · 2栋1单元301室']);
  expect(textOf(page, '.missed .overdue')).toBe('已超时 5 小时 · 138****5678');
  await tap(page, '.extend');
  expect(cloudCalls().find((c) => c.data.action === 'decide')!.data).toEqual({
    action: 'decide',
    requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    orderId: 'o2',
    decision: 'extend',
    why: '测温异常，延长观察',
    days: 3,
  });
  expect(textOf(page, '.message')).toBe('已延长隔离 3 天');
});

test('shown again, the roster has whoever missed a check-in meanwhile', async () => {
  replyWith('quarantine', 'roster', ok({ missed: [], alerts: [], awaitingDecision: [] }));
  const page = await openPage(rosterPage);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textsOf(page, '.section-title')[0]).toBe('未按时打卡（0）');

  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [{ residentId: 'r5', maskedName: '孙*', address: '2栋1单元601室', phoneMasked: null, overdueHours: 1 }],
      alerts: [],
      awaitingDecision: [],
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.section-title')[0]).toBe('未按时打卡（1）');
  expect(textOf(page, '.missed .overdue')).toBe('已超时 1 小时 · 无手机（由户主代报）');
});
