/** 隐患反映 rendered with miniprogram-simulate: a resident reports, with a photo, and reads the answers. */
import simulate from 'miniprogram-simulate';
import type { MyClue } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { formFields, hasClass, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('clue/clue');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const uploads: string[] = [];
beforeEach(() => {
  uploads.length = 0;
  wxMock.cloud = {
    ...(wxMock.cloud as object),
    uploadFile: async ({ cloudPath }: { cloudPath: string }) => {
      uploads.push(cloudPath);
      return { fileID: `cloud://env.bucket/${cloudPath}` };
    },
  };
});
const photo = (size: number) => {
  wxMock.chooseMedia = async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/p.jpg', size }] });
};
const answered = (overrides: Partial<MyClue> = {}): MyClue => ({
  id: 'c1',
  kind: 'sanitation',
  kindName: '卫生死角、垃圾堆积',
  place: '3栋 2单元楼道',
  text: '楼道垃圾三天没人清运',
  state: 'closed',
  stateName: '已办结',
  at: '2020-02-12T02:00:00.000Z',
  outcomeName: '已处理',
  answer: '已联系保洁今日清运',
  unseen: true,
  ...overrides,
});
const buildings = [
  { id: 'b3', name: '3栋' },
  { id: 'b4', name: '4栋' },
];
const reports = () =>
  cloudCalls()
    .filter((c) => c.data.action === 'report')
    .map((c) => c.data);

test('a report at a building goes with its photo, once however often tapped; the answer shows as new', async () => {
  replyWith('clues', 'mine', ok({ clues: [answered()], unseen: 1, buildings }));
  replyWith('clues', 'report', ok({ id: 'c2', remainingToday: 3 }));
  const page = await openPage(id);
  expect(cloudCalls()[0]).toEqual({ name: 'clues', data: { action: 'mine', markSeen: true } });
  expect(formFields(page, '.form').namedByPlaceholder).toEqual([]);
  expect(textOf(page, '.mine-state')).toBe('新答复');
  expect(hasClass(page, '.mine', 'unseen')).toBe(true);
  expect(textOf(page, '.answer')).toBe('已处理：已联系保洁今日清运');

  page.querySelector('.kind')!.dispatchEvent('change', { detail: { value: 0 } });
  page.querySelector('.place')!.dispatchEvent('change', { detail: { value: 1 } });
  page.querySelector('.place-text')!.dispatchEvent('input', { detail: { value: ' 楼下 ' } });
  page.querySelector('.text')!.dispatchEvent('input', { detail: { value: '傍晚有十几人聚集打牌' } });
  photo(300_000);
  await tap(page, '.choose-photo');
  expect(uploads).toEqual([expect.stringMatching(/^clues\/.+\.jpg$/)]);
  page.querySelector('.submit')!.dispatchEvent('tap');
  page.querySelector('.submit')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(reports()).toEqual([
    {
      action: 'report',
      requestId: expect.any(String),
      kind: 'gathering',
      buildingId: 'b4',
      placeText: '楼下',
      text: '傍晚有十几人聚集打牌',
      photoFileId: `cloud://env.bucket/${uploads[0]}`,
    },
  ]);
  expect(shownToasts()).toContainEqual(
    expect.objectContaining({ title: '已提交，网格员会尽快处理（今天还可反映 3 条）' }),
  );
});

test('a public place goes without a building; a photo over 2 MB is refused before any upload', async () => {
  replyWith('clues', 'mine', ok({ clues: [], unseen: 0, buildings }));
  replyWith('clues', 'report', ok({ id: 'c3', remainingToday: 4 }));
  const page = await openPage(id);
  expect(textsOf(page, '.mine')).toEqual([]);
  photo(3 * 1024 * 1024);
  await tap(page, '.choose-photo');
  expect(uploads).toEqual([]);
  expect(textOf(page, '.error-photoFileId')).toBe('照片不能超过 2 MB，请重新选择');
  page.querySelector('.kind')!.dispatchEvent('change', { detail: { value: 2 } });
  page.querySelector('.place')!.dispatchEvent('change', { detail: { value: 2 } }); // 公共区域
  page.querySelector('.place-text')!.dispatchEvent('input', { detail: { value: '东门外垃圾站' } });
  page.querySelector('.text')!.dispatchEvent('input', { detail: { value: '垃圾满了没人清运' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  expect(reports()).toEqual([
    {
      action: 'report',
      requestId: expect.any(String),
      kind: 'sanitation',
      placeText: '东门外垃圾站',
      text: '垃圾满了没人清运',
    },
  ]);
});

test('nothing chosen asks for type and place; a refusal shows under its field and keeps the same request', async () => {
  replyWith('clues', 'mine', ok({ clues: [], unseen: 0, buildings }));
  replyWith('clues', 'report', fail('RESOURCE_EXHAUSTED', '每人每天最多反映 5 条，请明天再试或直接联系网格员'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-kind')).toBe('请选择类型');
  expect(textOf(page, '.error-placeText')).toBe('请选择楼栋或公共区域');
  expect(reports()).toEqual([]);
  page.querySelector('.kind')!.dispatchEvent('change', { detail: { value: 0 } });
  page.querySelector('.place')!.dispatchEvent('change', { detail: { value: 0 } });
  page.querySelector('.text')!.dispatchEvent('input', { detail: { value: '有人聚集' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  await tap(page, '.submit');
  expect(textOf(page, '.error-form')).toBe('每人每天最多反映 5 条，请明天再试或直接联系网格员');
  const ids = reports().map((r) => r.requestId);
  expect(ids).toHaveLength(2);
  expect(ids[1]).toBe(ids[0]);
});
