/** A self-report is checked field by field, with every problem named in Chinese at once. */
import { parseReport } from '../../core/declaration';
import { Invalid } from '../../core/validate';

const NOW = new Date('2020-02-15T02:00:00Z');
const good = {
  requestId: 'req-00000001',
  temperature: 36.6,
  symptoms: ['cough'],
  trips: [{ place: '武汉', areaCode: '420100', from: '2020-02-05', to: '2020-02-10' }],
};

function problems(input: Record<string, unknown>) {
  try {
    parseReport(input, NOW);
  } catch (err) {
    return (err as Invalid).errors;
  }
  return [];
}

test('a complete report becomes a declaration dated by the server', () => {
  const { declaration } = parseReport(good, NOW);
  expect(declaration).toEqual({
    at: NOW,
    temperature: 36.6,
    symptoms: ['咳嗽'],
    trips: [{ place: '武汉', areaCode: '420100', from: new Date('2020-02-05'), to: new Date('2020-02-10') }],
  });
});

test('every bad field is reported with a Chinese message', () => {
  expect(
    problems({
      requestId: 'x',
      temperature: 45,
      symptoms: ['headache'],
      trips: [{ place: '', from: '2020-02-10', to: '2020-02-01' }],
    }),
  ).toEqual([
    { field: 'requestId', message: '请求编号无效，请刷新后重试' },
    { field: 'temperature', message: '体温应在 34–43 之间' },
    { field: 'symptoms.0', message: '症状无效' },
    { field: 'trips.0.place', message: '请填写地点' },
    { field: 'trips.0.to', message: '离开日期不能早于到达日期' },
  ]);
});

test('dates in the future are refused', () => {
  expect(problems({ ...good, returnedAt: '2020-03-01' })).toEqual([
    { field: 'returnedAt', message: '返回日期不能晚于现在' },
  ]);
});

test('each trip date is named in its own error: 到达日期 for the arrival, 离开日期 for the departure', () => {
  expect(problems({ ...good, trips: [{ place: '武汉', from: '2020-03-01', to: '' }] })).toEqual([
    { field: 'trips.0.from', message: '到达日期不能晚于现在' },
    { field: 'trips.0.to', message: '请填写离开日期' },
  ]);
  expect(problems({ ...good, trips: [{ place: '武汉', from: 'soon', to: '2020-03-01' }] })).toEqual([
    { field: 'trips.0.from', message: '请填写到达日期' },
    { field: 'trips.0.to', message: '离开日期不能晚于现在' },
  ]);
});
