/** 我的家庭 rendered with miniprogram-simulate: who may act for whom, and the head accepting a newcomer. */
import simulate from 'miniprogram-simulate';
import type { MeView, MemberView } from '../../typings';
import type { MyIsolation } from '../../typings';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('household/household');
const address = { enclosureName: '春华苑', building: '3栋', unit: 1, room: '501' };
const member = (overrides: Partial<MemberView>): MemberView => ({
  residentId: 'res-1',
  maskedName: '李*华',
  relation: 'head',
  colour: 'green',
  self: false,
  actFor: false,
  pending: false,
  ...overrides,
});
const meReply = (data: Partial<MeView>) =>
  ok<MeView>({
    ...{ registered: true, residentId: 'res-1', isHead: true, pending: false, address, members: [], contacts: [] },
    ...data,
  });

const isolation = (isolated: boolean) => (data: Record<string, unknown>) =>
  ok<MyIsolation>({
    residentId: String(data.residentId),
    maskedName: '李*',
    isolated,
    status: { colour: 'red', reasons: [], until: null, ruleVersion: 1 },
    orders: [],
    ended: [],
    window: null,
    checkedIn: false,
    next: '2020-02-15T23:00:00.000Z',
    reminderTemplateId: null,
  });
const opened: string[] = [];
beforeEach(() => {
  opened.length = 0;
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
});

test('the head sees pass and declaration links only for themselves and the dependant without WeChat', async () => {
  replyWith(
    'residents',
    'me',
    meReply({
      members: [
        member({ residentId: 'res-1', self: true, actFor: true }),
        member({ residentId: 'res-2', maskedName: '李*', relation: 'child', actFor: true }),
        member({ residentId: 'res-3', maskedName: '王*芳', relation: 'member', actFor: false }),
      ],
    }),
  );
  const page = await openPage(id);
  expect(page.querySelectorAll('.member')).toHaveLength(3);
  expect(page.querySelectorAll('.open-pass').map((n) => n.dom!.dataset.id)).toEqual(['res-1', 'res-2']);
  expect(textsOf(page, '.declare')).toEqual(['健康申报', '代为申报']);
});

test('the head accepts a pending newcomer with one tap, and the list is refreshed', async () => {
  let accepted = false;
  replyWith('residents', 'me', () =>
    meReply({
      members: [
        member({ residentId: 'res-1', self: true, actFor: true }),
        member({ residentId: 'res-9', maskedName: '赵*来', relation: 'member', pending: !accepted }),
      ],
    }),
  );
  replyWith('residents', 'acceptMember', (data: Record<string, unknown>) => {
    accepted = true;
    return { code: 0, message: 'ok', data: { residentId: String(data.residentId), accepted: true } };
  });
  const toasts: unknown[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showToast = (options: unknown) => toasts.push(options);
  const page = await openPage(id);
  expect(textsOf(page, '.member-pending')).toEqual(['待确认']);
  await tap(page, '.accept');
  expect(toasts).toEqual([{ title: '已确认', icon: 'success' }]);
  expect(cloudCalls().find((c) => c.data.action === 'acceptMember')?.data).toMatchObject({ residentId: 'res-9' });
  expect(page.querySelectorAll('.member-pending')).toHaveLength(0);
  expect(page.querySelectorAll('.accept')).toHaveLength(0);
});

test('a pending newcomer is told why they see only themselves', async () => {
  replyWith(
    'residents',
    'me',
    meReply({ isHead: false, pending: true, members: [member({ self: true, actFor: true, relation: 'member' })] }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.pending-note')[0]).toContain('户主');
  expect(page.querySelectorAll('.accept')).toHaveLength(0);
  expect(page.querySelectorAll('.start-adding')).toHaveLength(0);
});

test('back on 我的家庭 after declaring a fever for a member, their colour is the new one', async () => {
  let declared = false;
  replyWith('residents', 'me', () =>
    meReply({
      members: [
        member({ residentId: 'res-1', self: true, actFor: true }),
        member({
          residentId: 'res-2',
          maskedName: '李*',
          relation: 'child',
          actFor: true,
          colour: declared ? 'red' : 'green',
        }),
      ],
    }),
  );
  replyWith('quarantine', 'mine', isolation(false)); // red for a fever, not under isolation
  const page = await openPage(id);
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(textsOf(page, '.badge')).toEqual(['绿码', '绿码']);
  page.querySelectorAll('.declare')[1].dispatchEvent('tap');
  await simulate.sleep(10);
  expect(opened).toEqual(['/pages/report/report?residentId=res-2']);
  declared = true; // 代为申报 with 37.9℃ on the report page
  instance.onShow(); // 返回
  await simulate.sleep(10);
  expect(textsOf(page, '.badge')).toEqual(['绿码', '红码']);
  expect(page.querySelectorAll('.badge')[1].dom!.className).toContain('red');
  expect(page.querySelectorAll('.check-in-for')).toHaveLength(0);
});

test('someone not yet registered is told so, and sees the household once registered', async () => {
  replyWith(
    'residents',
    'me',
    ok<MeView>({
      ...{ registered: false, residentId: null, isHead: false, pending: false, address: null },
      ...{ members: [], contacts: [] },
    }),
  );
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('您还没有登记住户信息');
  replyWith('residents', 'me', meReply({ members: [member({ self: true, actFor: true })] }));
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.address')).toBe('春华苑 3栋1单元501室');
});

test('有事找谁 lists the building’s people, then the enclosure’s, with masked numbers; no card when there are none', async () => {
  const contacts = [
    { label: '3栋联系人', name: '陈楼长', phoneMasked: '138****8001' },
    { label: '3栋包干责任人', name: '王科长', phoneMasked: '139****8002' },
    { label: '春华苑联系人', name: '刘主任', phoneMasked: '137****8003' },
  ];
  replyWith('residents', 'me', meReply({ members: [member({ self: true, actFor: true })], contacts }));
  const page = await openPage(id);
  expect(textOf(page, '.contacts-title')).toBe('有事找谁');
  expect(textsOf(page, '.contact')).toEqual([
    '3栋联系人 · 陈楼长 · 138****8001',
    '3栋包干责任人 · 王科长 · 139****8002',
    '春华苑联系人 · 刘主任 · 137****8003',
  ]);

  replyWith('residents', 'me', meReply({ members: [member({ self: true, actFor: true })], contacts: [] }));
  const none = await openPage(id);
  expect(onScreen(none, '.member')).toBe(true);
  expect(none.querySelector('.contacts')).toBeUndefined();
});

test('for a dependant under home isolation the head checks in and asks for help on the isolation page', async () => {
  replyWith(
    'residents',
    'me',
    meReply({
      members: [
        member({ residentId: 'res-1', self: true, actFor: true }),
        member({ residentId: 'res-2', maskedName: '李*', relation: 'child', actFor: true, colour: 'red' }),
        member({ residentId: 'res-3', maskedName: '李*国', relation: 'elder', actFor: true, colour: 'red' }),
        member({ residentId: 'res-4', maskedName: '王*芳', relation: 'member', actFor: true }),
      ],
    }),
  );
  // res-2 is isolated; res-3 is red for a fever, with no isolation order.
  replyWith('quarantine', 'mine', (data) => isolation(data.residentId === 'res-2')(data));
  const page = await openPage(id);
  expect(
    cloudCalls()
      .filter((c) => c.data.action === 'mine')
      .map((c) => c.data.residentId),
  ).toEqual(['res-2', 'res-3']);
  expect(page.querySelectorAll('.check-in-for').map((n) => n.dom!.dataset.id)).toEqual(['res-2']);
  expect(textsOf(page, '.ask-help-for')).toEqual(['代为求助']);
  await tap(page, '.check-in-for');
  await tap(page, '.ask-help-for');
  expect(opened).toEqual([
    '/pages/isolation/isolation?residentId=res-2',
    '/pages/isolation/isolation?residentId=res-2&help=1',
  ]);
});

test('adding a member: each field is labelled; an empty birth year is asked for before anything is sent', async () => {
  replyWith('residents', 'me', meReply({ members: [member({ self: true, actFor: true })] }));
  replyWith('residents', 'addDependant', fail('INVALID_ARGUMENT', '出生年份应在 1900–2026 之间', 'birthYear'));
  const page = await openPage(id);
  await tap(page, '.start-adding');
  expect(textsOf(page, '.add-form .label')).toEqual(['姓名', '关系', '出生年份']);
  page.querySelector('.add-form .name')!.dispatchEvent('input', { detail: { value: '李小明' } });
  await simulate.sleep(5);
  await tap(page, '.save');
  expect(textOf(page, '.error-birth-year')).toBe('请填写出生年份');
  expect(cloudCalls().some((c) => c.data.action === 'addDependant')).toBe(false);
  page.querySelector('.birth-year')!.dispatchEvent('input', { detail: { value: '1850' } });
  await simulate.sleep(5);
  await tap(page, '.save');
  expect(cloudCalls().find((c) => c.data.action === 'addDependant')?.data).toMatchObject({ birthYear: 1850 });
  expect(textOf(page, '.error-birth-year')).toBe('出生年份应在 1900–2026 之间');
});
