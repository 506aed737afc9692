/** What the 通知公告 page tests share: a notice as the cloud lists it, the pages opened, the share card. */
import type { NoticeSummary } from '../../typings';
import type { Rendered } from './render';

/** The page's `wx`, read when used: the simulator puts it in place after this file loads. */
const wx = () => (globalThis as unknown as { wx: Record<string | symbol, unknown> }).wx;
export const wxMock = new Proxy({} as Record<string, unknown>, {
  get: (_target, key) => wx()[key],
  set: (_target, key, value) => {
    wx()[key] = value;
    return true;
  },
});

/** The URLs the page navigated to since the test began. */
export const opened: string[] = [];
beforeEach(() => {
  opened.length = 0;
  wxMock.navigateTo = ({ url }: { url: string }) => opened.push(url);
});

export const summary = (overrides: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id: 'n1',
  title: '明日蔬菜配送时间调整',
  kind: 'delivery',
  kindName: '配送安排',
  urgent: false,
  scopeName: '春华苑3栋',
  publisherName: '网格员王伟',
  publishedAt: '2020-02-12T02:00:00.000Z',
  ...overrides,
});

export const shareCard = (page: Rendered) =>
  (page.instance as unknown as { onShareAppMessage: () => unknown }).onShareAppMessage();
