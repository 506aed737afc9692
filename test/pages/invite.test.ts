/** 工作人员邀请 rendered with miniprogram-simulate: from a 小程序码's scene, from a typed code, and refused states. */
import simulate from 'miniprogram-simulate';
import type { InvitationPreview } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, formFields } from './render';

const id = loadPage('invite/invite');

const preview = (overrides: Partial<InvitationPreview> = {}): InvitationPreview => ({
  role: 'grid_worker',
  scopeText: '网格员 · 翠竹苑 · 翠竹苑第1网格 · 卡口：翠竹苑北门',
  invitedName: '张网格',
  issuedByName: '街道管理员',
  state: 'open',
  expiresAt: '2020-02-12T04:00:00.000Z',
  ...overrides,
});

let relaunched: string[];
beforeEach(() => {
  relaunched = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.reLaunch = ({ url }: { url: string }) =>
    relaunched.push(url);
});

test('opened from the 小程序码, the invitee sees the role and where, accepts, and is taken home', async () => {
  replyWith('staff', 'preview', ok(preview()));
  replyWith('staff', 'accept', ok({ role: 'grid_worker', roles: ['grid_worker'], scopeText: preview().scopeText }));
  // WeChat hands the scene URL-encoded.
  const page = await openPage(id, { scene: encodeURIComponent('K3V9Q2M7X4B8N6C1') });
  expect(cloudCalls()[0].data).toEqual({ action: 'preview', code: 'k3v9q2m7x4b8n6c1' });
  expect(textOf(page, '.role')).toBe('网格员');
  expect(textOf(page, '.scope')).toBe('网格员 · 翠竹苑 · 翠竹苑第1网格 · 卡口：翠竹苑北门');
  expect(textOf(page, '.until')).toBe('有效期至 2月12日 12:00');
  await tap(page, '.accept');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'accept', code: 'k3v9q2m7x4b8n6c1' });
  expect(shownToasts()).toEqual([{ title: '已加入', icon: 'success' }]);
  expect(relaunched).toEqual(['/pages/home/home']);
});

test('without a code, the code is typed; a wrong one is explained and nothing else happens', async () => {
  const page = await openPage(id);
  expect(cloudCalls()).toEqual([]);
  expect(onScreen(page, '.code-input')).toBe(true);
  replyWith('staff', 'preview', fail('NOT_FOUND', '邀请码无效，请核对后重试'));
  // Typed as the inviter's screen shows it, in groups of four.
  page.querySelector('.code-input')!.dispatchEvent('input', { detail: { value: ' abcd efgh jkmn pqrs ' } });
  await simulate.sleep(5);
  await tap(page, '.look');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'preview', code: 'abcdefghjkmnpqrs' });
  expect(shownToasts()).toEqual([{ title: '邀请码无效，请核对后重试', icon: 'none' }]);
  expect(onScreen(page, '.code-input')).toBe(true);

  replyWith('staff', 'preview', ok(preview({ role: 'admin', scopeText: '街道管理员 · 全街道' })));
  await tap(page, '.look');
  expect(textOf(page, '.role')).toBe('街道管理员');
  expect(onScreen(page, '.accept')).toBe(true);
});

test('typing the code, the invitee still sees what the box is for: a label names it, the placeholder is an example', async () => {
  const page = await openPage(id);
  expect(formFields(page, '.typing')).toEqual({ labels: [['code-input', '邀请码']], namedByPlaceholder: [] });
});

test('a used or expired invitation says so and offers no accept button', async () => {
  replyWith('staff', 'preview', ok(preview({ state: 'used' })));
  const page = await openPage(id, { code: 'k3v9q2m7x4b8n6c1' });
  expect(textOf(page, '.state-text')).toBe('该邀请已被使用');
  expect(onScreen(page, '.accept')).toBe(false);
});

describe('opened from a share card or a 小程序码, with no page behind it', () => {
  const globals = globalThis as unknown as { getCurrentPages: () => unknown[] };
  const original = globals.getCurrentPages;
  afterEach(() => {
    globals.getCurrentPages = original;
  });

  test('返回首页 is offered and takes the person home', async () => {
    globals.getCurrentPages = () => [{ route: 'pages/invite/invite' }];
    const page = await openPage(id);
    expect(textOf(page, '.home >>> .home-link')).toBe('‹ 返回首页');
    await tap(page, '.home >>> .home-link');
    expect(relaunched).toEqual(['/pages/home/home']);
  });

  test('opened from another page, there is a way back already: no 返回首页', async () => {
    globals.getCurrentPages = () => [{ route: 'pages/home/home' }, { route: 'pages/invite/invite' }];
    const page = await openPage(id);
    expect(page.querySelector('.home >>> .home-link')).toBeUndefined();
  });
});
