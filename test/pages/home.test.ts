/** 首页 rendered with miniprogram-simulate: what a resident or grid worker sees on opening the app. */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { cloudCalls, failNetwork, ok, replyWith } from './cloud-mock';
import { CHILD, HEAD, me, passReply } from './pass-fixtures';

const HOME = path.resolve(__dirname, '../../miniprogram/pages/home/home');
let id: string;

beforeAll(() => {
  id = simulate.load(HOME);
});

async function open() {
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as { onLoad: () => void }).onLoad();
  await simulate.sleep(10);
  return page;
}

const text = (page: ReturnType<typeof simulate.render>, selector: string) =>
  page.querySelector(selector)?.dom?.textContent?.trim();

test('a grid worker sees a greeting, their enclosure and the role badge', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: {
      roles: ['grid_worker'],
      displayName: '网格员王伟',
      enclosureId: 'enc-chunhua',
      enclosureName: '春华苑',
      gates: [{ id: 'gate-east', name: '春华苑东门' }],
    },
  });
  const page = await open();
  expect(text(page, '.greeting')).toBe('网格员王伟，您好');
  expect(text(page, '.enclosure')).toBe('所在围合区：春华苑');
  expect(page.querySelectorAll('.role').map((r) => r.dom!.textContent)).toEqual(['网格员']);
  expect(page.querySelector('.newcomer')).toBeUndefined();
  expect(page.querySelectorAll('.entry-title').map((n) => n.dom!.textContent)).toEqual([
    '扫码核验',
    '隔离名单',
    '防疫地图',
    '防疫平面图',
    '待核实住户',
    '申诉处理',
    '访客审批',
    '卡口记录',
    '上门登记',
    '爱心码',
    '关爱对象',
    '车辆登记',
    '值守排班',
    '巡查消杀',
    '随访',
    '发布通知',
    '隐患线索',
    '社区团购',
  ]);
  expect(cloudCalls()).toEqual([
    { name: 'account', data: { action: 'me' } },
    { name: 'grid', data: { action: 'todo' } }, // no answer: the entries show no counts and still open
  ]);
});

test('a grid worker sees on the entries how many wait to be verified, answered and followed up', async () => {
  replyWith(
    'account',
    'me',
    ok({ roles: ['grid_worker'], displayName: '王伟', enclosureId: 'e', enclosureName: '春华苑', gates: [] }),
  );
  replyWith('grid', 'todo', ok({ toVerify: 3, appeals: 0, roster: 120, visits: 2, clues: 4 }));
  const page = await open();
  // No badge where nothing waits; a long list reads 99+ as WeChat's own badges do.
  const badges = Object.fromEntries(
    page
      .querySelectorAll('.entry-head')
      .map((n) => [
        n.dom!.querySelector('[class*="entry-title"]')!.textContent,
        n.dom!.querySelector('[class*="count"]')?.textContent ?? null,
      ]),
  );
  expect(badges).toMatchObject({
    待核实住户: '3',
    申诉处理: null,
    隔离名单: '99+',
    访客审批: '2',
    防疫地图: null,
    隐患线索: '4',
  });
});

test('a newcomer without roles is asked to register', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: [], displayName: null, enclosureId: null, enclosureName: null, gates: [] },
  });
  const page = await open();
  expect(text(page, '.greeting')).toBe('您好');
  expect(text(page, '.newcomer')).toContain('请先完成住户登记');
});

test('a network failure shows a Chinese message and a retry that recovers', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  failNetwork('account', 'me');
  const page = await open();
  expect(logged).toHaveBeenCalledWith('[cloud] account.me failed', expect.any(Error));
  expect(text(page, '.state >>> .error-text')).toBe('网络异常，请检查网络后重试');
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: ['resident'], displayName: '李洋', enclosureId: 'e', enclosureName: '立新村', gates: [] },
  });
  page.querySelector('.state >>> .retry')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(text(page, '.greeting')).toBe('李洋，您好');
});

test('back on 首页 after registering, the newcomer sees their new roles, not the request to register', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: [], displayName: null, enclosureId: null, enclosureName: null, gates: [] },
  });
  const page = await open();
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(text(page, '.newcomer')).toContain('请先完成住户登记');
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: ['resident'], displayName: '赵新来', enclosureId: 'e', enclosureName: '春华苑', gates: [] },
  });
  instance.onShow(); // 返回 from 住户登记
  await simulate.sleep(10);
  expect(page.querySelector('.newcomer')).toBeUndefined();
  expect(text(page, '.greeting')).toBe('赵新来，您好');
  expect(page.querySelectorAll('.entry-title').map((n) => n.dom!.textContent)).toContain('我的通行码');
});

test('a resident finds the pass, the health report and the household, and each opens its page', async () => {
  const opened: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: ['resident'], displayName: '李洋', enclosureId: 'e', enclosureName: '立新村', gates: [] },
  });
  const page = await open();
  expect(page.querySelectorAll('.entry-title').map((n) => n.dom!.textContent)).toEqual([
    '我的通行码',
    '通知公告',
    '健康申报',
    '我的家庭',
    '隔离打卡',
    '亲友来访',
    '小区防疫地图',
    '隐患反映',
    '社区团购',
  ]);
  for (const entry of page.querySelectorAll('.entry')) entry.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(opened).toEqual([
    '/pages/pass/pass',
    '/pages/notices/notices',
    '/pages/report/report',
    '/pages/household/household',
    '/pages/isolation/isolation',
    '/pages/visits/visits',
    '/pages/siteplan/siteplan?public=1',
    '/pages/clue/clue',
    '/pages/batches/batches',
  ]);
});

test('a resident who volunteers and runs group orders finds 社区团购 once and 团购配送', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: {
      roles: ['resident', 'volunteer', 'organiser'],
      displayName: '陈芳',
      enclosureId: 'e',
      enclosureName: '春华苑',
      gates: [],
    },
  });
  const page = await open();
  expect(page.querySelectorAll('.role').map((r) => r.dom!.textContent)).toEqual(['居民', '志愿者', '团购团长']);
  expect(page.querySelectorAll('.entry-title').map((n) => n.dom!.textContent)).toEqual([
    '我的通行码',
    '通知公告',
    '健康申报',
    '我的家庭',
    '隔离打卡',
    '亲友来访',
    '小区防疫地图',
    '隐患反映',
    '服务任务',
    '关爱走访',
    '团购配送',
    '我的值守',
    '我的巡查',
    '社区团购',
  ]);
});

test('the street admin and a community admin find the console; a resident does not, but anyone can type an invitation code', async () => {
  const titles = (page: ReturnType<typeof simulate.render>) =>
    page.querySelectorAll('.entry-title').map((n) => n.dom!.textContent);
  const me = (roles: ('admin' | 'community_admin' | 'resident')[]) =>
    replyWith('account', 'me', {
      code: 0,
      message: 'ok',
      data: { roles, displayName: '李主任', enclosureId: null, enclosureName: null, gates: [] },
    });
  me(['community_admin']);
  expect(titles(await open())).toEqual(['发布通知', '隐患线索', '街道工作台', '邀请工作人员']);
  me(['admin']);
  expect(titles(await open())).toEqual(['发布通知', '隐患线索', '街道工作台', '邀请工作人员']);
  me(['resident']);
  const resident = await open();
  expect(titles(resident)).not.toContain('街道工作台');
  expect(text(resident, '.invite-link')).toBe('工作人员：输入邀请码');
});

test('a newcomer the street already listed finds 认领住户信息 beside 住户登记', async () => {
  const opened: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: [], displayName: null, enclosureId: null, enclosureName: null, gates: [] },
  });
  const page = await open();
  expect(page.querySelectorAll('.newcomer .button').map((b) => b.dom!.textContent!.trim())).toEqual([
    '住户登记',
    '认领住户信息（社区已为我登记）',
  ]);
  page.querySelector('.newcomer .claim')!.dispatchEvent('tap');
  page.querySelector('.newcomer .register')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(opened).toEqual(['/pages/claim/claim', '/pages/register/register']);
});

const resident = (roles: ('resident' | 'grid_worker')[] = ['resident']) =>
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles, displayName: '李华', enclosureId: 'e', enclosureName: '春华苑', gates: [] },
  });

test('a resident finds the live pass on the first screen, with the child they show it for, and it renews', async () => {
  jest.useFakeTimers({ advanceTimers: true });
  try {
    resident();
    replyWith('residents', 'me', me([HEAD, CHILD]));
    replyWith('residents', 'pass', () => passReply({}, 60_000));
    const page = await open();
    expect(text(page, '.pass >>> .colour-label')).toBe('红码 · 隔离观察');
    expect(page.querySelectorAll('.pass >>> .qr-row').length).toBeGreaterThanOrEqual(21);
    expect(page.querySelectorAll('.pass >>> .member-chip').map((n) => n.dom!.textContent)).toEqual([
      '本人',
      '李*（子女）',
    ]);
    const passes = () => cloudCalls().filter((c) => c.data.action === 'pass').length;
    expect(passes()).toBe(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(passes()).toBe(2); // renewed while 首页 is on screen
    const instance = page.instance as unknown as { onHide: () => void; onUnload: () => void };
    instance.onHide(); // another page opened on top: no renewals behind it
    await jest.advanceTimersByTimeAsync(180_000);
    expect(passes()).toBe(2);
    instance.onUnload();
  } finally {
    jest.useRealTimers();
  }
});

test('staff who are not residents see no pass and ask for none', async () => {
  resident(['grid_worker']);
  const page = await open();
  expect(page.querySelector('.pass')).toBeUndefined();
  expect(cloudCalls().map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['account.me', 'grid.todo']);
});

test('a resident whose pass cannot be had is told why on 首页, and the rest of it works', async () => {
  resident();
  replyWith('residents', 'me', me([HEAD]));
  replyWith('residents', 'pass', { code: 'FAILED_PRECONDITION', data: null, message: '您的住户信息待网格员核实' });
  const page = await open();
  expect(text(page, '.pass-problem')).toBe('通行码：您的住户信息待网格员核实');
  expect(page.querySelectorAll('.entry-title').length).toBeGreaterThan(0);
});

test('a resident sees how many notices are unread on 通知公告, and an unread urgent one above the pass', async () => {
  const opened: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    opened.push(url);
  resident();
  const notice = (id: string, urgent: boolean, unread: boolean) => ({
    id,
    title: urgent ? '3栋2单元今日起封闭管理' : '明日蔬菜配送时间调整',
    kind: urgent ? ('isolation' as const) : ('delivery' as const),
    kindName: urgent ? '隔离通知' : '配送安排',
    urgent,
    scopeName: '春华苑3栋',
    publisherName: '网格员王伟',
    publishedAt: '2020-02-12T02:00:00.000Z',
    unread,
  });
  replyWith(
    'notices',
    'inbox',
    ok({ notices: [notice('n2', false, true), notice('n1', true, true)], unread: 2, urgentTemplateId: null }),
  );
  const page = await open();
  const badge = page
    .querySelectorAll('.entry-head')
    .find((n) => n.dom!.textContent!.includes('通知公告'))!
    .dom!.querySelector('[class*="count"]')?.textContent;
  expect(badge).toBe('2');
  expect(text(page, '.urgent-title')).toBe('3栋2单元今日起封闭管理');
  page.querySelector('.urgent-notice')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(opened).toEqual(['/pages/notice/notice?id=n1']);

  // Read already: no banner, no badge.
  replyWith('notices', 'inbox', ok({ notices: [notice('n1', true, false)], unread: 0, urgentTemplateId: null }));
  const later = await open();
  expect(later.querySelector('.urgent-notice')).toBeUndefined();
  expect(later.querySelectorAll('.count')).toHaveLength(0);
});

test('a resident whose report was answered sees it on 隐患反映, counted without marking it seen', async () => {
  resident();
  replyWith('clues', 'mine', ok({ clues: [], unseen: 1, buildings: [] }));
  const page = await open();
  const badge = page
    .querySelectorAll('.entry-head')
    .find((n) => n.dom!.textContent!.includes('隐患反映'))!
    .dom!.querySelector('[class*="count"]')?.textContent;
  expect(badge).toBe('1');
  expect(cloudCalls().filter((c) => c.name === 'clues')).toEqual([{ name: 'clues', data: { action: 'mine' } }]);
});
