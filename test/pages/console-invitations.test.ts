/** 邀请工作人员 rendered with miniprogram-simulate: who may be invited to what, what is sent, sharing, revoking. */
import simulate from 'miniprogram-simulate';
import type { AccountMe, EnclosureDetail, EstateTree, InvitationEntry, Role } from '../../typings';
import { cloudCalls, fail, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('../console/invitations/invitations');

const me = (roles: Role[]): AccountMe => ({
  roles,
  displayName: '王主任',
  enclosureId: null,
  enclosureName: null,
  gates: [],
});

const summary = (id: string, name: string, retired = false) => ({
  ...{ id, name, retired, type: 'estate' as const, address: '解放大道 1 号' },
  ...{ buildings: 3, gates: 2, grids: 2 },
});
const tree: EstateTree = {
  communities: [
    {
      id: 'com-chunhua',
      name: '春华社区',
      retired: false,
      enclosures: [summary('enc-chunhua', '春华苑'), summary('enc-old', '老粮站', true), summary('enc-qiao', '桥西村')],
    },
    { id: 'com-gone', name: '已撤并社区', retired: true, enclosures: [summary('enc-gone', '旧楼院')] },
    { id: 'com-lake', name: '湖滨社区', retired: false, enclosures: [] },
  ],
};

const placed = (id: string, name: string, retired = false) => ({ id, name, retired, enclosureId: 'enc-chunhua' });
const detail: EnclosureDetail = {
  enclosure: { ...summary('enc-chunhua', '春华苑'), communityId: 'com-chunhua', contact: null, responsible: null },
  buildings: [],
  grids: [
    { ...placed('grid-1', '第1网格'), buildingIds: [] },
    { ...placed('grid-2', '第2网格', true), buildingIds: [] },
    { ...placed('grid-3', '第3网格'), buildingIds: [] },
  ],
  gates: [
    { ...placed('gate-east', '东门'), vehicles: false },
    { ...placed('gate-west', '西门', true), vehicles: true },
    { ...placed('gate-north', '北门'), vehicles: false },
  ],
};

const entry = (overrides: Partial<InvitationEntry>): InvitationEntry => ({
  invitationId: 'inv-1',
  role: 'grid_worker',
  invitedName: '张三',
  scopeText: '网格员 · 春华苑 · 第1网格 · 卡口：东门',
  state: 'open',
  expiresAt: '2020-02-18T04:00:00.000Z',
  issuedAt: '2020-02-15T04:00:00.000Z',
  acceptedAt: null,
  ...overrides,
});

let modals: { title?: string; content?: string }[];
let confirm: boolean;

beforeEach(() => {
  modals = [];
  confirm = true;
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showModal = async (options: { title?: string; content?: string }) => {
    modals.push(options);
    return { confirm, cancel: !confirm, content: '', errMsg: 'showModal:ok' };
  };
});

async function open(roles: Role[], invitations: InvitationEntry[] = []): Promise<Rendered> {
  replyWith('account', 'me', ok(me(roles)));
  replyWith('estate', 'tree', ok(tree));
  replyWith('estate', 'enclosure', ok(detail));
  replyWith('staff', 'invitations', ok(invitations));
  return openPage(id);
}
const data = (page: Rendered) =>
  page.instance.data as unknown as { roleLabels: string[]; enclosures: { label: string }[]; communities: unknown[] };
async function change(page: Rendered, selector: string, value: unknown) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(10);
}
async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
/** An attribute as the page set it (built-in components keep none on their DOM node under simulate). */
const attr = (page: Rendered, selector: string, name: string) =>
  page
    .querySelector(selector)!
    .toJSON()
    .attrs.find((a) => a.name === name)?.value;
const invites = () => cloudCalls().filter((c) => c.data.action === 'invite');
const share = (page: Rendered) =>
  (page.instance as unknown as { onShareAppMessage(): { title: string; path?: string } }).onShareAppMessage();
const issuedOk = (qrFileID: string | null) =>
  ok({ invitationId: 'inv-9', code: 'abcd2345efghjkmn', qrFileID, expiresAt: '2020-02-18T04:00:00.000Z' });

test('the street admin invites a grid worker to live grids and gates, then shows the code to scan, read or share', async () => {
  const page = await open(['admin']);
  expect(data(page).roleLabels).toEqual(['网格员', '志愿者', '社区管理员', '街道管理员', '医务人员']);
  // Only live enclosures of live 社区 are offered.
  expect(data(page).enclosures.map((e) => e.label)).toEqual(['春华社区 · 春华苑', '春华社区 · 桥西村']);
  expect(textOf(page, '.pick-role')).toBe('角色：网格员 ▾');
  await change(page, '.pick-enclosure', '0');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'enclosure', enclosureId: 'enc-chunhua' });
  expect(textsOf(page, '.box.grid')).toEqual(['第1网格', '第3网格']);
  expect(textsOf(page, '.box.gate')).toEqual(['东门', '北门']);
  await change(page, '.grid-boxes', ['grid-3', 'grid-1']);
  await change(page, '.gate-boxes', ['gate-east']);
  await type(page, '.name', ' 张三 ');
  replyWith('staff', 'invite', issuedOk('cloud://env-1.7365/invitations/inv-9.png'));
  await tap(page, '.submit');

  expect(invites().map((c) => c.data)).toEqual([
    {
      action: 'invite',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      role: 'grid_worker',
      name: '张三',
      enclosureId: 'enc-chunhua',
      gridIds: ['grid-1', 'grid-3'],
      gateIds: ['gate-east'],
      validHours: 72,
    },
  ]);
  expect(attr(page, '.issued .qr', 'src')).toBe('cloud://env-1.7365/invitations/inv-9.png');
  expect(onScreen(page, '.no-qr')).toBe(false);
  expect(textOf(page, '.code')).toBe('abcd 2345 efgh jkmn');
  expect(textOf(page, '.expires')).toBe('有效期至 2月18日 12:00（北京时间），仅可使用一次');
  expect(onScreen(page, '.share')).toBe(true);
  expect(share(page)).toEqual({
    title: '邀请您担任网格员：春华苑 · 第1网格 · 第3网格 · 卡口：东门',
    path: '/pages/invite/invite?code=abcd2345efghjkmn',
  });
  expect(shownToasts()).toContainEqual({ title: '邀请已生成', icon: 'success' });
  // The list is fetched again, so the new invitation is listed.
  expect(cloudCalls().filter((c) => c.data.action === 'invitations')).toHaveLength(2);
});

test('typing into the invitation form, staff still see what each field is: a label names it, the placeholder is an example', async () => {
  const page = await open(['admin']);
  expect(formFields(page, '.invite-form')).toEqual({
    labels: [
      ['name', '被邀请人称呼'],
      ['hours', '有效时长'],
    ],
    namedByPlaceholder: [],
  });
});

test('without a 小程序码 the code and the share card still work; before any invitation the share has no code', async () => {
  const page = await open(['admin']);
  expect(share(page).title).toBe('社区防疫通');
  expect(share(page).path ?? '').not.toContain('code=');
  await change(page, '.pick-role', '3');
  expect(textOf(page, '.whole-street')).toBe('街道管理员可管理全街道');
  await type(page, '.name', '李四');
  replyWith('staff', 'invite', issuedOk(null));
  await tap(page, '.submit');
  expect(invites()[0].data).toEqual({
    action: 'invite',
    requestId: expect.any(String),
    role: 'admin',
    name: '李四',
    validHours: 72,
  });
  expect(page.querySelector('.issued .qr')).toBeUndefined();
  expect(textOf(page, '.no-qr')).toContain('仍可通过下方「分享给被邀请人」发送邀请卡片');
  expect(textOf(page, '.code')).toBe('abcd 2345 efgh jkmn');
  expect(share(page)).toEqual({
    title: '邀请您担任街道管理员：全街道',
    path: '/pages/invite/invite?code=abcd2345efghjkmn',
  });
});

test('a community admin may invite only grid workers, volunteers and medics; a volunteer takes an enclosure', async () => {
  const page = await open(['community_admin']);
  expect(data(page).roleLabels).toEqual(['网格员', '志愿者', '医务人员']);
  // The community admin's tree is their own 社区: no 社区 in front of each enclosure.
  expect(data(page).enclosures.map((e) => e.label)).toEqual(['春华苑', '桥西村']);
  await change(page, '.pick-role', '1');
  expect(onScreen(page, '.pick-community')).toBe(false);
  await change(page, '.pick-enclosure', '1');
  expect(onScreen(page, '.grid-boxes')).toBe(false);
  await type(page, '.name', '桥西村志愿者王五');
  await type(page, '.hours', '24');
  replyWith('staff', 'invite', issuedOk(null));
  await tap(page, '.submit');
  expect(cloudCalls().some((c) => c.data.action === 'enclosure')).toBe(false);
  expect(invites()[0].data).toEqual({
    action: 'invite',
    requestId: expect.any(String),
    role: 'volunteer',
    name: '桥西村志愿者王五',
    enclosureId: 'enc-qiao',
    validHours: 24,
  });
  expect(share(page).title).toBe('邀请您担任志愿者：桥西村');
});

test('a 社区管理员 needs a 社区 and hours within 1–168; what is missing is said at the field before sending', async () => {
  const page = await open(['admin']);
  await change(page, '.pick-role', '2');
  await type(page, '.name', '赵社区');
  await type(page, '.hours', '200');
  await tap(page, '.submit');
  expect(invites()).toHaveLength(0);
  expect(textOf(page, '.error-communityId')).toBe('请选择社区');
  expect(textOf(page, '.error-validHours')).toBe('有效时长应为 1–168 小时的整数');
  await change(page, '.pick-community', '1');
  await type(page, '.hours', '168');
  replyWith('staff', 'invite', issuedOk(null));
  await tap(page, '.submit');
  expect(invites()[0].data).toMatchObject({ role: 'community_admin', communityId: 'com-lake', validHours: 168 });
  expect(invites()[0].data).not.toHaveProperty('enclosureId');
  expect(share(page).title).toBe('邀请您担任社区管理员：湖滨社区');
});

test('the server’s refusal shows at its field; a resend after a lost answer is the same invitation, the next one new', async () => {
  const page = await open(['admin']);
  await change(page, '.pick-enclosure', '0');
  await tap(page, '.submit');
  expect(textOf(page, '.error-gridIds')).toBe('请至少选择一个网格或卡口');
  expect(invites()).toHaveLength(0);
  await change(page, '.grid-boxes', ['grid-1']);
  expect(page.querySelector('.error-gridIds')).toBeUndefined();
  replyWith('staff', 'invite', fail('INVALID_ARGUMENT', '被邀请人称呼至少 2 个字', 'name'));
  await tap(page, '.submit');
  expect(textOf(page, '.error-name')).toBe('被邀请人称呼至少 2 个字');
  expect(onScreen(page, '.issued')).toBe(false);

  await type(page, '.name', '张三');
  expect(page.querySelector('.error-name')).toBeUndefined();
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  failNetwork('staff', 'invite');
  await tap(page, '.submit');
  logged.mockRestore();
  expect(textOf(page, '.error-form')).toBe('网络异常，请检查网络后重试');
  replyWith('staff', 'invite', issuedOk(null));
  await tap(page, '.submit');
  const sent = invites().map((c) => c.data.requestId);
  expect(sent).toHaveLength(3);
  expect(sent[2]).toBe(sent[1]); // the resend of the lost one
  expect(onScreen(page, '.issued')).toBe(true);

  await type(page, '.name', '张三');
  await tap(page, '.submit');
  expect(invites()[3].data.requestId).not.toBe(sent[2]);
});

test('the list says role, name, scope, state and expiry; 撤销 asks first, then takes it back and lists it again', async () => {
  const open1 = entry({});
  const used = entry({
    invitationId: 'inv-2',
    role: 'community_admin',
    invitedName: '赵社区',
    scopeText: '社区管理员 · 春华社区',
    state: 'used',
    acceptedAt: '2020-02-15T05:00:00.000Z',
  });
  const expired = entry({ invitationId: 'inv-3', role: 'volunteer', scopeText: '志愿者 · 桥西村', state: 'expired' });
  const page = await open(['admin'], [open1, used, expired]);
  expect(textsOf(page, '.invitation .who')).toEqual(['网格员 · 张三', '社区管理员 · 赵社区', '志愿者 · 张三']);
  expect(textsOf(page, '.invitation .scope')).toEqual(['春华苑 · 第1网格 · 卡口：东门', '春华社区', '桥西村']);
  expect(textsOf(page, '.invitation .state-text')).toEqual(['待接受', '已接受', '已过期']);
  expect(textOf(page, '.invitation .expiry')).toBe('有效期至 2月18日 12:00');
  expect(page.querySelectorAll('.revoke')).toHaveLength(1);

  confirm = false;
  await tap(page, '.revoke');
  expect(modals[0].content).toContain('张三');
  expect(modals[0].content).toContain('网格员（春华苑 · 第1网格 · 卡口：东门）');
  expect(cloudCalls().some((c) => c.data.action === 'revoke')).toBe(false);

  confirm = true;
  replyWith('staff', 'revoke', ok({ invitationId: 'inv-1', state: 'revoked' as const }));
  replyWith('staff', 'invitations', ok([{ ...open1, state: 'revoked' }, used, expired]));
  await tap(page, '.revoke');
  expect(cloudCalls().find((c) => c.data.action === 'revoke')!.data).toEqual({
    action: 'revoke',
    invitationId: 'inv-1',
  });
  expect(shownToasts()).toContainEqual({ title: '已撤销', icon: 'success' });
  expect(textsOf(page, '.invitation .state-text')[0]).toBe('已撤销');
  expect(page.querySelectorAll('.revoke')).toHaveLength(0);
});

test('a revoke the server refuses (accepted meanwhile) is told in its words and the list shows why', async () => {
  const page = await open(['community_admin'], [entry({})]);
  replyWith('staff', 'revoke', fail('FAILED_PRECONDITION', '该邀请已被接受，请在工作人员名单中办理停用'));
  replyWith('staff', 'invitations', ok([entry({ state: 'used', acceptedAt: '2020-02-15T06:00:00.000Z' })]));
  await tap(page, '.revoke');
  expect(shownToasts()).toContainEqual({ title: '该邀请已被接受，请在工作人员名单中办理停用', icon: 'none' });
  expect(textOf(page, '.invitation .state-text')).toBe('已接受');
});

test('the invitation just issued, once revoked, is no longer offered to share', async () => {
  const page = await open(['admin']);
  await change(page, '.pick-role', '3');
  await type(page, '.name', '李四');
  replyWith('staff', 'invite', issuedOk(null));
  replyWith(
    'staff',
    'invitations',
    ok([entry({ invitationId: 'inv-9', role: 'admin', scopeText: '街道管理员 · 全街道' })]),
  );
  await tap(page, '.submit');
  expect(onScreen(page, '.issued')).toBe(true);
  replyWith('staff', 'revoke', ok({ invitationId: 'inv-9', state: 'revoked' as const }));
  await tap(page, '.revoke');
  expect(onScreen(page, '.issued')).toBe(false);
  expect(share(page).path ?? '').not.toContain('code=');
});

test('someone who is not an admin is told so instead of a form', async () => {
  replyWith('account', 'me', ok(me(['grid_worker'])));
  replyWith('estate', 'tree', fail('PERMISSION_DENIED', '仅街道或社区管理员可以管理围合区'));
  replyWith('staff', 'invitations', fail('PERMISSION_DENIED', '仅街道或社区管理员可以管理邀请'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('仅街道或社区管理员可以管理围合区');
  expect(onScreen(page, '.submit')).toBe(false);
});
