/** Code the phone and the functions share (miniprogram/shared): money in fen, China time, colours. */
import fc from 'fast-check';
import { formatDay, formatMoment, formatStamp } from '../../miniprogram/shared/china-time';
import { COLOUR_NAMES, colourName } from '../../miniprogram/shared/colours';
import { fenToYuan, formatFen, yuanToFen } from '../../miniprogram/shared/money';

test('any amount in fen survives the trip to yuan text and back, exactly', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (fen) => expect(yuanToFen(fenToYuan(fen))).toBe(fen)));
});

test('prices are shown with the yuan sign and two decimals', () => {
  expect(formatFen(1250)).toBe('¥12.50');
  expect(formatFen(1)).toBe('¥0.01');
  expect(formatFen(-350)).toBe('-¥3.50');
  for (const bad of ['12.345', 'abc', '', '-1', '1e3', '12.', '.5', '1,000']) expect(yuanToFen(bad)).toBeNull();
});

test('times are China time whatever the zone: UTC 16:30 is 00:30 the next day', () => {
  const at = new Date('2020-02-09T16:30:00Z');
  expect(formatStamp(at)).toBe('2020-02-10 00:30');
  expect(formatMoment(at.toISOString())).toBe('2月10日 00:30');
  expect(formatDay(at)).toBe('2月10日');
});

test('colours read in Chinese; anything else reads as nothing', () => {
  expect(COLOUR_NAMES.red).toBe('红码');
  expect(colourName('yellow')).toBe('黄码');
  expect(colourName(null)).toBe('');
  expect(colourName('toString')).toBe('');
});
