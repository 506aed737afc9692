/** 服务任务 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const tasksPage = loadPage('tasks/tasks');

test('a volunteer accepts a task, then completes it', async () => {
  let state: 'open' | 'accepted' = 'open';
  replyWith('care', 'tasks', () => ({
    code: 0,
    message: 'ok',
    data: state
      ? [
          {
            ...{
              id: 't1',
              address: '12栋2单元301室',
              maskedName: '赵*',
              kind: '代购生活物资',
              note: '大米一袋',
              state,
            },
            ...{ residentId: 'res-7', phoneMasked: '139****1234' },
          },
        ]
      : [],
  }));
  replyWith('care', 'accept', () => {
    state = 'accepted';
    return { code: 0, message: 'ok', data: { id: 't1', state: 'accepted' } };
  });
  const page = await openPage(tasksPage);
  expect(textOf(page, '.task-kind')).toBe('代购生活物资');
  expect(textOf(page, '.advance')).toBe('接单');
  await tap(page, '.advance');
  await simulate.sleep(10);
  expect(textOf(page, '.advance')).toBe('已放门口，完成');
});

const task = (id: string, kind: string) => ({
  id,
  address: '12栋2单元301室',
  maskedName: '赵*',
  kind,
  note: '',
  state: 'open' as const,
  residentId: 'res-7',
  phoneMasked: '139****1234' as string | null,
});

test('a refusal is shown with 重试, which loads the tasks', async () => {
  replyWith('care', 'tasks', { code: 'PERMISSION_DENIED', data: null, message: '只有志愿者可以查看服务任务' });
  const page = await openPage(tasksPage);
  expect(textOf(page, '.state >>> .error-text')).toBe('只有志愿者可以查看服务任务');
  replyWith('care', 'tasks', { code: 0, message: 'ok', data: [task('t1', '代购生活物资')] });
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.task-kind')).toBe('代购生活物资');
});

test('no tasks says so; a task asked for meanwhile appears when the page is shown again', async () => {
  replyWith('care', 'tasks', { code: 0, message: 'ok', data: [] });
  const page = await openPage(tasksPage);
  expect(textOf(page, '.state >>> .empty')).toBe('暂无服务任务');
  const shown = page.instance as unknown as { onShow: () => void };
  shown.onShow();
  replyWith('care', 'tasks', { code: 0, message: 'ok', data: [task('t2', '代取药品')] });
  shown.onShow();
  await simulate.sleep(10);
  expect(textOf(page, '.task-kind')).toBe('代取药品');
});

test('a task says what to fetch and dials the resident: the full number is asked for only at 拨打', async () => {
  replyWith('care', 'tasks', ok([{ ...task('t1', '代购药品'), note: '布洛芬一盒' }, task('t2', '上门收垃圾')]));
  replyWith('quarantine', 'callResident', ok({ phone: '13912341234' }));
  const dialled: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.makePhoneCall = ({
    phoneNumber,
  }: {
    phoneNumber: string;
  }) => dialled.push(phoneNumber);
  const page = await openPage(tasksPage);
  expect(textsOf(page, '.task-note')).toEqual(['需要：布洛芬一盒', '住户未备注']);
  expect(textsOf(page, '.phone-masked')).toEqual(['139****1234', '139****1234']);
  await tap(page, '.dial');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'callResident', residentId: 'res-7' } });
  expect(dialled).toEqual(['13912341234']);
});

test('no number on record says so, and a refused reveal is shown, not dialled', async () => {
  replyWith('care', 'tasks', ok([{ ...task('t1', '送餐'), phoneMasked: null }, task('t2', '送餐')]));
  replyWith('quarantine', 'callResident', fail('PERMISSION_DENIED', '仅可联系向您求助的住户'));
  const dialled: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.makePhoneCall = ({
    phoneNumber,
  }: {
    phoneNumber: string;
  }) => dialled.push(phoneNumber);
  const page = await openPage(tasksPage);
  expect(textsOf(page, '.no-phone')).toEqual(['住户未登记电话']);
  expect(page.querySelectorAll('.dial')).toHaveLength(1);
  await tap(page, '.dial');
  expect(shownToasts()).toEqual([{ title: '仅可联系向您求助的住户', icon: 'none' }]);
  expect(dialled).toEqual([]);
});
