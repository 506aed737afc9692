/** 住户登记 rendered with miniprogram-simulate: address pickers from the directory, errors beside fields. */
import simulate from 'miniprogram-simulate';
import { type Answer, cloudCalls, fail, replyWith } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf } from './render';

const id = loadPage('register/register');
const directory: Answer<'residents', 'directory'> = {
  code: 0,
  message: 'ok',
  data: {
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
  },
};

async function fill(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
/** The label drawn just before each input; null where only a placeholder (gone once one types) names it. */
const labelsOfInputs = (page: Rendered) =>
  Array.from(page.dom!.querySelectorAll('wx-input, wx-textarea'), (input) => {
    const before = input.previousElementSibling;
    return before && /(^|\s)\S*--label(\s|$)/.test(before.className) ? before.textContent!.trim() : null;
  });

test('every field keeps its name above it while the newcomer types', async () => {
  replyWith('residents', 'directory', directory);
  const page = await openPage(id);
  await fill(page, '.name', '赵新来');
  expect(labelsOfInputs(page)).toEqual(['姓名', '身份证号', '手机号', '房号']);
});

test('a refused 围合区 is said at its picker, and a refusal naming no line of the form under the form', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', fail('INVALID_ARGUMENT', '围合区无效', 'enclosureId'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-enclosureId')).toBe('围合区无效');
  replyWith('residents', 'register', fail('INVALID_ARGUMENT', '请求编号无效，请刷新后重试', 'requestId'));
  await tap(page, '.submit');
  expect(page.querySelector('.error-enclosureId')).toBeUndefined();
  expect(textOf(page, '.error-form')).toBe('请求编号无效，请刷新后重试');
});

test('the newcomer picks an address from the directory and sees every bad field explained', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '身份证号格式不正确',
    field: 'idNumber',
    errors: [
      { field: 'idNumber', message: '身份证号格式不正确' },
      { field: 'room', message: '房号应为 3–4 位数字，如 501' },
    ],
  });
  const page = await openPage(id);
  await fill(page, '.name', '赵新来');
  await fill(page, '.id-number', '123');
  await tap(page, '.submit');
  expect(textOf(page, '.error-idNumber')).toBe('身份证号格式不正确');
  expect(textOf(page, '.error-room')).toBe('房号应为 3–4 位数字，如 501');
  expect(cloudCalls()[1].data).toMatchObject({
    action: 'register',
    name: '赵新来',
    idNumber: '123',
    enclosureId: 'enc-a',
    buildingId: 'b1',
    unit: 1,
  });
});

test('a registered newcomer is taken to their pass', async () => {
  const redirected: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.redirectTo = ({ url }: { url: string }) =>
    redirected.push(url);
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', {
    code: 0,
    message: 'ok',
    data: { residentId: 'res-1', status: { colour: 'yellow', reasons: [], until: null, ruleVersion: 1 } },
  });
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(redirected).toEqual(['/pages/pass/pass']);
});

test('coming back to the form (say, after copying the ID number elsewhere) keeps the address picked', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '请填写姓名',
    field: 'name',
  });
  const page = await openPage(id);
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  page.querySelector('.pick-enclosure')!.dispatchEvent('change', { detail: { value: '1' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  instance.onShow(); // back from WeChat
  await simulate.sleep(10);
  await tap(page, '.submit');
  const sent = cloudCalls().filter((c) => c.data.action === 'register');
  expect(sent[1].data).toMatchObject({ enclosureId: 'enc-b', buildingId: 'b9', unit: 1 });
  // Still the same attempt: a retry after a lost answer must not register twice.
  expect(sent[1].data.requestId).toBe(sent[0].data.requestId);
  expect(textOf(page, '.error-name')).toBe('请填写姓名');
});

test('a directory that cannot be loaded is explained, with a retry that brings the form', async () => {
  replyWith('residents', 'directory', { code: 'INTERNAL', data: null, message: '服务返回异常，请稍后重试' });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('服务返回异常，请稍后重试');
  replyWith('residents', 'directory', directory);
  await tap(page, '.state >>> .retry');
  expect(page.querySelector('.submit')).toBeDefined();
  expect(textOf(page, '.pick-enclosure')).toBe('围合区：春华苑');
});

test('a 城中村 building whose rooms are named as on the door asks for a label, not a number', async () => {
  replyWith('residents', 'directory', directory);
  const page = await openPage(id);
  expect(textOf(page, '.room-hint')).toBe('楼层加房号，如 501');
  page.querySelector('.pick-enclosure')!.dispatchEvent('change', { detail: { value: 1 } });
  await simulate.sleep(10);
  expect(textOf(page, '.room-hint')).toBe('按门牌填写，如 A12');
});

test('someone the street already listed is told so at the ID number and led to 认领住户信息', async () => {
  const opened: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', fail('CONFLICT', '社区已为您登记，请使用“认领住户信息”', 'idNumber'));
  const page = await openPage(id);
  expect(onScreen(page, '.claim-link')).toBe(false);
  await tap(page, '.submit');
  expect(textOf(page, '.error-idNumber')).toBe('社区已为您登记，请使用“认领住户信息”');
  expect(textOf(page, '.claim-link')).toBe('去认领住户信息');
  await tap(page, '.claim-link');
  expect(opened).toEqual(['/pages/claim/claim']);
});

test('an ID number someone already registered offers no claim, only the refusal', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', fail('CONFLICT', '该身份证号已登记，如有疑问请联系网格员', 'idNumber'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-idNumber')).toBe('该身份证号已登记，如有疑问请联系网格员');
  expect(onScreen(page, '.claim-link')).toBe(false);
});

test('a building retired since the form opened is refused beside the building picker', async () => {
  replyWith('residents', 'directory', directory);
  replyWith('residents', 'register', fail('INVALID_ARGUMENT', '该楼栋已停用，请联系网格员', 'buildingId'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-buildingId')).toBe('该楼栋已停用，请联系网格员');
});
