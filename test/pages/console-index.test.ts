/** 街道工作台 rendered with miniprogram-simulate: the 社区 tree, adding 社区 and 围合区, refusals where they belong. */
import simulate from 'miniprogram-simulate';
import type { AccountMe, EstateTree, Role } from '../../typings';
import { ENCLOSURE_TYPE_LABELS as CORE_TYPE_LABELS } from '../../core/estate';
import { ENCLOSURE_TYPE_LABELS, ROOM_SCHEME_LABELS } from '../../miniprogram/console/shared/estate-forms';
import { cloudCalls, fail, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('../console/index/index');

const tree: EstateTree = {
  communities: [
    {
      id: 'com-hongli',
      name: '红荔社区',
      retired: false,
      enclosures: [
        {
          ...{ id: 'enc-chunhua', name: '春华苑', type: 'estate', address: '江汉区红荔路 18 号', retired: false },
          ...{ buildings: 12, gates: 2, grids: 3 },
        },
        {
          ...{ id: 'enc-lixin', name: '立新村', type: 'village', address: '', retired: false },
          ...{ buildings: 8, gates: 1, grids: 2 },
        },
        {
          ...{ id: 'enc-old', name: '老厂宿舍', type: 'open', address: '', retired: true },
          ...{ buildings: 0, gates: 0, grids: 0 },
        },
      ],
    },
    { id: 'com-old', name: '旧城社区', retired: true, enclosures: [] },
    { id: 'com-xinhua', name: '新华社区', retired: false, enclosures: [] },
  ],
};
const me = (roles: Role[]): AccountMe => ({
  roles,
  displayName: '管理员',
  enclosureId: null,
  enclosureName: null,
  gates: [],
});
/** What a community admin of 红荔社区 is answered: their 社区 only. */
const ownTree: EstateTree = { communities: [tree.communities[0]] };

let navigated: string[];
beforeEach(() => {
  navigated = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    navigated.push(url);
});

async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function pick(page: Rendered, selector: string, value: number) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}
const saves = () => cloudCalls().filter((c) => c.data.action === 'save');
const treeLoads = () => cloudCalls().filter((c) => c.data.action === 'tree');

async function openAs(roles: Role[], answer: EstateTree = tree) {
  replyWith('estate', 'tree', ok(answer));
  replyWith('account', 'me', ok(me(roles)));
  return openPage(id);
}

test('each 社区 lists its enclosures with type and counts; retired ones are greyed and marked 已停用', async () => {
  const page = await openAs(['admin']);
  expect(textsOf(page, '.community-name')).toEqual(['红荔社区', '旧城社区', '新华社区']);
  expect(textsOf(page, '.enclosure-name')).toEqual(['春华苑', '立新村', '老厂宿舍']);
  expect(textsOf(page, '.type-tag')).toEqual(['小区', '城中村', '开放式楼院']);
  expect(textsOf(page, '.counts')).toEqual([
    '楼栋 12 · 卡口 2 · 网格 3',
    '楼栋 8 · 卡口 1 · 网格 2',
    '楼栋 0 · 卡口 0 · 网格 0',
  ]);
  expect(textOf(page, '.address')).toBe('江汉区红荔路 18 号');
  const enclosures = page.querySelectorAll('.enclosure');
  expect(enclosures.map((e) => e.dom!.className.includes('retired'))).toEqual([false, false, true]);
  expect(enclosures[2].dom!.textContent).toContain('已停用');
  expect(enclosures[0].dom!.textContent).not.toContain('已停用');
  const communities = page.querySelectorAll('.community');
  expect(communities[1].dom!.className).toContain('retired');
  expect(communities[1].dom!.textContent).toContain('已停用');
  expect(communities[2].dom!.textContent).toContain('暂无围合区');

  enclosures[1].dispatchEvent('tap');
  await simulate.sleep(5);
  await tap(page, '.invitations');
  await tap(page, '.staff');
  await tap(page, '.overview');
  await tap(page, '.rules');
  expect(navigated).toEqual([
    '/console/enclosure/enclosure?enclosureId=enc-lixin',
    '/console/invitations/invitations',
    '/console/staff/staff',
    '/console/overview/overview',
    '/console/rules/rules',
  ]);
});

test('the street admin adds a 社区: the name is sent, a refusal shows beside it, a resend creates it once', async () => {
  const page = await openAs(['admin']);
  expect(onScreen(page, '.community-form')).toBe(false);
  await tap(page, '.add-community');
  await type(page, '.community-name-input', '  红荔社区第二社区居委会名称特别特别特别特别特别特别长  ');
  replyWith('estate', 'save', fail('INVALID_ARGUMENT', '社区名称不能超过30个字', 'name'));
  await tap(page, '.save-community');
  expect(textOf(page, '.community-form .error-name')).toBe('社区名称不能超过30个字');

  await type(page, '.community-name-input', ' 新华社区 ');
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  failNetwork('estate', 'save');
  await tap(page, '.save-community');
  logged.mockRestore();
  expect(textOf(page, '.community-form .error-form')).toBe('网络异常，请检查网络后重试');
  replyWith('estate', 'save', ok({ kind: 'community' as const, id: 'com-new', created: true }));
  await tap(page, '.save-community');
  const [refused, lost, resent] = saves();
  expect(resent.data).toEqual({ action: 'save', kind: 'community', requestId: lost.data.requestId, name: '新华社区' });
  // One form, one id until it lands: the lost attempt may have been stored.
  expect(refused.data.requestId).toBe(lost.data.requestId);
  expect(shownToasts().map((t) => t.title)).toContain('社区已新增');
  expect(treeLoads()).toHaveLength(2);
  expect(onScreen(page, '.community-form')).toBe(false);

  // The next 社区 is a new thing with a new id.
  await tap(page, '.add-community');
  await type(page, '.community-name-input', '江汉社区');
  await tap(page, '.save-community');
  expect(saves()[3].data.requestId).not.toBe(resent.data.requestId);
});

test('the street admin picks among live 社区 and a type; the enclosure is sent with its address', async () => {
  const page = await openAs(['admin']);
  await tap(page, '.add-enclosure');
  expect(textOf(page, '.pick-community')).toBe('所属社区：红荔社区');
  await pick(page, '.pick-community', 1);
  // The retired 旧城社区 is not offered: the second choice is 新华社区.
  expect(textOf(page, '.pick-community')).toBe('所属社区：新华社区');
  await type(page, '.enclosure-name-input', '幸福里');
  await pick(page, '.pick-type', 2);
  expect(textOf(page, '.pick-type')).toBe('类型：开放式楼院');
  await type(page, '.address-input', '新华路 3 号');
  replyWith('estate', 'save', ok({ kind: 'enclosure' as const, id: 'enc-new', created: true }));
  await tap(page, '.save-enclosure');
  expect(saves().map((c) => c.data)).toEqual([
    {
      action: 'save',
      kind: 'enclosure',
      requestId: expect.stringMatching(/^mp-/),
      communityId: 'com-xinhua',
      name: '幸福里',
      type: 'open',
      address: '新华路 3 号',
    },
  ]);
  expect(treeLoads()).toHaveLength(2);
});

test('a community admin adds an enclosure to their own 社区 without picking one, and cannot add a 社区', async () => {
  const page = await openAs(['community_admin'], ownTree);
  expect(page.querySelector('.add-community')).toBeUndefined();
  // Rule parameters are the street's alone.
  expect(page.querySelector('.rules')).toBeUndefined();
  expect(onScreen(page, '.overview')).toBe(true);
  await tap(page, '.add-enclosure');
  expect(page.querySelector('.pick-community')).toBeUndefined();
  expect(textOf(page, '.own-community')).toBe('所属社区：红荔社区');
  await type(page, '.enclosure-name-input', '春华苑');
  replyWith('estate', 'save', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '围合区名称不能超过30个字',
    field: 'name',
    errors: [
      { field: 'name', message: '围合区名称不能超过30个字' },
      { field: 'address', message: '地址不能超过80个字' },
    ],
  });
  await tap(page, '.save-enclosure');
  expect(saves()[0].data).toMatchObject({ communityId: 'com-hongli', type: 'estate', address: '' });
  expect(textOf(page, '.enclosure-form .error-name')).toBe('围合区名称不能超过30个字');
  expect(textOf(page, '.enclosure-form .error-address')).toBe('地址不能超过80个字');
  expect(page.querySelector('.enclosure-form .error-form')).toBeUndefined();

  // A refusal naming no field of the form is said under it.
  replyWith('estate', 'save', fail('PERMISSION_DENIED', '只能管理本社区的围合区'));
  await tap(page, '.save-enclosure');
  expect(textOf(page, '.enclosure-form .error-form')).toBe('只能管理本社区的围合区');
  expect(page.querySelector('.enclosure-form .error-name')).toBeUndefined();
});

test('a new enclosure’s 联系人 and 包干责任人 are sent whole; half of one, or a refused number, shows at its field', async () => {
  const page = await openAs(['community_admin'], ownTree);
  await tap(page, '.add-enclosure');
  await type(page, '.enclosure-name-input', '幸福里');
  await type(page, '.contactPhone-input', '13700138003');
  await type(page, '.responsibleName-input', '王科长');
  await tap(page, '.save-enclosure');
  expect(textOf(page, '.enclosure-form .error-contactName')).toBe('请填写联系人姓名');
  expect(textOf(page, '.enclosure-form .error-responsiblePhone')).toBe('请填写包干责任人手机号');
  expect(saves()).toEqual([]);

  await type(page, '.contactName-input', '刘主任');
  await type(page, '.responsiblePhone-input', '13900138002');
  replyWith('estate', 'save', fail('INVALID_ARGUMENT', '该号码已停机，请核对', 'responsible.phone'));
  await tap(page, '.save-enclosure');
  expect(saves()[0].data).toMatchObject({
    kind: 'enclosure',
    name: '幸福里',
    contact: { name: '刘主任', phone: '13700138003' },
    responsible: { name: '王科长', phone: '13900138002' },
  });
  expect(textOf(page, '.enclosure-form .error-responsiblePhone')).toBe('该号码已停机，请核对');
  expect(page.querySelector('.enclosure-form .error-contactName')).toBeUndefined();
  expect(page.querySelector('.enclosure-form .error-form')).toBeUndefined();

  // Only the 联系人 known: the 包干责任人 is not sent at all.
  await type(page, '.responsibleName-input', '');
  await type(page, '.responsiblePhone-input', '');
  replyWith('estate', 'save', ok({ kind: 'enclosure' as const, id: 'enc-new', created: true }));
  await tap(page, '.save-enclosure');
  const resent = saves()[1].data;
  expect(resent).toMatchObject({ requestId: saves()[0].data.requestId, contact: { name: '刘主任' } });
  expect(resent).not.toHaveProperty('responsible');
  expect(shownToasts().map((t) => t.title)).toContain('围合区已新增');
});

test('typing into the 社区 or 围合区 form, staff still see what each field is: a label names it, the placeholder is an example', async () => {
  const page = await openAs(['admin']);
  await tap(page, '.add-community');
  expect(formFields(page, '.community-form')).toEqual({
    labels: [['community-name-input', '社区名称']],
    namedByPlaceholder: [],
  });
  await tap(page, '.community-actions .rename');
  // Prefilled with the name it has: nothing in the box says what it is.
  expect(formFields(page, '.rename-form')).toEqual({ labels: [['rename-input', '社区名称']], namedByPlaceholder: [] });
  await tap(page, '.add-enclosure');
  expect(formFields(page, '.enclosure-form')).toEqual({
    labels: [
      ['enclosure-name-input', '围合区名称'],
      ['address-input', '地址（选填）'],
      ['contactName-input', '联系人姓名（选填）'],
      ['contactPhone-input', '联系人手机号（选填）'],
      ['responsibleName-input', '包干责任人姓名（选填）'],
      ['responsiblePhone-input', '包干责任人手机号（选填）'],
    ],
    namedByPlaceholder: [],
  });
});

test('a refusal of the tree shows in the load-state block instead of the console', async () => {
  replyWith('estate', 'tree', fail('PERMISSION_DENIED', '仅街道或社区管理员可以管理围合区'));
  replyWith('account', 'me', ok(me(['grid_worker'])));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('仅街道或社区管理员可以管理围合区');
  expect(onScreen(page, '.invitations')).toBe(false);
  expect(onScreen(page, '.add-enclosure')).toBe(false);

  replyWith('estate', 'tree', ok(ownTree));
  replyWith('account', 'me', ok(me(['community_admin'])));
  await tap(page, '.state >>> .retry');
  expect(onScreen(page, '.invitations')).toBe(true);
  expect(textsOf(page, '.enclosure-name')).toEqual(['春华苑', '立新村', '老厂宿舍']);
});

test('the console names types and room schemes as the domain does', () => {
  expect(ENCLOSURE_TYPE_LABELS).toEqual(CORE_TYPE_LABELS);
  expect(ROOM_SCHEME_LABELS).toEqual({ numbered: '按楼层编号（如501）', labelled: '按门牌（如A12）' });
});
