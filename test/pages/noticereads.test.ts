/** 阅读情况 rendered with miniprogram-simulate: reads per building, shared as the resident's card. */
import type { NoticeSummary } from '../../typings';
import { ok, replyWith } from './cloud-mock';
import { loadPage, openPage, textOf, textsOf } from './render';

const pages = { reads: loadPage('noticereads/noticereads') };
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
let opened: string[];
beforeEach(() => {
  opened = [];
  wxMock.navigateTo = ({ url }: { url: string }) => opened.push(url);
});

const summary = (overrides: Partial<NoticeSummary> = {}): NoticeSummary => ({
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
const shareCard = (page: Awaited<ReturnType<typeof openPage>>) =>
  (page.instance as unknown as { onShareAppMessage: () => unknown }).onShareAppMessage();

test('the reads page counts per building against residents and shares the resident’s card', async () => {
  replyWith(
    'notices',
    'reads',
    ok({
      notice: { ...summary(), body: '下午 3 点送到楼下。' },
      places: [
        { id: 'b03', name: '3栋', reads: 30, residents: 120 },
        { id: 'b04', name: '4栋', reads: 0, residents: 0 },
      ],
    }),
  );
  const page = await openPage(pages.reads, { id: 'n1' });
  expect(textOf(page, '.total')).toBe('已读 30 / 120 人');
  expect(textsOf(page, '.place-reads')).toEqual(['30 / 120（25%）', '0 / 0（—）']);
  expect(shareCard(page)).toEqual({ title: '【配送安排】明日蔬菜配送时间调整', path: '/pages/notice/notice?id=n1' });
});
