/** 关爱对象 rendered with miniprogram-simulate: a grid worker finds a flat, enrols an elder, ends a care. */
import simulate from 'miniprogram-simulate';
import type { CareSubject } from '../../typings';
import { type Answer, cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('carelist/carelist');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const directory: Answer<'residents', 'directory'> = ok({
  enclosures: [
    {
      id: 'enc-a',
      name: '春华苑',
      buildings: [{ id: 'b1', name: '1栋', units: 2, floors: 8, roomScheme: 'numbered' as const }],
    },
  ],
});
const subject: CareSubject = {
  residentId: 'r9',
  maskedName: '钱*英',
  address: '1栋1单元101室',
  categories: ['独居老人'],
  way: 'visit',
  wayName: '上门探访',
  everyDays: 2,
  volunteerName: '志愿者何磊',
  nextDueOn: '2020-02-14',
  overdueDays: 1,
  dueToday: false,
  lastContact: { on: '2020-02-12', outcome: '未联系上', byName: '志愿者何磊' },
  note: '行动不便',
  phoneMasked: null,
};
const sent = (action: string) =>
  cloudCalls()
    .filter((c) => c.data.action === action)
    .map((c) => c.data);
async function change(page: Rendered, selector: string, value: number | string[]) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}

let answers: { confirm: boolean; content?: string }[];
beforeEach(() => {
  answers = [];
  wxMock.showModal = async () => ({ errMsg: 'showModal:ok', cancel: false, ...answers.shift()! });
  replyWith('residents', 'directory', directory);
  replyWith('care', 'subjects', ok([subject]));
});

test('each 关爱对象 shows the plan, the volunteer, how overdue and the last contact', async () => {
  const page = await openPage(id);
  expect(textOf(page, '.categories')).toBe('独居老人 · 每 2 天上门探访 · 志愿者何磊');
  expect(textOf(page, '.due')).toBe('已逾期 1 天未联系');
  expect(textOf(page, '.last')).toBe('上次：2020-02-12 未联系上（志愿者何磊）');
});

test('the flat is looked up, a member chosen and enrolled with the categories, way and days picked', async () => {
  replyWith(
    'care',
    'flat',
    ok([
      { residentId: 'r1', maskedName: '钱*英', relation: '户主', birthYear: 1938, enrolled: false },
      { residentId: 'r2', maskedName: '钱*', relation: '子女', birthYear: 1970, enrolled: true },
    ]),
  );
  replyWith('care', 'enrol', ok({ residentId: 'r1', volunteerName: '志愿者何磊', nextDueOn: '2020-02-15' }));
  const page = await openPage(id);
  await tap(page, '.find');
  expect(textOf(page, '.error-room')).toBe('请填写房号');
  expect(sent('flat')).toEqual([]);

  page.querySelector('.room')!.dispatchEvent('input', { detail: { value: '101' } });
  await simulate.sleep(5);
  await tap(page, '.find');
  expect(sent('flat')).toEqual([{ action: 'flat', buildingId: 'b1', unit: 1, room: '101' }]);
  expect(textsOf(page, '.member')).toEqual(['钱*英 · 户主 · 1938年生', '钱* · 子女 · 1970年生 · 已登记（将更新计划）']);

  await tap(page, '.enrol');
  expect(textOf(page, '.error-residentId')).toBe('请先查找房屋并选择住户');
  expect(textOf(page, '.error-categories')).toBe('请至少选择一个关爱类别');
  expect(sent('enrol')).toEqual([]);

  await tap(page, '.member');
  await change(page, '.categories-pick', ['livingAlone', 'chronic']);
  await change(page, '.pick-way', 1);
  await change(page, '.pick-every', 0);
  await tap(page, '.enrol');
  expect(sent('enrol')).toEqual([
    { action: 'enrol', residentId: 'r1', categories: ['livingAlone', 'chronic'], way: 'call', everyDays: 1 },
  ]);
  expect(shownToasts()).toContainEqual({ title: '已登记', icon: 'success' });
  expect(textsOf(page, '.member')).toEqual([]);
});

test('a flat outside the grid is answered on the form; 结束关爱 asks why, and backing out sends nothing', async () => {
  replyWith('care', 'flat', fail('PERMISSION_DENIED', '该楼栋不在您负责的网格'));
  replyWith('care', 'unenrol', ok({ residentId: 'r9', removed: true }));
  const page = await openPage(id);
  page.querySelector('.room')!.dispatchEvent('input', { detail: { value: '101' } });
  await simulate.sleep(5);
  await tap(page, '.find');
  expect(textOf(page, '.error-form')).toBe('该楼栋不在您负责的网格');

  answers.push({ confirm: false });
  await tap(page, '.end');
  expect(sent('unenrol')).toEqual([]);
  answers.push({ confirm: true, content: '子女接回同住' });
  await tap(page, '.end');
  expect(sent('unenrol')).toEqual([{ action: 'unenrol', residentId: 'r9', reason: '子女接回同住' }]);
});
