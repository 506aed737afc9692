/** 健康申报 rendered with miniprogram-simulate: what a resident sees when a field is wrong or all is well. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, fail, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf, opensInCareMode } from './render';

const id = loadPage('report/report');

async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
/** The label drawn just before each input; null where only a placeholder (gone once one types) names it. */
const labelsOfInputs = (page: Rendered) =>
  Array.from(page.dom!.querySelectorAll('wx-input, wx-textarea'), (input) => {
    const before = input.previousElementSibling;
    return before && /(^|\s)\S*--label(\s|$)/.test(before.className) ? before.textContent!.trim() : null;
  });

test('every input keeps a visible name above it, a trip’s place too, while one types', async () => {
  const page = await openPage(id);
  await tap(page, '.add-trip');
  await type(page, '.trip-place', '武汉市江岸区');
  expect(labelsOfInputs(page)).toEqual(['今日体温（℃）', '具体地点']);
});

test('a refusal the form has no field for is said above 提交, and a trip’s area code at its area', async () => {
  replyWith('residents', 'report', {
    ...fail('INVALID_ARGUMENT', '申报对象无效', 'residentId'),
    errors: [
      { field: 'residentId', message: '申报对象无效' },
      { field: 'symptoms.1', message: '症状无效' },
      { field: 'trips.0.areaCode', message: '地区代码无效' },
    ],
  });
  const page = await openPage(id, { residentId: 'res-00043' });
  await type(page, '.temperature', '36.6');
  await tap(page, '.add-trip');
  await tap(page, '.submit');
  expect(textOf(page, '.form-error')).toBe('申报对象无效');
  expect(textOf(page, '.error-symptoms')).toBe('症状无效');
  expect(textOf(page, '.error-areaCode')).toBe('地区代码无效');
});

test('the server’s field errors are shown in Chinese beside their fields, for trips too', async () => {
  replyWith('residents', 'report', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '体温应在 34–43 之间',
    field: 'temperature',
    errors: [
      { field: 'temperature', message: '体温应在 34–43 之间' },
      { field: 'trips.0.place', message: '请填写地点' },
      { field: 'trips.0.to', message: '离开日期不能晚于现在' },
    ],
  });
  const page = await openPage(id);
  await type(page, '.temperature', '45');
  await tap(page, '.add-trip');
  await tap(page, '.submit');
  expect(textOf(page, '.error-temperature')).toBe('体温应在 34–43 之间');
  expect(textOf(page, '.error-place')).toBe('请填写地点');
  expect(textOf(page, '.error-to')).toBe('离开日期不能晚于现在');
  expect(page.querySelector('.done')).toBeUndefined();
});

test('a missing temperature is caught before anything is sent', async () => {
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-temperature')).toBe('请填写体温');
  expect(cloudCalls()).toEqual([]);
});

test('a submit sends what was entered with one request id, retried or not, and shows the outcome', async () => {
  replyWith('residents', 'report', { code: 'INTERNAL', data: null, message: '网络异常，请检查网络后重试' });
  const page = await openPage(id, { residentId: 'res-00043' });
  await type(page, '.temperature', '36.6');
  await tap(page, '.symptom');
  await tap(page, '.submit');
  expect(textOf(page, '.form-error')).toBe('网络异常，请检查网络后重试');
  replyWith('residents', 'report', {
    code: 0,
    message: 'ok',
    data: {
      residentId: 'res-00043',
      duplicate: false,
      status: { colour: 'red', reasons: [], until: null, ruleVersion: 1 },
    },
  });
  await tap(page, '.submit');
  const [first, second] = cloudCalls();
  expect(first.data).toMatchObject({
    action: 'report',
    residentId: 'res-00043',
    temperature: 36.6,
    symptoms: ['cough'],
    trips: [],
  });
  expect(second.data.requestId).toBe(first.data.requestId);
  expect(textsOf(page, '.done-text')).toEqual(['申报成功，当前为红码，请查看通行码中的原因']);
});

test('with 关怀模式 on (switched at 首页), the page is in large text', async () => {
  expect(await opensInCareMode(id, '.page-root')).toBe(true);
});
