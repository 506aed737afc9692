/** 隐患线索 rendered with miniprogram-simulate: a grid worker takes, handles and answers reports. */
import type { ClueCase } from '../../typings';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('clues/clues');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const report = (overrides: Partial<ClueCase> = {}): ClueCase => ({
  id: 'c1',
  kind: 'gathering',
  kindName: '人员聚集',
  place: '东门外空地',
  text: '傍晚有十几人聚集打牌',
  photoUrl: 'https://tmp/c1.jpg',
  reporter: '李*（3栋）',
  state: 'open',
  stateName: '待受理',
  at: '2020-02-12T10:00:00.000Z',
  assigneeName: null,
  outcomeName: null,
  answer: null,
  ...overrides,
});
const actions = (name: string) =>
  cloudCalls()
    .filter((c) => c.data.action === name)
    .map((c) => c.data);

test('an open report is taken, then closed with an outcome and the answer the reporter reads', async () => {
  const previewed: unknown[] = [];
  wxMock.previewImage = (o: unknown) => previewed.push(o);
  replyWith(
    'clues',
    'queue',
    ok([
      report(),
      report({ id: 'c2', state: 'assigned', stateName: '处理中', photoUrl: null, assigneeName: '网格员王伟' }),
    ]),
  );
  replyWith('clues', 'assign', ok(report({ state: 'assigned', stateName: '处理中' })));
  replyWith('clues', 'handle', ok(report({ state: 'closed', stateName: '已办结' })));
  const page = await openPage(id);
  expect(textsOf(page, '.case-meta')).toEqual([
    '反映人 李*（3栋） · 2月12日 18:00',
    '反映人 李*（3栋） · 2月12日 18:00 · 网格员王伟',
  ]);
  expect(page.querySelectorAll('.take')).toHaveLength(1); // the one already taken shows no 接手
  await tap(page, '.case-photo');
  expect(previewed).toEqual([{ urls: ['https://tmp/c1.jpg'], current: 'https://tmp/c1.jpg' }]);
  await tap(page, '.take');
  expect(actions('assign')).toEqual([{ action: 'assign', id: 'c1' }]);

  // 办结 before an answer asks for one, and sends nothing.
  page.querySelectorAll('.close')[1].dispatchEvent('change', { detail: { value: 0 } });
  await new Promise((r) => setTimeout(r, 10));
  expect(actions('handle')).toEqual([]);
  expect(textsOf(page, '.field-error')).toEqual(['请先填写给反映人的答复']);
  page.querySelectorAll('.answer-input')[1].dispatchEvent('input', { detail: { value: '已劝散并张贴提示' } });
  await new Promise((r) => setTimeout(r, 5));
  page.querySelectorAll('.close')[1].dispatchEvent('change', { detail: { value: 2 } });
  await new Promise((r) => setTimeout(r, 10));
  expect(actions('handle')).toEqual([{ action: 'handle', id: 'c2', outcome: 'referred', answer: '已劝散并张贴提示' }]);
});

test('the closed tab lists the last 7 days with their answers, and no actions', async () => {
  replyWith('clues', 'queue', (data) =>
    ok(
      data.closed
        ? [report({ state: 'closed', stateName: '已办结', outcomeName: '经核查不属实', answer: '现场无聚集' })]
        : [],
    ),
  );
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .empty')).toBe('没有待处理的反映');
  page.querySelectorAll('.tab')[1].dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 10));
  expect(actions('queue')).toEqual([
    { action: 'queue', closed: false },
    { action: 'queue', closed: true },
  ]);
  expect(textOf(page, '.answer')).toBe('经核查不属实：现场无聚集');
  expect(onScreen(page, '.actions')).toBe(false);
});

test('a report handled by someone else meanwhile says so where it was answered', async () => {
  replyWith('clues', 'queue', ok([report()]));
  replyWith('clues', 'handle', fail('FAILED_PRECONDITION', '该反映刚刚已由他人办结'));
  const page = await openPage(id);
  page.querySelector('.answer-input')!.dispatchEvent('input', { detail: { value: '已处理' } });
  await new Promise((r) => setTimeout(r, 5));
  page.querySelector('.close')!.dispatchEvent('change', { detail: { value: 0 } });
  await new Promise((r) => setTimeout(r, 10));
  expect(textsOf(page, '.field-error')).toEqual(['该反映刚刚已由他人办结']);
});
