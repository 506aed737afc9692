/** 发布通知 rendered with miniprogram-simulate: the publisher's form and their sent notices. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { formFields, loadPage, openPage, tap, textOf, textsOf } from './render';
import { opened, summary, wxMock } from './notice-fixtures';

const pages = { publish: loadPage('publish/publish') };

const scopes = ok([
  { level: 'enclosure' as const, targetId: 'enc-chunhua', name: '春华苑' },
  { level: 'building' as const, targetId: 'b03', name: '春华苑3栋' },
]);

test('a grid worker publishes to a building they hold, once however often they tap, then sees its reads', async () => {
  replyWith('notices', 'scopes', scopes);
  replyWith('notices', 'sent', ok([{ ...summary({ id: 'n0', title: '出入须知' }), reads: 12 }]));
  replyWith('notices', 'publish', ok({ noticeId: 'n9', scopeName: '春华苑3栋' }));
  const page = await openPage(pages.publish);
  expect(formFields(page, '.form').namedByPlaceholder).toEqual([]);
  expect(textsOf(page, '.sent-meta')).toEqual(['春华苑3栋 · 2月12日 10:00 · 已读 12 人']);

  await tap(page, '.publish'); // no scope chosen yet: asked for, nothing sent
  expect(textOf(page, '.error-targetId')).toBe('请选择发布范围');
  expect(cloudCalls().filter((c) => c.data.action === 'publish')).toEqual([]);

  page.querySelector('.scope')!.dispatchEvent('change', { detail: { value: 1 } });
  page.querySelector('.kind')!.dispatchEvent('change', { detail: { value: 2 } });
  page.querySelector('.title')!.dispatchEvent('input', { detail: { value: ' 明日配送调整 ' } });
  page.querySelector('.body')!.dispatchEvent('input', { detail: { value: '下午 3 点送到楼下。' } });
  page.querySelector('.urgent')!.dispatchEvent('change', { detail: { value: true } });
  await simulate.sleep(5);
  page.querySelector('.publish')!.dispatchEvent('tap');
  page.querySelector('.publish')!.dispatchEvent('tap');
  await simulate.sleep(10);
  const published = cloudCalls().filter((c) => c.data.action === 'publish');
  expect(published).toHaveLength(1);
  expect(published[0].data).toEqual({
    action: 'publish',
    requestId: expect.any(String),
    level: 'building',
    targetId: 'b03',
    kind: 'delivery',
    title: '明日配送调整',
    body: '下午 3 点送到楼下。',
    urgent: true,
  });
  expect(shownToasts()).toContainEqual(expect.objectContaining({ title: '已发布' }));
  expect(opened).toEqual(['/pages/noticereads/noticereads?id=n9']);
  await tap(page, '.sent');
  expect(opened[1]).toBe('/pages/noticereads/noticereads?id=n0');
});

test('a refused notice keeps what was typed, says why under the field, and a retry is the same notice', async () => {
  replyWith('notices', 'scopes', ok([scopes.data[1]]));
  replyWith('notices', 'sent', ok([]));
  replyWith('notices', 'publish', fail('INVALID_ARGUMENT', '标题至少 2 个字', 'title'));
  const page = await openPage(pages.publish);
  expect(textOf(page, '.scope')).toBe('春华苑3栋 ▾'); // the only scope is chosen already
  page.querySelector('.title')!.dispatchEvent('input', { detail: { value: '通' } });
  page.querySelector('.body')!.dispatchEvent('input', { detail: { value: '请勿聚集。' } });
  await simulate.sleep(5);
  await tap(page, '.publish');
  expect(textOf(page, '.error-title')).toBe('标题至少 2 个字');
  expect(opened).toEqual([]);
  await tap(page, '.publish');
  const ids = cloudCalls()
    .filter((c) => c.data.action === 'publish')
    .map((c) => c.data.requestId);
  expect(ids).toHaveLength(2);
  expect(ids[1]).toBe(ids[0]);
});

test('a 明白纸 goes with its pictures, uploaded one by one and sent by fileID; a bad one is named under them', async () => {
  wxMock.chooseMedia = async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/g.jpg', size: 200_000 }] });
  wxMock.cloud = {
    ...(wxMock.cloud as object),
    uploadFile: async ({ cloudPath }: { cloudPath: string }) => ({ fileID: `cloud://env.bucket/${cloudPath}` }),
  };
  replyWith('notices', 'scopes', ok([scopes.data[1]]));
  replyWith('notices', 'sent', ok([]));
  replyWith('notices', 'publish', fail('INVALID_ARGUMENT', '照片不能超过 2 MB，请重新选择', 'images.1'));
  const page = await openPage(pages.publish);
  await tap(page, '.add-image');
  await tap(page, '.add-image');
  expect(page.querySelectorAll('.thumb')).toHaveLength(2);
  page.querySelector('.title')!.dispatchEvent('input', { detail: { value: '居家防护明白纸' } });
  page.querySelector('.body')!.dispatchEvent('input', { detail: { value: '见图。' } });
  await new Promise((r) => setTimeout(r, 5));
  await tap(page, '.publish');
  const [sent] = cloudCalls().filter((c) => c.data.action === 'publish');
  expect(sent.data.images).toEqual([
    expect.stringMatching(/^cloud:\/\/env\.bucket\/notices\/.+-0\.jpg$/),
    expect.stringMatching(/^cloud:\/\/env\.bucket\/notices\/.+-1\.jpg$/),
  ]);
  expect(textOf(page, '.error-images')).toBe('照片不能超过 2 MB，请重新选择');
});
