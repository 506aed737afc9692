/** 阅读情况 rendered with miniprogram-simulate: reads per building, shared as the resident's card. */
import { ok, replyWith } from './cloud-mock';
import { shareCard, summary } from './notice-fixtures';
import { loadPage, openPage, textOf, textsOf } from './render';

const pages = { reads: loadPage('noticereads/noticereads') };

test('the reads page counts per building against residents and shares the resident’s card', async () => {
  replyWith(
    'notices',
    'reads',
    ok({
      notice: { ...summary(), body: '下午 3 点送到楼下。', imageUrls: [] },
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
