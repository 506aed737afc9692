/** 巡查消杀 rendered with miniprogram-simulate: rounds checked off with a note and photo; a grid worker plans one. */
import simulate from 'miniprogram-simulate';
import type { RoundDue } from '../../typings';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { formFields, loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('patrol/patrol');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const round = (overrides: Partial<RoundDue> = {}): RoundDue => ({
  planId: 'p1',
  kind: 'disinfection',
  kindName: '消杀',
  place: '3栋楼道及电梯',
  due: '2020-02-12T01:00:00.000Z',
  assigneeOpenid: 'v1',
  assigneeName: '志愿者何磊',
  state: 'open',
  stateName: '待完成',
  checkedAt: null,
  checkedByName: null,
  note: null,
  hasPhoto: false,
  ...overrides,
});
const actions = (name: string) =>
  cloudCalls()
    .filter((c) => c.data.action === name)
    .map((c) => c.data);

test('a volunteer checks a round off with a note and a photo; one done shows who and when', async () => {
  wxMock.chooseMedia = async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/r.jpg', size: 1000 }] });
  wxMock.cloud = {
    ...(wxMock.cloud as object),
    uploadFile: async ({ cloudPath }: { cloudPath: string }) => ({ fileID: `cloud://env.bucket/${cloudPath}` }),
  };
  replyWith(
    'duty',
    'rounds',
    ok([
      round(),
      round({
        due: '2020-02-12T07:00:00.000Z',
        state: 'done',
        stateName: '已完成',
        checkedAt: '2020-02-12T07:10:00.000Z',
        checkedByName: '志愿者何磊',
        note: '已喷洒',
      }),
    ]),
  );
  replyWith('duty', 'checkRound', ok(round({ state: 'done', stateName: '已完成' })));
  const page = await openPage(id, { mine: '1' });
  expect(actions('rounds')[0]).toMatchObject({ mine: true, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(onScreen(page, '.form')).toBe(false);
  expect(textsOf(page, '.round-title')).toEqual(['09:00 消杀 · 3栋楼道及电梯', '15:00 消杀 · 3栋楼道及电梯']);
  expect(textOf(page, '.checked')).toBe('15:10 志愿者何磊：已喷洒');
  page.querySelector('.note')!.dispatchEvent('input', { detail: { value: '已喷洒消毒液' } });
  await tap(page, '.photo');
  expect(textOf(page, '.photo')).toBe('已附照片');
  page.querySelector('.check')!.dispatchEvent('tap');
  page.querySelector('.check')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(actions('checkRound')).toEqual([
    {
      action: 'checkRound',
      planId: 'p1',
      due: '2020-02-12T01:00:00.000Z',
      note: '已喷洒消毒液',
      photoFileId: expect.stringMatching(/^cloud:\/\/env\.bucket\/rounds\/.+\.jpg$/),
    },
  ]);
});

test('a grid worker plans a round at times typed as they come; a refusal shows under its field', async () => {
  replyWith('duty', 'rounds', ok([]));
  replyWith('duty', 'people', ok({ people: [{ openid: 'v1', name: '志愿者何磊' }], gates: [] }));
  replyWith('duty', 'planRound', fail('INVALID_ARGUMENT', '时间应为 08:30 这样的格式', 'times.2'));
  const page = await openPage(id);
  expect(formFields(page, '.form').namedByPlaceholder).toEqual([]);
  await tap(page, '.plan');
  expect(textOf(page, '.error-assigneeOpenid')).toBe('请选择负责人');
  page.querySelector('.person')!.dispatchEvent('change', { detail: { value: 0 } });
  page.querySelector('.kind')!.dispatchEvent('change', { detail: { value: 0 } });
  page.querySelector('.place')!.dispatchEvent('input', { detail: { value: '各单元门' } });
  page.querySelector('.times')!.dispatchEvent('input', { detail: { value: '08:30，20:30 25:00' } });
  page.querySelector('.days')!.dispatchEvent('input', { detail: { value: '3' } });
  await simulate.sleep(5);
  await tap(page, '.plan');
  expect(actions('planRound')).toEqual([
    {
      action: 'planRound',
      requestId: expect.any(String),
      kind: 'patrol',
      place: '各单元门',
      times: ['08:30', '20:30', '25:00'],
      fromDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      days: 3,
      assigneeOpenid: 'v1',
    },
  ]);
  expect(textOf(page, '.error-times')).toBe('时间应为 08:30 这样的格式');
});
