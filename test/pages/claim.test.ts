/** 认领住户信息 rendered with miniprogram-simulate: name, ID number and flat as the street listed them. */
import simulate from 'miniprogram-simulate';
import { type Answer, cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf } from './render';

const id = loadPage('claim/claim');
const directory: Answer<'residents', 'directory'> = ok({
  enclosures: [
    {
      id: 'enc-a',
      name: '春华苑',
      buildings: [
        { id: 'b1', name: '1栋', units: 2, floors: 8, roomScheme: 'numbered' },
        { id: 'b2', name: '2栋', units: 3, floors: 8, roomScheme: 'numbered' },
      ],
    },
    {
      id: 'enc-b',
      name: '立新村',
      buildings: [{ id: 'b9', name: '9栋', units: 1, floors: 6, roomScheme: 'labelled' }],
    },
  ],
});
const claimed = ok({
  residentId: 'res-imported-1',
  status: { colour: 'green' as const, reasons: [], until: null, ruleVersion: 1 },
});
const NOT_FOUND = '未找到与所填信息一致的社区登记，请核对姓名、身份证号和房号';

let redirected: string[];
beforeEach(() => {
  redirected = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.redirectTo = ({ url }: { url: string }) =>
    redirected.push(url);
});

async function fill(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function pick(page: Rendered, selector: string, value: number) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}
const claims = () => cloudCalls().filter((c) => c.data.action === 'claim');
/** The label drawn just before each input; null where only a placeholder (gone once one types) names it. */
const labelsOfInputs = (page: Rendered) =>
  Array.from(page.dom!.querySelectorAll('wx-input, wx-textarea'), (input) => {
    const before = input.previousElementSibling;
    return before && /(^|\s)\S*--label(\s|$)/.test(before.className) ? before.textContent!.trim() : null;
  });

test('every field keeps its name above it while the resident types', async () => {
  replyWith('residents', 'directory', directory);
  const page = await openPage(id);
  await fill(page, '.name', '周桂兰');
  expect(labelsOfInputs(page)).toEqual(['姓名', '身份证号', '房号']);
});

test('a refused 围合区 is said at its picker, not lost', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', fail('INVALID_ARGUMENT', '围合区无效', 'enclosureId'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-enclosureId')).toBe('围合区无效');
  expect(redirected).toEqual([]);
});

test('a listed resident reads who may claim, fills in their flat and is taken to their pass', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', claimed);
  const page = await openPage(id);
  expect(textOf(page, '.explain')).toBe(
    '社区已按户登记的居民，填写与登记一致的姓名、身份证号和住址即可认领；老人和儿童由户主认领后在“我的家庭”中代为操作。',
  );
  await fill(page, '.name', '周桂兰');
  await fill(page, '.id-number', '110101195003070028');
  await pick(page, '.pick-enclosure', 0);
  await pick(page, '.pick-building', 1);
  await pick(page, '.pick-unit', 2);
  await fill(page, '.room', '302');
  await tap(page, '.submit');
  expect(claims()).toHaveLength(1);
  expect(claims()[0].data).toEqual({
    action: 'claim',
    requestId: expect.stringMatching(/^mp-/),
    name: '周桂兰',
    idNumber: '110101195003070028',
    enclosureId: 'enc-a',
    buildingId: 'b2',
    unit: 3,
    room: '302',
  });
  expect(redirected).toEqual(['/pages/pass/pass']);
});

test('a 城中村 rental asks for the room as on the door', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', claimed);
  const page = await openPage(id);
  expect(textOf(page, '.room-hint')).toBe('楼层加房号，如 501');
  await pick(page, '.pick-enclosure', 1);
  expect(textOf(page, '.room-hint')).toBe('按门牌填写，如 A12');
  expect(textOf(page, '.pick-building')).toBe('楼栋：9栋');
  await fill(page, '.room', 'A12');
  await tap(page, '.submit');
  expect(claims()[0].data).toMatchObject({ enclosureId: 'enc-b', buildingId: 'b9', unit: 1, room: 'A12' });
});

test('details that match no listing are said beside the form, and the corrected try is the same request', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', fail('NOT_FOUND', NOT_FOUND));
  const page = await openPage(id);
  await fill(page, '.name', '周桂兰');
  await tap(page, '.submit');
  expect(textOf(page, '.error-form')).toBe(NOT_FOUND);
  expect(redirected).toEqual([]);
  replyWith('residents', 'claim', claimed);
  await fill(page, '.room', '501');
  await tap(page, '.submit');
  expect(page.querySelector('.error-form')).toBeUndefined();
  expect(claims()[1].data).toMatchObject({ room: '501', requestId: claims()[0].data.requestId });
  expect(redirected).toEqual(['/pages/pass/pass']);
});

test('a badly typed ID number is shown at that field', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', fail('INVALID_ARGUMENT', '身份证号格式不正确', 'idNumber'));
  const page = await openPage(id);
  await fill(page, '.id-number', '123');
  await tap(page, '.submit');
  expect(textOf(page, '.error-idNumber')).toBe('身份证号格式不正确');
  expect(page.querySelector('.error-form')).toBeUndefined();
});

test('after five wrong tries the wait is said plainly, on its own, not as a detail to correct', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', fail('RESOURCE_EXHAUSTED', '核对失败次数过多，请一小时后再试，或联系网格员'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(onScreen(page, '.exhausted')).toBe(true);
  expect(textOf(page, '.exhausted')).toBe('核对失败次数过多，请一小时后再试，或联系网格员');
  expect(page.querySelector('.error-form')).toBeUndefined();
  expect(shownToasts()).toEqual([]);
  expect(redirected).toEqual([]);
});

test('a listing someone else already claimed is refused in the server’s words', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', fail('CONFLICT', '该住户信息已被认领，如非本人操作请联系网格员'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-form')).toBe('该住户信息已被认领，如非本人操作请联系网格员');
  expect(redirected).toEqual([]);
});

test('a double tap sends one claim, and coming back to the page keeps the flat picked', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'claim', claimed);
  const page = await openPage(id);
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  await pick(page, '.pick-enclosure', 1);
  instance.onShow(); // back from WeChat (say, after copying the ID number)
  await simulate.sleep(10);
  expect(textOf(page, '.pick-enclosure')).toBe('围合区：立新村');
  expect(cloudCalls().filter((c) => c.data.action === 'directory')).toHaveLength(1);
  let answer = () => undefined as void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  const cloud = (globalThis as unknown as { wx: { cloud: { callFunction: (a: unknown) => Promise<unknown> } } }).wx
    .cloud;
  const callFunction = cloud.callFunction;
  cloud.callFunction = async (a) => {
    await held;
    return callFunction(a);
  };
  page.querySelector('.submit')!.dispatchEvent('tap');
  page.querySelector('.submit')!.dispatchEvent('tap');
  answer();
  await simulate.sleep(10);
  expect(claims()).toHaveLength(1);
  expect(redirected).toEqual(['/pages/pass/pass']);
});

test('a directory that cannot be loaded is explained, with a retry that brings the form', async () => {
  replyWith('residents', 'directory', fail('INTERNAL', '服务返回异常，请稍后重试'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('服务返回异常，请稍后重试');
  expect(onScreen(page, '.submit')).toBe(false);
  replyWith('residents', 'directory', directory);
  await tap(page, '.state >>> .retry');
  expect(onScreen(page, '.submit')).toBe(true);
  expect(textOf(page, '.pick-enclosure')).toBe('围合区：春华苑');
});
