/** 服务任务 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const tasksPage = loadPage('tasks/tasks');

test('a volunteer accepts a task, then completes it', async () => {
  let state: 'open' | 'accepted' = 'open';
  replyWith('care', 'tasks', () => ({
    code: 0,
    message: 'ok',
    data: state
      ? [{ id: 't1', address: '12栋2单元301室', maskedName: '赵*', kind: '代购生活物资', note: '大米一袋', state }]
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
