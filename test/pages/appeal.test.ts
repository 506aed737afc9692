/** 申诉与记录 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { type Answer, cloudCalls, fail, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf, opensInCareMode } from './render';

const id = loadPage('appeal/appeal');
/** The label drawn just before each input; null where only a placeholder (gone once one types) names it. */
const labelsOfInputs = (page: Rendered) =>
  Array.from(page.dom!.querySelectorAll('wx-input, wx-textarea'), (input) => {
    const before = input.previousElementSibling;
    return before && /(^|\s)\S*--label(\s|$)/.test(before.className) ? before.textContent!.trim() : null;
  });

test('a resident sees the answer to an appeal and every manual change, and files a new appeal', async () => {
  replyWith('residents', 'history', {
    code: 0,
    message: 'ok',
    data: {
      appeals: [
        {
          id: 'a1',
          reason: '体温计故障',
          state: 'accepted',
          answer: '社区医生复测 36.4℃',
          createdAt: '2020-02-15T02:00:00.000Z',
        },
      ],
      changes: [
        {
          at: '2020-02-15T03:00:00.000Z',
          action: 'override',
          before: { colour: 'red' },
          after: { colour: 'green' },
          why: '社区医生复测 36.4℃',
        },
      ],
    },
  });
  replyWith('residents', 'appeal', { code: 0, message: 'ok', data: { appealId: 'a2', state: 'open' } });
  const page = await openPage(id);
  expect(textOf(page, '.appeal-state')).toBe('已接受：社区医生复测 36.4℃');
  expect(textsOf(page, '.what')).toEqual(['网格员复核']);
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '已返回本市满14天' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  expect(cloudCalls().find((c) => c.data.action === 'appeal')!.data).toMatchObject({
    reason: '已返回本市满14天',
    requestId: expect.stringMatching(/^mp-/),
  });
  expect(textOf(page, '.message')).toBe('申诉已提交，网格员将尽快答复');
});

const history = (state: 'open' | 'accepted', answer: string | null): Answer<'residents', 'history'> => ({
  code: 0,
  message: 'ok',
  data: {
    appeals: [{ id: 'a1', reason: '体温计故障', state, answer, createdAt: '2020-02-15T02:00:00.000Z' }],
    changes: [],
  },
});

test('back on the page after the grid worker answered, the answer is there', async () => {
  replyWith('residents', 'history', history('open', null));
  const page = await openPage(id, { residentId: 'res-2' });
  expect(cloudCalls()[0].data).toEqual({ action: 'history', residentId: 'res-2' });
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(textOf(page, '.appeal-state')).toBe('处理中');
  replyWith('residents', 'history', history('accepted', '社区医生复测 36.4℃'));
  instance.onShow(); // 返回 from the pass, or the app reopened
  await simulate.sleep(10);
  expect(textOf(page, '.appeal-state')).toBe('已接受：社区医生复测 36.4℃');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'history', residentId: 'res-2' });
});

test('history that cannot be loaded is explained with a retry, and an appeal can still be filed', async () => {
  replyWith('residents', 'history', { code: 'INTERNAL', data: null, message: '服务返回异常，请稍后重试' });
  replyWith('residents', 'appeal', { code: 0, message: 'ok', data: { appealId: 'a2', state: 'open' } });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('服务返回异常，请稍后重试');
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '已返回本市满14天' } });
  await simulate.sleep(5);
  replyWith('residents', 'history', history('open', null));
  await tap(page, '.submit');
  expect(textOf(page, '.message')).toBe('申诉已提交，网格员将尽快答复');
  expect(textOf(page, '.appeal-state')).toBe('处理中');
});

test('the reason keeps its name above it while one types', async () => {
  replyWith('residents', 'history', history('open', null));
  const page = await openPage(id);
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '体温计故障' } });
  await simulate.sleep(5);
  expect(labelsOfInputs(page)).toEqual(['申诉理由']);
});

test('an appeal refused for no field of the form (say, for someone not of the household) is said at the form', async () => {
  replyWith('residents', 'history', history('open', null));
  replyWith('residents', 'appeal', fail('PERMISSION_DENIED', '只能为本人或本户家庭成员操作'));
  const page = await openPage(id, { residentId: 'res-9' });
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '已返回本市满14天' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  expect(textOf(page, '.error-form')).toBe('只能为本人或本户家庭成员操作');
  expect(page.querySelector('.message')).toBeUndefined();
});

test('every record is named in Chinese, and a phone look-up does not say the same thing twice', async () => {
  const change = (action: string, why: string, hour: number) => ({
    at: `2020-02-15T0${hour}:00:00.000Z`,
    action,
    before: null,
    after: null,
    why,
  });
  replyWith('residents', 'history', {
    code: 0,
    message: 'ok',
    data: {
      appeals: [],
      changes: [
        change('reveal_phone', '志愿者拨打电话（团购配送）', 3),
        change('accept_member', '户主确认为本户成员', 2),
        change('new_kind', '', 1),
      ],
    },
  });
  const page = await openPage(id);
  expect(textsOf(page, '.what')).toEqual(['工作人员查看手机号', '家庭成员确认', '其他变更']);
  expect(textsOf(page, '.why')).toEqual(['志愿者拨打电话（团购配送）', '户主确认为本户成员']);
});

test('with 关怀模式 on (switched at 首页), the page is in large text', async () => {
  expect(await opensInCareMode(id, '.page-root')).toBe(true);
});
