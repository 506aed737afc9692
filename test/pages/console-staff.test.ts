/** 工作人员 rendered with miniprogram-simulate: who is listed where, suspending, handing over, refusals. */
import simulate from 'miniprogram-simulate';
import type { StaffMember } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('../console/staff/staff');

const ENCLOSURE_IDS: Record<string, string> = { 春华苑: 'enc-chunhua', 桥西村: 'enc-qiaoxi' };
const member = (userId: string, name: string, more: Partial<StaffMember> = {}): StaffMember => {
  const m = {
    userId,
    name,
    roles: ['grid_worker'] as StaffMember['roles'],
    enclosureName: '春华苑',
    grids: [],
    gates: [],
    ...more,
  };
  return { ...m, enclosureId: m.enclosureName ? ENCLOSURE_IDS[m.enclosureName] : null };
};
// In the order the server happens to send them, not the order they are shown in.
const staff: StaffMember[] = [
  member('o-qian', '钱七', { enclosureName: '桥西村', grids: [{ id: 'grid-q1', name: '桥西第1网格' }] }),
  member('o-zhao', '赵六', { roles: ['volunteer'] }),
  member('o-li-shuji', '李书记', { roles: ['community_admin'], enclosureName: null }),
  member('o-zhang', '张三', {
    grids: [
      { id: 'grid-1', name: '第1网格' },
      { id: 'grid-3', name: '第3网格' },
    ],
    gates: [{ id: 'gate-east', name: '东门' }],
  }),
  member('o-wang', '王主任', { roles: ['admin'], enclosureName: null }),
  member('o-li', '李四', { roles: ['grid_worker', 'volunteer'], grids: [{ id: 'grid-2', name: '第2网格' }] }),
];

let modals: { title?: string; content?: string; editable?: boolean; placeholderText?: string }[];
let answer: { confirm: boolean; content?: string };
let navigations: string[];

beforeEach(() => {
  modals = [];
  answer = { confirm: true, content: '' };
  navigations = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showModal = async (options: (typeof modals)[0]) => {
    modals.push(options);
    return { ...answer, cancel: !answer.confirm, errMsg: 'showModal:ok' };
  };
  wxMock.navigateTo = (options: { url: string }) => navigations.push(options.url);
});

async function open(members: StaffMember[] = staff): Promise<Rendered> {
  replyWith('staff', 'members', ok(members));
  return openPage(id);
}
/** Who is who in the fixtures: each card is marked by its member's user id. */
const userIdOf = (name: string) => staff.find((m) => m.name === name)!.userId;
const inCard = (page: Rendered, name: string, selector: string) =>
  page.querySelector(`.who-${userIdOf(name)} ${selector}`);
const textIn = (page: Rendered, name: string, selector: string) =>
  inCard(page, name, selector)?.dom?.textContent?.trim();
async function tapIn(page: Rendered, name: string, selector: string) {
  inCard(page, name, selector)!.dispatchEvent('tap');
  await simulate.sleep(10);
}
async function pickReceiver(page: Rendered, name: string, index: number) {
  inCard(page, name, '.hand-over')!.dispatchEvent('change', { detail: { value: String(index) } });
  await simulate.sleep(10);
}
/** The names a member's 交接 picker offers. */
const offered = (page: Rendered, name: string) =>
  (
    inCard(page, name, '.hand-over')!
      .toJSON()
      .attrs.find((a) => a.name === 'range')?.value as unknown as { name: string }[]
  ).map((r) => r.name);
const sent = (action: string) => cloudCalls().filter((c) => c.data.action === action);

test('staff are grouped by enclosure, street-level admins first, each with roles, grids and gates', async () => {
  const page = await open();
  expect(cloudCalls().map((c) => c.data)).toEqual([{ action: 'members' }]);
  expect(textsOf(page, '.group-title')).toEqual(['街道 / 社区（2）', '春华苑（3）', '桥西村（1）']);
  expect(textsOf(page, '.name')).toEqual(['王主任', '李书记', '李四', '张三', '赵六', '钱七']);
  expect(page.querySelectorAll('.who-o-wang .role').map((n) => n.dom!.textContent)).toEqual(['街道管理员']);
  expect(textIn(page, '李书记', '.role')).toBe('社区管理员');
  expect(textIn(page, '赵六', '.role')).toBe('志愿者');
  expect(textIn(page, '张三', '.role')).toBe('网格员');
  expect(page.querySelectorAll('.who-o-li .role').map((n) => n.dom!.textContent)).toEqual(['网格员', '志愿者']);
  expect(textIn(page, '张三', '.grids')).toBe('网格：第1网格、第3网格');
  expect(textIn(page, '张三', '.gates')).toBe('卡口：东门');
  expect(textIn(page, '李四', '.gates')).toBeUndefined();
  // Everyone may be suspended; only a grid worker with something to hand over offers 交接.
  expect(page.querySelectorAll('.member .suspend')).toHaveLength(6);
  expect(inCard(page, '赵六', '.hand-over')).toBeUndefined();
  expect(inCard(page, '王主任', '.hand-over')).toBeUndefined();
  // Alone in 桥西村: nobody to take over, and the page says so instead of offering an empty picker.
  expect(inCard(page, '钱七', '.hand-over')).toBeUndefined();
  expect(textIn(page, '钱七', '.no-receiver')).toBe('本围合区暂无其他网格员可接手');

  await tap(page, '.invite');
  expect(navigations).toEqual(['/console/invitations/invitations']);
});

test('with nobody in scope the page says so; a refused list shows the refusal', async () => {
  const empty = await open([]);
  expect(onScreen(empty, '.none')).toBe(true);
  expect(textOf(empty, '.none')).toBe('暂无工作人员');

  replyWith('staff', 'members', fail('PERMISSION_DENIED', '仅街道或社区管理员可以管理工作人员'));
  const refused = await openPage(id);
  expect(textOf(refused, '.state >>> .error-text')).toBe('仅街道或社区管理员可以管理工作人员');
  expect(onScreen(refused, '.member')).toBe(false);
});

test('停用 asks for a reason naming the person and what they lose, sends it and refreshes the list', async () => {
  const page = await open();
  answer = { confirm: true, content: '  调离本街道  ' };
  replyWith('staff', 'suspend', ok({ userId: 'o-zhang', roles: ['resident'] }));
  replyWith('staff', 'members', ok(staff.filter((m) => m.userId !== 'o-zhang')));
  await tapIn(page, '张三', '.suspend');

  expect(modals).toHaveLength(1);
  expect(modals[0].editable).toBe(true);
  expect(modals[0].title).toBe('停用张三的网格员身份');
  expect(modals[0].placeholderText).toBe(
    '将收回其负责的网格：第1网格、第3网格；卡口：东门。请填写停用原因（至少 2 个字）',
  );
  expect(sent('suspend').map((c) => c.data)).toEqual([{ action: 'suspend', userId: 'o-zhang', reason: '调离本街道' }]);
  expect(shownToasts()).toContainEqual({ title: '已停用', icon: 'success' });
  expect(sent('members')).toHaveLength(2);
  expect(textsOf(page, '.name')).not.toContain('张三');
  expect(textsOf(page, '.group-title')).toContain('春华苑（2）');
});

test('cancelling 停用, or confirming without a reason of 2 characters, sends nothing', async () => {
  const page = await open();
  answer = { confirm: false, content: '调离' };
  await tapIn(page, '赵六', '.suspend');
  expect(modals[0].title).toBe('停用赵六的志愿者身份');
  expect(modals[0].placeholderText).toBe('请填写停用原因（至少 2 个字）');
  expect(sent('suspend')).toEqual([]);
  expect(inCard(page, '赵六', '.member-error')).toBeUndefined();

  answer = { confirm: true, content: ' 走 ' };
  await tapIn(page, '赵六', '.suspend');
  expect(sent('suspend')).toEqual([]);
  expect(textIn(page, '赵六', '.member-error')).toBe('请填写停用原因（至少 2 个字）');
  expect(sent('members')).toHaveLength(1);
});

test('交接 offers only the other grid workers of the same enclosure, confirms what moves, sends the pair and refreshes', async () => {
  const page = await open();
  expect(offered(page, '张三')).toEqual(['李四']);
  expect(offered(page, '李四')).toEqual(['张三']);

  replyWith('staff', 'handOver', ok({ gridIds: ['grid-1', 'grid-3'], gateIds: ['gate-east'] }));
  await pickReceiver(page, '张三', 0);
  expect(modals.map((m) => m.content)).toEqual([
    '张三负责的网格：第1网格、第3网格；卡口：东门，将全部交给李四。确定交接吗？',
  ]);
  expect(sent('handOver').map((c) => c.data)).toEqual([
    { action: 'handOver', fromUserId: 'o-zhang', toUserId: 'o-li' },
  ]);
  expect(shownToasts()).toContainEqual({ title: '已交接', icon: 'success' });
  expect(sent('members')).toHaveLength(2);
});

test('cancelling the hand-over confirmation sends nothing', async () => {
  const page = await open();
  answer = { confirm: false };
  await pickReceiver(page, '李四', 0);
  expect(modals[0].content).toBe('李四负责的网格：第2网格，将全部交给张三。确定交接吗？');
  expect(sent('handOver')).toEqual([]);
  expect(sent('members')).toHaveLength(1);
});

test('refusals are shown beside the member they concern, and the list stays as it was', async () => {
  const page = await open();
  answer = { confirm: true, content: '本人申请' };
  replyWith('staff', 'suspend', fail('PERMISSION_DENIED', '不能对自己办理'));
  await tapIn(page, '王主任', '.suspend');
  expect(textIn(page, '王主任', '.member-error')).toBe('不能对自己办理');
  expect(inCard(page, '张三', '.member-error')).toBeUndefined();

  replyWith('staff', 'handOver', fail('INVALID_ARGUMENT', '接手人须为同一围合区的网格员', 'toUserId'));
  await pickReceiver(page, '张三', 0);
  expect(textIn(page, '张三', '.member-error')).toBe('接手人须为同一围合区的网格员');
  // A later try clears the old refusal before it answers anew.
  replyWith('staff', 'suspend', fail('NOT_FOUND', '该工作人员不存在或已停用'));
  await tapIn(page, '王主任', '.suspend');
  expect(textIn(page, '王主任', '.member-error')).toBe('该工作人员不存在或已停用');
  expect(shownToasts()).toEqual([]);
  expect(sent('members')).toHaveLength(1);
  expect(textsOf(page, '.name')).toHaveLength(6);
});

test('two enclosures that share a name (in different 社区) are separate groups', async () => {
  const page = await open([
    member('o-a', '甲', { grids: [{ id: 'g-a', name: '第1网格' }] }),
    { ...member('o-b', '乙'), enclosureId: 'enc-other-chunhua' },
    member('o-c', '丙'),
  ]);
  expect(textsOf(page, '.group-title')).toEqual(['春华苑（2）', '春华苑（1）']);
});
