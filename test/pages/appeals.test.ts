/** 申诉处理 rendered with miniprogram-simulate: colour and days chosen, confirmed, answered. */
import simulate from 'miniprogram-simulate';
import type { AppealEntry } from '../../typings';
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { type Rendered, loadPage, openPage, tap, textOf } from './render';

const id = loadPage('appeals/appeals');
const appeal: AppealEntry = {
  id: 'a1',
  residentId: 'r1',
  maskedName: '李*华',
  reason: '体温计故障',
  statusAtAppeal: { colour: 'red', reasons: ['体温37.9℃'] },
  createdAt: '2020-02-15T02:00:00.000Z',
};

let modals: { title: string; content: string; confirmText?: string; cancelText?: string }[];
let confirmAnswer: boolean;
beforeEach(() => {
  modals = [];
  confirmAnswer = true;
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof modals)[number]) => {
    modals.push(m);
    return { confirm: confirmAnswer, cancel: !confirmAnswer };
  };
  replyWith('grid', 'appeals', ok([appeal]));
  replyWith('grid', 'answerAppeal', ok({ appealId: 'a1', state: 'accepted', colour: 'yellow' }));
});

const answers = () => cloudCalls().filter((c) => c.data.action === 'answerAppeal');
async function answer(page: Rendered, text: string) {
  page.querySelector('.answer')!.dispatchEvent('input', { detail: { value: text } });
  await simulate.sleep(5);
}

test('accepting sends the colour and days chosen, after a confirmation that states them', async () => {
  const page = await openPage(id);
  expect(textOf(page, '.at-appeal')).toBe('申诉时：体温37.9℃');
  expect(textOf(page, '.colour-picker')).toBe('复核为：绿码 ▾');
  expect(textOf(page, '.days-picker')).toBe('有效：3 天 ▾');
  page.querySelector('.colour-picker')!.dispatchEvent('change', { detail: { value: 1 } });
  page.querySelector('.days-picker')!.dispatchEvent('change', { detail: { value: 6 } });
  await answer(page, '社区医生复测 36.4℃，待复核');
  expect(textOf(page, '.colour-picker')).toBe('复核为：黄码 ▾');
  await tap(page, '.accept');
  expect(modals).toEqual([
    expect.objectContaining({
      content: '李*华将复核为黄码 7 天，期满后按规则重新判定。答复：社区医生复测 36.4℃，待复核',
      confirmText: '接受',
      cancelText: '再想想',
    }),
  ]);
  expect(answers().pop()!.data).toEqual({
    action: 'answerAppeal',
    appealId: 'a1',
    decision: 'accept',
    answer: '社区医生复测 36.4℃，待复核',
    colour: 'yellow',
    days: 7,
  });
  expect(shownToasts().map((t) => t.title)).toContain('已复核为黄码 7 天');
});

test('no answer: told so on the phone, nothing asked or sent; 再想想 sends nothing either', async () => {
  const page = await openPage(id);
  await tap(page, '.accept');
  expect(shownToasts().map((t) => t.title)).toEqual(['请填写答复']);
  expect(modals).toHaveLength(0);
  await answer(page, '已核实，仍需隔离');
  confirmAnswer = false;
  await tap(page, '.reject');
  expect(modals[0]).toMatchObject({ title: '驳回申诉', content: '驳回李*华的申诉。答复：已核实，仍需隔离' });
  expect(answers()).toHaveLength(0);
});

test('a rejection sends no colour or days', async () => {
  replyWith('grid', 'answerAppeal', ok({ appealId: 'a1', state: 'rejected' }));
  const page = await openPage(id);
  await answer(page, '已核实，仍需隔离');
  await tap(page, '.reject');
  expect(answers().pop()!.data).toEqual({
    action: 'answerAppeal',
    appealId: 'a1',
    decision: 'reject',
    answer: '已核实，仍需隔离',
  });
  expect(shownToasts().map((t) => t.title)).toContain('已驳回并答复');
});
