/**
 * 关怀模式 on every page a resident uses (the switch and WeChat's font: care-mode.test.ts; the
 * isolation, report and appeal pages, which miniprogram-simulate does not render beside other pages
 * in one file, in their own tests).
 */
import { hasClass, loadPage, openPage } from './render';

const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
let stored: Map<string, unknown>;
beforeEach(() => {
  stored = new Map();
  wxGlobal.getStorageSync = (key: string) => stored.get(key) ?? '';
});

const isCare = (page: Awaited<ReturnType<typeof openPage>>) => hasClass(page, '.state', 'care');

const residentPages = [
  'household/household',
  'batches/batches',
  'batch/batch',
  'myorders/myorders',
  'register/register',
  'claim/claim',
  'notices/notices',
  'notice/notice',
  'clue/clue',
  'siteplan/siteplan',
];
const residentPageIds = new Map(residentPages.map((name) => [name, loadPage(name)]));

test.each(residentPages)('the resident page %s follows 关怀模式 too', async (name) => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // its load has no reply here
  const id = residentPageIds.get(name)!;
  const normal = await openPage(id);
  expect(isCare(normal)).toBe(false);
  stored.set('careMode', 'on');
  const large = await openPage(id);
  expect(isCare(large)).toBe(true);
});
