/** One notice rendered with miniprogram-simulate: opened from its share card, or refused. Each notices page has a test file of its own: miniprogram-simulate garbles one template with another loaded in the same file. */
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { shareCard, summary, wxMock } from './notice-fixtures';
import { loadPage, onScreen, openPage, textOf, textsOf } from './render';

const pages = { notice: loadPage('notice/notice') };

test('a notice opened from its share card shows its text and shares on as the same card', async () => {
  const menus: unknown[] = [];
  wxMock.showShareMenu = (options: unknown) => menus.push(options);
  replyWith(
    'notices',
    'open',
    ok({ ...summary(), body: '因道路管控，明日蔬菜包改为下午 3 点送到楼下。', imageUrls: ['https://tmp/p1.jpg'] }),
  );
  const previewed: unknown[] = [];
  wxMock.previewImage = (o: unknown) => previewed.push(o);
  const page = await openPage(pages.notice, { id: 'n1' });
  expect(cloudCalls()).toEqual([{ name: 'notices', data: { action: 'open', noticeId: 'n1' } }]);
  expect(textOf(page, '.body')).toBe('因道路管控，明日蔬菜包改为下午 3 点送到楼下。');
  expect(textsOf(page, '.meta')).toEqual(['配送安排 · 发给春华苑3栋', '网格员王伟 · 2月12日 10:00']);
  expect(menus).toHaveLength(1);
  page.querySelector('.picture')!.dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 5));
  expect(previewed).toEqual([{ urls: ['https://tmp/p1.jpg'], current: 'https://tmp/p1.jpg' }]);
  expect(shareCard(page)).toEqual({ title: '【配送安排】明日蔬菜配送时间调整', path: '/pages/notice/notice?id=n1' });
});

test('a card forwarded to someone it was not for shows the refusal, not the notice', async () => {
  replyWith('notices', 'open', fail('PERMISSION_DENIED', '该通知不是发给您所在楼栋的'));
  const page = await openPage(pages.notice, { id: 'n1' });
  expect(page.dom!.textContent).toContain('该通知不是发给您所在楼栋的');
  expect(onScreen(page, '.body')).toBe(false);
  expect(onScreen(page, '.share')).toBe(false);
});
