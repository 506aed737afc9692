/** 健康随访 (medics) rendered with miniprogram-simulate, and the lab sheet reader behind its import. */
import simulate from 'miniprogram-simulate';
import type { HealthDesk } from '../../typings';
import { readResultSheet } from '../../miniprogram/pages/health/result-sheet';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textsOf } from './render';

const id = loadPage('health/health');
const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

const desk = (overrides: Partial<HealthDesk> = {}): HealthDesk => ({
  enclosureName: '春华苑',
  due: [{ residentId: 'r1', maskedName: '赵*', address: '5栋1单元301室', day: 7 }],
  awaitingResult: [
    {
      residentId: 'r2',
      maskedName: '钱*',
      address: '5栋1单元302室',
      tubeCode: 'T-0002',
      sampledAt: '2020-02-10T01:00:00Z',
    },
  ],
  toAssess: [
    {
      residentId: 'r3',
      maskedName: '孙*',
      address: '5栋2单元101室',
      reason: '2月10日体温38.1℃，请到发热门诊就诊，待医学评估',
    },
  ],
  atStation: [],
  central: [],
  samplingDays: [1, 7, 13],
  ...overrides,
});

let toasts: string[];
beforeEach(() => {
  toasts = [];
  wx.showToast = ({ title }: { title: string }) => toasts.push(title);
  replyWith('health', 'desk', () => ok(desk()));
});

async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
const sent = () =>
  cloudCalls()
    .filter((c) => c.data.action !== 'desk')
    .map((c) => c.data);

test('the desk lists who is due, what awaits the lab and who waits for an assessment', async () => {
  const page = await openPage(id);
  expect(textsOf(page, '.due .who')[0]).toBe('赵* · 5栋1单元301室 · 第7天');
  expect(textsOf(page, '.awaiting .who')[0]).toBe('T-0002 · 钱* · 5栋1单元302室');
  expect(textsOf(page, '.assess .why')[0]).toMatch(/待医学评估$/);
});

test('a sample needs a tube first; then the listed person is sampled with it and the desk is read again', async () => {
  replyWith('health', 'sample', () => ok({ sampleId: 's1', maskedName: '赵*', duplicate: false }));
  const page = await openPage(id);
  await tap(page, '.due .sample');
  expect(sent()).toEqual([]);
  expect(toasts).toEqual(['请先扫描或填写试管编号']);
  await type(page, '.tube', ' T-0101 ');
  await tap(page, '.due .sample');
  expect(sent()).toEqual([{ action: 'sample', tubeCode: 'T-0101', residentId: 'r1' }]);
  expect(cloudCalls().filter((c) => c.data.action === 'desk')).toHaveLength(2);
});

test('scanning a pass samples its holder: the token goes to the cloud, which checks it', async () => {
  replyWith('health', 'sample', () => ok({ sampleId: 's1', maskedName: '赵*', duplicate: false }));
  wx.scanCode = async () => ({ result: 'P2.token-of-the-pass' });
  const page = await openPage(id);
  await type(page, '.tube', 'T-0102');
  await tap(page, '.sample-pass');
  expect(sent()).toEqual([{ action: 'sample', tubeCode: 'T-0102', token: 'P2.token-of-the-pass' }]);
});

test('a pasted sheet with an unreadable line is refused at that line and nothing is sent; a long one goes in parts', async () => {
  replyWith('health', 'results', (data: Record<string, unknown>) =>
    ok({ entered: (data.rows as unknown[]).length, unchanged: 0, positives: 0 }),
  );
  const page = await openPage(id);
  await type(page, '.sheet', '试管编号,结果,检测日期\nT-0002,阴性,2020-02-11\nT-0003,阴,2020-02-11');
  await tap(page, '.import');
  expect(textsOf(page, '.sheet-problem')).toEqual(['第 3 行：应为“试管编号,阴性/阳性/无效,检测日期”']);
  expect(sent()).toEqual([]);
  const lines = Array.from({ length: 150 }, (_, i) => `T-${1000 + i},阴性,2020/2/11`);
  await type(page, '.sheet', lines.join('\n'));
  await tap(page, '.import');
  expect(sent().map((c) => (c.rows as unknown[]).length)).toEqual([100, 50]);
  expect(toasts).toContain('已录入 150 条');
});

test('an assessment needs a note; with one it is sent with a request id', async () => {
  replyWith('health', 'clear', () =>
    ok({ residentId: 'r3', status: { colour: 'green', reasons: [], until: null, ruleVersion: 1 } }),
  );
  const page = await openPage(id);
  await tap(page, '.clear');
  expect(sent()).toEqual([]);
  await type(page, '.note', '发热门诊复查无异常');
  await tap(page, '.clear');
  expect(sent()).toEqual([
    { action: 'clear', requestId: expect.any(String), residentId: 'r3', note: '发热门诊复查无异常' },
  ]);
});

test('the sheet reader takes Chinese or English results and several date forms, and skips the header', () => {
  expect(readResultSheet('试管编号,结果,检测日期\nA-1,阳性,2020年2月9日\nA-2\tnegative\t2020.02.10\n\n')).toEqual({
    rows: [
      { tubeCode: 'A-1', result: 'positive', testedOn: '2020-02-09' },
      { tubeCode: 'A-2', result: 'negative', testedOn: '2020-02-10' },
    ],
    problems: [],
  });
  expect(readResultSheet('A-3,阴性,明天').problems).toHaveLength(1);
});
