/** 通知公告 (residents) rendered with miniprogram-simulate: the inbox. */
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { hasClass, loadPage, openPage, tap, textOf, textsOf } from './render';
import { opened, summary, wxMock } from './notice-fixtures';

const pages = { inbox: loadPage('notices/notices') };

test('the inbox marks the unread and the urgent, and a tap opens the notice', async () => {
  replyWith(
    'notices',
    'inbox',
    ok({
      notices: [
        {
          ...summary({ id: 'n2', title: '3栋2单元封闭管理', urgent: true, kind: 'isolation', kindName: '隔离通知' }),
          unread: true,
        },
        { ...summary(), unread: false },
      ],
      unread: 1,
      urgentTemplateId: null,
    }),
  );
  const page = await openPage(pages.inbox);
  expect(textOf(page, '.summary')).toBe('1 条未读');
  expect(textsOf(page, '.title')).toEqual(['3栋2单元封闭管理', '明日蔬菜配送时间调整']);
  expect(page.querySelectorAll('.dot')).toHaveLength(1);
  expect(page.querySelectorAll('.urgent')).toHaveLength(1);
  expect(hasClass(page, '.notice', 'unread')).toBe(true);
  expect(textsOf(page, '.meta')[1]).toBe('配送安排 · 网格员王伟 · 2月12日 10:00');
  await tap(page, '.notice');
  expect(opened).toEqual(['/pages/notice/notice?id=n2']);
});

test('with none yet, a resident subscribes to urgent notices: one accepted tap, one message', async () => {
  const asked: unknown[] = [];
  wxMock.requestSubscribeMessage = async ({ tmplIds }: { tmplIds: string[] }) => {
    asked.push(tmplIds);
    return { [tmplIds[0]]: 'accept', errMsg: 'requestSubscribeMessage:ok' };
  };
  replyWith('notices', 'inbox', ok({ notices: [], unread: 0, urgentTemplateId: 'tmpl-urgent' }));
  replyWith('notices', 'subscribe', ok({ remaining: 2 }));
  const page = await openPage(pages.inbox);
  expect(textOf(page, '.empty')).toBe('近 30 天没有通知');
  await tap(page, '.subscribe');
  expect(asked).toEqual([['tmpl-urgent']]);
  expect(cloudCalls().filter((c) => c.data.action === 'subscribe')).toEqual([
    { name: 'notices', data: { action: 'subscribe', accepted: 1 } },
  ]);
  expect(shownToasts()).toContainEqual(expect.objectContaining({ title: '已订阅，下一条紧急通知将提醒您（共 2 次）' }));

  // Declined in WeChat's sheet: nothing is recorded.
  wxMock.requestSubscribeMessage = async ({ tmplIds }: { tmplIds: string[] }) => ({ [tmplIds[0]]: 'reject' });
  await tap(page, '.subscribe');
  expect(cloudCalls().filter((c) => c.data.action === 'subscribe')).toHaveLength(1);
});

test('where no template is set up, no subscribe is offered', async () => {
  replyWith('notices', 'inbox', ok({ notices: [], unread: 0, urgentTemplateId: null }));
  const page = await openPage(pages.inbox);
  expect(page.querySelector('.subscribe')).toBeUndefined();
});
