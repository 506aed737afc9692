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
