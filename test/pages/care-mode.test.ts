/** 关怀模式: large text when WeChat's font is large or the user switches it on at 首页. */
import { ok, replyWith } from './cloud-mock';
import { me, passReply } from './pass-fixtures';
import { hasClass, loadPage, openPage, tap } from './render';

const home = loadPage('home/home');
const pass = loadPage('pass/pass');
const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const originalBaseInfo = wxGlobal.getAppBaseInfo;
let stored: Map<string, unknown>;

beforeEach(() => {
  stored = new Map();
  wxGlobal.getStorageSync = (key: string) => stored.get(key) ?? '';
  wxGlobal.setStorageSync = (key: string, value: unknown) => stored.set(key, value);
  wxGlobal.getAppBaseInfo = originalBaseInfo;
  replyWith(
    'account',
    'me',
    ok({ roles: ['resident' as const], displayName: '王秀英', enclosureId: 'e', enclosureName: '春华苑', gates: [] }),
  );
  replyWith('residents', 'me', me([{ residentId: 'res-00042', maskedName: '王*英', relation: 'head', self: true }]));
  replyWith('residents', 'pass', passReply({}, 600_000));
});

const isCare = (page: Awaited<ReturnType<typeof openPage>>, selector: string) => hasClass(page, selector, 'care');
const close = (page: Awaited<ReturnType<typeof openPage>>) =>
  (page.instance as unknown as { onUnload: () => void }).onUnload();

test('at WeChat’s normal font the pages are as they are', async () => {
  const page = await openPage(home);
  expect(isCare(page, '.state')).toBe(false);
  expect(isCare(page, '.pass >>> .pass-root')).toBe(false);
  close(page);
});

test('with WeChat’s font at its 关怀模式 size (23.8 px), 首页 and 通行码 turn to large text by themselves', async () => {
  wxGlobal.getAppBaseInfo = () => ({ fontSizeSetting: 23.8, fontSizeScaleFactor: 1.4 });
  const page = await openPage(home);
  expect(isCare(page, '.state')).toBe(true);
  expect(isCare(page, '.pass >>> .pass-root')).toBe(true); // inside the component too
  const passPage = await openPage(pass);
  expect(isCare(passPage, '.state')).toBe(true);
  close(page);
  close(passPage);
});

test('switched on at 首页, it stays on for the pages opened after; switched off, it beats a large WeChat font', async () => {
  const page = await openPage(home);
  page.querySelector('.care-toggle')!.dispatchEvent('change', { detail: { value: true } });
  await tap(page, '.greeting'); // let the render settle
  expect(stored.get('careMode')).toBe('on');
  expect(isCare(page, '.state')).toBe(true);
  const passPage = await openPage(pass);
  expect(isCare(passPage, '.state')).toBe(true);
  close(passPage);

  wxGlobal.getAppBaseInfo = () => ({ fontSizeSetting: 23.8, fontSizeScaleFactor: 1.4 });
  page.querySelector('.care-toggle')!.dispatchEvent('change', { detail: { value: false } });
  await tap(page, '.greeting');
  expect(stored.get('careMode')).toBe('off');
  expect(isCare(page, '.state')).toBe(false);
  const after = await openPage(pass);
  expect(isCare(after, '.state')).toBe(false);
  close(after);
  close(page);
});
