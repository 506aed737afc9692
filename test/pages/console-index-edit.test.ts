/** 街道工作台: editing and retiring 社区 and 围合区, refusals beside the item, one request id per edit. */
import simulate from 'miniprogram-simulate';
import type { AccountMe, EnclosureDetail, EstateTree, Role } from '../../typings';
import { cloudCalls, fail, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf } from './render';

const id = loadPage('../console/index/index');

const enclosure = (eid: string, name: string, retired = false) => ({
  ...{ id: eid, name, type: 'estate' as const, address: '', retired },
  ...{ buildings: 0, gates: 0, grids: 0 },
});
const tree: EstateTree = {
  communities: [
    {
      id: 'com-hongli',
      name: '红荔社区',
      retired: false,
      enclosures: [
        { ...enclosure('enc-chunhua', '春华苑'), address: '红荔路 18 号', buildings: 12 },
        { ...enclosure('enc-lixin', '立新村'), type: 'village' },
        enclosure('enc-old', '老厂宿舍', true),
      ],
    },
    { id: 'com-old', name: '旧城社区', retired: true, enclosures: [] },
    { id: 'com-xinhua', name: '新华社区', retired: false, enclosures: [] },
  ],
};
const ownTree: EstateTree = { communities: [tree.communities[0]] };
const chunhua: EnclosureDetail = {
  enclosure: {
    ...tree.communities[0].enclosures[0],
    communityId: 'com-hongli',
    contact: { name: '刘主任', phone: '13700138003' },
    responsible: null,
  },
  buildings: [],
  gates: [],
  grids: [],
};
const me = (roles: Role[]): AccountMe => ({
  roles,
  displayName: '管理员',
  enclosureId: null,
  enclosureName: null,
  gates: [],
});

let navigated: string[];
let modals: { title?: string; editable?: boolean; placeholderText?: string }[];
let modalAnswer: { confirm: boolean; content?: string };
beforeEach(() => {
  navigated = [];
  modals = [];
  modalAnswer = { confirm: true, content: '' };
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.navigateTo = ({ url }: { url: string }) => navigated.push(url);
  wx.showModal = async (options: (typeof modals)[0]) => {
    modals.push(options);
    return { ...modalAnswer, cancel: !modalAnswer.confirm, errMsg: 'showModal:ok' };
  };
});

async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
const calls = (action: string) => cloudCalls().filter((c) => c.data.action === action);
const textIn = (page: Rendered, selector: string, i: number) => page.querySelectorAll(selector)[i].dom!.textContent!;
/** The refusal beside the i-th item of `selector`, as shown. */
const errorBeside = (page: Rendered, selector: string, i: number) =>
  page.querySelectorAll(selector)[i].dom!.querySelector('[class*="item-error"]')?.textContent?.trim();
async function tapNth(page: Rendered, selector: string, i: number) {
  page.querySelectorAll(selector)[i].dispatchEvent('tap');
  await simulate.sleep(10);
}

async function openAs(roles: Role[], answer: EstateTree = tree) {
  replyWith('estate', 'tree', ok(answer));
  replyWith('account', 'me', ok(me(roles)));
  return openPage(id);
}

test('the street admin renames a 社区: prefilled, refusal at the name, a resend keeps its request id', async () => {
  const page = await openAs(['admin']);
  // The retired 旧城社区 has no actions; the two live ones have 改名 and 停用.
  expect(page.querySelectorAll('.community-actions')).toHaveLength(2);
  expect(textIn(page, '.community', 1)).not.toContain('改名');
  await tap(page, '.community-actions .rename');
  // Saved untouched, the form sends the name it was prefilled with.
  replyWith('estate', 'save', fail('CONFLICT', '已有同名社区', 'name'));
  await tap(page, '.save-rename');
  expect(calls('save')[0].data).toMatchObject({ kind: 'community', id: 'com-hongli', name: '红荔社区' });
  expect(textOf(page, '.rename-form .error-name')).toBe('已有同名社区');

  await type(page, '.rename-input', ' 红荔社区（北） ');
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  failNetwork('estate', 'save');
  await tap(page, '.save-rename');
  logged.mockRestore();
  replyWith('estate', 'save', ok({ kind: 'community' as const, id: 'com-hongli', created: false }));
  await tap(page, '.save-rename');
  const [refused, lost, resent] = calls('save');
  expect(textOf(page, '.rename-form .error-form')).toBeUndefined();
  expect(resent.data).toEqual({
    action: 'save',
    kind: 'community',
    id: 'com-hongli',
    requestId: lost.data.requestId,
    name: '红荔社区（北）',
  });
  expect(refused.data.requestId).toBe(lost.data.requestId);
  expect(shownToasts().map((t) => t.title)).toContain('社区已改名');
  expect(calls('tree')).toHaveLength(2);
  expect(onScreen(page, '.rename-form')).toBe(false);
});

test('retiring a 社区 asks for a reason first; the refusal is said beside that 社区', async () => {
  const page = await openAs(['admin']);
  modalAnswer = { confirm: false };
  await tap(page, '.community-actions .retire');
  expect(modals[0]).toMatchObject({ title: '停用社区「红荔社区」', editable: true });
  expect(modals[0].placeholderText).toContain('停用后');
  modalAnswer = { confirm: true, content: ' 无 ' };
  await tap(page, '.community-actions .retire');
  expect(calls('retire')).toEqual([]);
  expect(errorBeside(page, '.community', 0)).toBe('请填写停用原因（至少 2 个字）');

  modalAnswer = { confirm: true, content: '并入新华社区' };
  replyWith('estate', 'retire', fail('FAILED_PRECONDITION', '请先停用该社区下的围合区', 'id'));
  await tap(page, '.community-actions .retire');
  expect(errorBeside(page, '.community', 0)).toBe('请先停用该社区下的围合区');
  expect(errorBeside(page, '.community', 2)).toBeUndefined();

  replyWith(
    'estate',
    'retire',
    ok({ kind: 'community' as const, id: 'com-xinhua', retiredAt: '2024-03-01T00:00:00Z' }),
  );
  modalAnswer = { confirm: true, content: '  撤并  ' };
  await tapNth(page, '.community-actions .retire', 1);
  expect(calls('retire')[1].data).toEqual({ action: 'retire', kind: 'community', id: 'com-xinhua', reason: '撤并' });
  expect(shownToasts().map((t) => t.title)).toContain('已停用');
  expect(calls('tree')).toHaveLength(2);
});

test('a community admin edits an enclosure in the same form, prefilled, its 社区 fixed', async () => {
  const page = await openAs(['community_admin'], ownTree);
  expect(page.querySelector('.community-actions')).toBeUndefined();
  // Live 春华苑 and 立新村 have actions; the retired 老厂宿舍 none.
  expect(page.querySelectorAll('.enclosure-actions')).toHaveLength(2);
  expect(textIn(page, '.enclosure-item', 2)).not.toContain('编辑');

  replyWith('estate', 'enclosure', ok(chunhua));
  await tap(page, '.enclosure-actions .edit');
  expect(navigated).toEqual([]);
  expect(calls('enclosure')[0].data).toEqual({ action: 'enclosure', enclosureId: 'enc-chunhua' });
  expect(textOf(page, '.edit-form .fixed-community')).toBe('所属社区：红荔社区');
  expect(page.querySelector('.edit-form .pick-community')).toBeUndefined();
  expect(textOf(page, '.edit-form .pick-type')).toBe('类型：小区');
  expect(textOf(page, '.edit-form .save-enclosure')).toBe('保存修改');

  // Only the type changed: the rest goes as prefilled (the 联系人 from the enclosure itself).
  page.querySelector('.edit-form .pick-type')!.dispatchEvent('change', { detail: { value: 2 } });
  await simulate.sleep(5);
  replyWith('estate', 'save', fail('INVALID_ARGUMENT', '地址不能超过80个字', 'address'));
  await tap(page, '.edit-form .save-enclosure');
  expect(calls('save')[0].data).toMatchObject({ name: '春华苑', address: '红荔路 18 号', type: 'open' });
  expect(textOf(page, '.edit-form .error-address')).toBe('地址不能超过80个字');
  await type(page, '.edit-form .enclosure-name-input', '春华苑一期');
  replyWith('estate', 'save', ok({ kind: 'enclosure' as const, id: 'enc-chunhua', created: false }));
  await tap(page, '.edit-form .save-enclosure');
  const [refused, saved] = calls('save');
  expect(saved.data).toEqual({
    action: 'save',
    kind: 'enclosure',
    id: 'enc-chunhua',
    requestId: refused.data.requestId,
    communityId: 'com-hongli',
    name: '春华苑一期',
    type: 'open',
    address: '红荔路 18 号',
    contact: { name: '刘主任', phone: '13700138003' },
  });
  expect(shownToasts().map((t) => t.title)).toContain('围合区已保存');
  expect(onScreen(page, '.edit-form')).toBe(false);
  expect(calls('tree')).toHaveLength(2);
});

test('a community admin retires an enclosure; what still holds live things is refused beside it', async () => {
  const page = await openAs(['community_admin'], ownTree);
  modalAnswer = { confirm: true, content: '整体拆迁' };
  replyWith('estate', 'retire', fail('FAILED_PRECONDITION', '请先停用该围合区的楼栋、卡口和网格', 'id'));
  await tapNth(page, '.enclosure-actions .retire', 1);
  expect(navigated).toEqual([]);
  expect(modals[0]).toMatchObject({ title: '停用围合区「立新村」', editable: true });
  expect(calls('retire')[0].data).toEqual({ action: 'retire', kind: 'enclosure', id: 'enc-lixin', reason: '整体拆迁' });
  expect(errorBeside(page, '.enclosure-item', 1)).toBe('请先停用该围合区的楼栋、卡口和网格');
  expect(errorBeside(page, '.enclosure-item', 0)).toBeUndefined();
  expect(shownToasts().map((t) => t.title)).not.toContain('已停用');
});
