/** 住户名册导入 rendered with miniprogram-simulate: template, file from a chat, the check's report, the import. */
import type { CheckReport, EnclosureDetail, ImportProgress } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('../console/import/import');

const enclosureId = 'enc-chunhua';
const detail: EnclosureDetail = {
  enclosure: {
    ...{ id: enclosureId, communityId: 'com-hongli', name: '春华苑', type: 'estate', address: '红荔路 18 号' },
    ...{ retired: false, buildings: 3, gates: 2, grids: 2, contact: null, responsible: null },
  },
  buildings: [],
  gates: [],
  grids: [],
};

const report = (overrides: Partial<CheckReport> = {}): CheckReport => ({
  ...{ rows: 100, problems: [], problemCount: 0, newRows: 60, changedRows: 15, unchangedRows: 25 },
  ...{ missing: [{ maskedName: '王*明', address: '1栋1单元501室' }], missingCount: 1, ...overrides },
});
const progress = (processed: number, done = false): ImportProgress => ({
  ...{ jobId: 'imp-1', state: done ? 'done' : 'running', total: 100, processed },
  ...{ created: Math.round(processed * 0.6), updated: Math.round(processed * 0.15) },
  unchanged: processed - Math.round(processed * 0.6) - Math.round(processed * 0.15),
});

type WxMock = Record<string, unknown> & { cloud: Record<string, unknown> };
const wxMock = () => (globalThis as unknown as { wx: WxMock }).wx;

let chosen: { name: string; path: string; size: number }[];
let chooseOptions: unknown[];
let uploads: { cloudPath: string; filePath: string }[];
let modals: { title?: string; content?: string }[];
let confirm: boolean;
beforeEach(() => {
  chosen = [{ name: '春华苑名册.xlsx', path: 'wxfile://tmp/a.xlsx', size: 20_000 }];
  chooseOptions = [];
  uploads = [];
  modals = [];
  confirm = true;
  const wx = wxMock();
  wx.chooseMessageFile = async (options: unknown) => {
    chooseOptions.push(options);
    return { tempFiles: [{ ...chosen.shift()!, time: 0, type: 'file' }], errMsg: 'chooseMessageFile:ok' };
  };
  wx.cloud.uploadFile = async (p: { cloudPath: string; filePath: string }) => {
    uploads.push(p);
    return { fileID: `cloud://env-1/${p.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
  wx.showModal = async (options: (typeof modals)[0]) => {
    modals.push(options);
    return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
  };
  replyWith('estate', 'enclosure', ok(detail));
});

const applyCalls = () => cloudCalls().filter((c) => c.name === 'registry' && c.data.action === 'apply');

/** Opens the page and checks one file, answered with `answer`. */
async function checked(answer: CheckReport): Promise<Rendered> {
  replyWith('registry', 'check', ok(answer));
  const page = await openPage(id, { enclosureId });
  await tap(page, '.choose');
  return page;
}

/** apply answers these in turn; each call notes the progress on screen when it was made. */
function applyAnswers(...answers: (ImportProgress | 'network')[]): (string | undefined)[] {
  const seen: (string | undefined)[] = [];
  replyWith('registry', 'apply', () => {
    seen.push(page ? textOf(page, '.progress') : undefined);
    const next = answers.shift();
    if (!next) throw new Error('apply called once too often');
    if (next === 'network') throw new Error('request:fail');
    return ok(next);
  });
  return seen;
}
let page: Rendered | undefined;
afterEach(() => (page = undefined));

test('problems are listed by row and column, the rest counted; nothing can be imported', async () => {
  page = await checked(
    report({
      problems: [
        { row: 3, column: '身份证号', message: '身份证号校验位不对，请核对' },
        { row: 7, column: '', message: '与第 3 行是同一人' },
        { row: 0, column: '', message: '表格中含有图片，请删除图片后再导入' },
      ],
      problemCount: 503,
      missing: [
        { maskedName: '王*明', address: '1栋1单元501室' },
        { maskedName: '李*', address: '2栋1单元302室' },
      ],
      missingCount: 202,
    }),
  );
  expect(textOf(page, '.enclosure-name')).toBe('春华苑');
  expect(chooseOptions).toEqual([{ count: 1, type: 'file', extension: ['xlsx', 'csv'] }]);
  expect(uploads).toEqual([
    {
      cloudPath: expect.stringMatching(/^imports\/enc-chunhua\/\d+-春华苑名册\.xlsx$/),
      filePath: 'wxfile://tmp/a.xlsx',
    },
  ]);
  expect(cloudCalls().at(-1)).toEqual({
    name: 'registry',
    data: { action: 'check', fileID: `cloud://env-1/${uploads[0].cloudPath}`, enclosureId },
  });
  expect(textOf(page, '.counts')).toBe('共 100 行：新增 60 / 更新 15 / 未变 25');
  expect(textsOf(page, '.problem')).toEqual([
    '第 3 行「身份证号」：身份证号校验位不对，请核对',
    '第 7 行：与第 3 行是同一人',
    '文件：表格中含有图片，请删除图片后再导入',
  ]);
  expect(textOf(page, '.more-problems')).toBe('另有 500 处问题未列出');
  expect(textOf(page, '.missing-head')).toBe('名册中没有、之前导入过的 202 人：');
  expect(textsOf(page, '.missing')).toEqual(['王*明（1栋1单元501室）', '李*（2栋1单元302室）']);
  expect(textOf(page, '.more-missing')).toBe('另有 200 人未列出');
  expect(textOf(page, '.missing-note')).toContain('不会删除任何人');
  expect(onScreen(page, '.start')).toBe(false);
  expect(applyCalls()).toHaveLength(0);
});

test('a clean file is imported after a confirmation, with progress across three calls of one request id', async () => {
  const seen = applyAnswers(progress(40), progress(80), progress(100, true));
  page = await checked(report());
  expect(textOf(page, '.no-problems')).toBe('没有发现问题，可以导入。');
  await tap(page, '.start');
  expect(modals).toEqual([
    expect.objectContaining({
      title: '导入住户名册',
      content: '共 100 行：新增 60 人，更新 15 人，未变 25 人。名册中没有的 1 人保留不删。导入后即为已核实住户。',
    }),
  ]);
  const calls = applyCalls();
  expect(calls).toHaveLength(3);
  const { requestId } = calls[0].data;
  expect(requestId).toEqual(expect.stringMatching(/^mp-/));
  for (const call of calls)
    expect(call.data).toEqual({
      action: 'apply',
      requestId,
      fileID: `cloud://env-1/${uploads[0].cloudPath}`,
      enclosureId,
    });
  expect(seen).toEqual([undefined, '已处理 40 / 100', '已处理 80 / 100']);
  expect(textOf(page, '.summary')).toBe('导入完成：共 100 行，新增 60 人，更新 15 人，未变 25 人');
  expect(shownToasts()).toEqual([{ title: '导入完成', icon: 'success' }]);
  expect(onScreen(page, '.start')).toBe(false);
});

test('declining the confirmation imports nothing', async () => {
  confirm = false;
  applyAnswers();
  page = await checked(report());
  await tap(page, '.start');
  expect(modals).toHaveLength(1);
  expect(applyCalls()).toHaveLength(0);
  expect(onScreen(page, '.start')).toBe(true);
});

test('a network failure half way shows 继续导入, which resumes the same job', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  applyAnswers(progress(40), 'network', progress(80), progress(100, true));
  page = await checked(report());
  await tap(page, '.start');
  expect(applyCalls()).toHaveLength(2);
  expect(textOf(page, '.progress')).toBe('已处理 40 / 100');
  expect(textOf(page, '.import-error')).toBe('网络异常，请检查网络后重试');
  expect(onScreen(page, '.start')).toBe(false);
  expect(shownToasts()).toEqual([]);

  await tap(page, '.resume');
  const calls = applyCalls();
  expect(calls).toHaveLength(4);
  expect(new Set(calls.map((c) => c.data.requestId)).size).toBe(1);
  expect(textOf(page, '.summary')).toContain('导入完成');
  expect(page.querySelector('.import-error')).toBeUndefined();
  expect(page.querySelector('.resume')).toBeUndefined();
  logged.mockRestore();
});

test('a refusal that calling again cannot change is shown without 继续导入', async () => {
  replyWith('registry', 'apply', fail('FAILED_PRECONDITION', '名册还有 2 处问题，请先核对修改后再导入', 'fileID'));
  page = await checked(report());
  await tap(page, '.start');
  expect(textOf(page, '.import-error')).toBe('名册还有 2 处问题，请先核对修改后再导入');
  expect(page.querySelector('.resume')).toBeUndefined();
  expect(onScreen(page, '.start')).toBe(false);
});

test('choosing another file clears the report and imports under a new request id', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  applyAnswers(progress(40), 'network', progress(100, true));
  page = await checked(report());
  await tap(page, '.start');
  expect(onScreen(page, '.resume')).toBe(true);
  const first = applyCalls()[0].data.requestId;

  chosen.push({ name: '春华苑名册 改.csv', path: 'wxfile://tmp/b.csv', size: 9_000 });
  replyWith('registry', 'check', ok(report({ rows: 100, newRows: 100, changedRows: 0, unchangedRows: 0 })));
  await tap(page, '.choose');
  expect(uploads[1].cloudPath).toMatch(/^imports\/enc-chunhua\/\d+-春华苑名册_改\.csv$/);
  expect(textOf(page, '.file-name')).toBe('春华苑名册 改.csv');
  expect(textOf(page, '.counts')).toBe('共 100 行：新增 100 / 更新 0 / 未变 0');
  expect(page.querySelector('.progress')).toBeUndefined();
  expect(page.querySelector('.import-error')).toBeUndefined();
  expect(page.querySelector('.resume')).toBeUndefined();

  await tap(page, '.start');
  const second = applyCalls()[2].data;
  expect(second.requestId).not.toBe(first);
  expect(second.fileID).toBe(`cloud://env-1/${uploads[1].cloudPath}`);
  expect(textOf(page, '.summary')).toContain('导入完成');
  logged.mockRestore();
});

test('a file the check refuses says why beside the file', async () => {
  replyWith('registry', 'check', fail('PERMISSION_DENIED', '只能导入本社区的围合区'));
  page = await openPage(id, { enclosureId });
  await tap(page, '.choose');
  expect(textOf(page, '.file-error')).toBe('只能导入本社区的围合区');
  expect(page.querySelector('.report')).toBeUndefined();
});

test('the template opens in WeChat’s viewer with its menu; where that fails the link is copied', async () => {
  const downloads: string[] = [];
  const opened: unknown[] = [];
  const copied: string[] = [];
  const wx = wxMock();
  const url = 'https://files.example/templates/住户名册模板-v1.xlsx';
  replyWith('registry', 'template', ok({ fileID: 'cloud://env-1/templates/t.xlsx', url }));
  wx.downloadFile = (o: { url: string; success: (r: unknown) => void }) => {
    downloads.push(o.url);
    o.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/template.xlsx' });
  };
  wx.openDocument = async (o: unknown) => {
    opened.push(o);
    return { errMsg: 'openDocument:ok' };
  };
  wx.setClipboardData = async ({ data }: { data: string }) => {
    copied.push(data);
    return { errMsg: 'setClipboardData:ok' };
  };
  page = await openPage(id, { enclosureId });
  await tap(page, '.template');
  expect(downloads).toEqual([url]);
  expect(opened).toEqual([{ filePath: 'wxfile://tmp/template.xlsx', fileType: 'xlsx', showMenu: true }]);
  expect(copied).toEqual([]);

  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  wx.openDocument = async () => {
    throw new Error('openDocument:fail');
  };
  await tap(page, '.template');
  expect(copied).toEqual([url]);
  expect(shownToasts().at(-1)?.title).toBe('无法打开模板，下载链接已复制，请在浏览器中打开');
  logged.mockRestore();
});
