/** 围合区管理: the 联系人 and 包干责任人 of buildings (set, changed, cleared, called) and of the enclosure. */
import simulate from 'miniprogram-simulate';
import type { BuildingView, EnclosureDetail, Person } from '../../typings';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('../console/enclosure/enclosure');

const enclosureId = 'enc-chunhua';
const chen: Person = { name: '陈楼长', phone: '13800138001' };
const wang: Person = { name: '王科长', phone: '13900138002' };
const liu: Person = { name: '刘主任', phone: '13700138003' };

const building = (id: string, name: string, more: Partial<BuildingView> = {}): BuildingView => ({
  ...{ id, enclosureId, name, units: 2, floors: 6, roomScheme: 'numbered', retired: false },
  ...{ contact: null, responsible: null, ...more },
});
const detail = (): EnclosureDetail => ({
  enclosure: {
    ...{ id: enclosureId, communityId: 'com-hongli', name: '春华苑', type: 'estate', address: '红荔路 18 号' },
    ...{ retired: false, buildings: 2, gates: 0, grids: 0, contact: liu, responsible: null },
  },
  buildings: [building('b1', '1栋', { contact: chen, responsible: wang }), building('b2', '2栋')],
  gates: [],
  grids: [],
});

let calls: string[];
beforeEach(() => {
  calls = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.makePhoneCall = ({
    phoneNumber,
  }: {
    phoneNumber: string;
  }) => calls.push(phoneNumber);
});

async function open() {
  replyWith('estate', 'enclosure', ok(detail()));
  return openPage(id, { enclosureId });
}
async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function edit(page: Rendered, n: number) {
  page.querySelectorAll('.building .edit')[n].dispatchEvent('tap');
  await simulate.sleep(10);
}
const saves = () => cloudCalls().filter((c) => c.data.action === 'save');
const saved = () => ok({ kind: 'building' as const, id: 'x', created: false });

test('each building lists its 联系人 and 包干责任人 with a tap to call; the head card shows the enclosure’s', async () => {
  const page = await open();
  expect(textsOf(page, '.head-person')).toEqual(['联系人：刘主任13700138003', '包干责任人：未设置']);
  expect(textsOf(page, '.building .person')).toEqual([
    '联系人：陈楼长13800138001',
    '包干责任人：王科长13900138002',
    '联系人：未设置',
    '包干责任人：未设置',
  ]);
  // Only a set person can be called; the enclosure's are not edited on this page.
  expect(page.querySelectorAll('.building .call')).toHaveLength(2);
  expect(page.querySelector('.head .edit')).toBeUndefined();
  page.querySelectorAll('.building .call')[1].dispatchEvent('tap');
  await tap(page, '.head-person .call');
  expect(calls).toEqual(['13900138002', '13700138003']);
});

test('a new building’s people are sent whole; half a person is caught beside the empty half', async () => {
  const page = await open();
  await tap(page, '.add-building');
  await type(page, '.form-name', '3栋');
  await type(page, '.form-units', '2');
  await type(page, '.form-floors', '11');
  await type(page, '.form-contactName', '陈楼长');
  await type(page, '.form-responsiblePhone', '13900138002');
  await tap(page, '.save');
  expect(textOf(page, '.error-contactPhone')).toBe('请填写联系人手机号');
  expect(textOf(page, '.error-responsibleName')).toBe('请填写包干责任人姓名');
  expect(page.querySelector('.error-contactName')).toBeUndefined();
  expect(saves()).toEqual([]);

  await type(page, '.form-contactPhone', '1380013');
  await type(page, '.form-responsibleName', ' 王科长 ');
  await tap(page, '.save');
  expect(textOf(page, '.error-contactPhone')).toBe('手机号格式不正确');
  expect(page.querySelector('.error-responsibleName')).toBeUndefined();
  expect(saves()).toEqual([]);

  await type(page, '.form-contactPhone', '138 0013 8001');
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  expect(saves().map((c) => c.data)).toEqual([
    {
      ...{ action: 'save', kind: 'building', requestId: expect.stringMatching(/^mp-/), enclosureId },
      ...{ name: '3栋', units: 2, floors: 11, roomScheme: 'numbered' },
      ...{ contact: chen, responsible: wang },
    },
  ]);
});

test('a new building without people sends none of them', async () => {
  const page = await open();
  await tap(page, '.add-building');
  await type(page, '.form-name', '3栋');
  await type(page, '.form-units', '2');
  await type(page, '.form-floors', '11');
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  const [body] = saves().map((c) => c.data);
  expect(body).toMatchObject({ kind: 'building', name: '3栋' });
  expect(body).not.toHaveProperty('contact');
  expect(body).not.toHaveProperty('responsible');
});

test('editing: emptying a person clears it, a kept one is sent as it is, a refusal shows at its field', async () => {
  const page = await open();
  await edit(page, 0);
  const valueOf = (field: string) =>
    page
      .querySelector(`.form-${field}`)!
      .toJSON()
      .attrs.find((a) => a.name === 'value')?.value;
  expect(['contactName', 'contactPhone', 'responsibleName'].map(valueOf)).toEqual(['陈楼长', '13800138001', '王科长']);
  await type(page, '.form-responsibleName', '');
  await type(page, '.form-responsiblePhone', '');
  replyWith('estate', 'save', fail('INVALID_ARGUMENT', '该号码已停机，请核对', 'contact.phone'));
  await tap(page, '.save');
  expect(saves()[0].data).toMatchObject({ id: 'b1', contact: chen, responsible: null });
  expect(textOf(page, '.error-contactPhone')).toBe('该号码已停机，请核对');
  expect(page.querySelector('.error-form')).toBeUndefined();

  // 2栋 has nobody: leaving both empty changes nothing, so neither is sent.
  await tap(page, '.cancel');
  await edit(page, 1);
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  const body = saves()[1].data;
  expect(body).toMatchObject({ id: 'b2', name: '2栋' });
  expect(body).not.toHaveProperty('contact');
  expect(body).not.toHaveProperty('responsible');
});
