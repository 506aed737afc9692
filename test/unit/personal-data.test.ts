/** How names and numbers are shown and checked. */
import { maskIdNumber, maskName, maskPhone } from '../../core/mask';
import { isValidIdNumber, isValidMobile } from '../../core/validate';

test.each([
  ['张三丰', '张*丰'],
  ['李四', '李*'],
  ['王', '王'],
  ['欧阳娜娜', '欧**娜'],
])('name %s is shown as %s', (name, masked) => expect(maskName(name)).toBe(masked));

test('phone and ID numbers keep only their ends', () => {
  expect(maskPhone('13812345678')).toBe('138****5678');
  expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
});

test('an ID number is checked with its GB 11643 check digit', () => {
  expect(isValidIdNumber('11010519491231002X')).toBe(true);
  expect(isValidIdNumber('110105194912310021')).toBe(false);
  expect(isValidIdNumber('1101051949')).toBe(false);
});

test('a mainland mobile number has 11 digits starting 13–19', () => {
  expect(isValidMobile('13812345678')).toBe(true);
  expect(isValidMobile('12812345678')).toBe(false);
  expect(isValidMobile('1381234567')).toBe(false);
});
