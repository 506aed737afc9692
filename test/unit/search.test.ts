/** The staff lists' search box (miniprogram/utils/search.ts). */
import fc from 'fast-check';
import { matchesSearch } from '../../miniprogram/utils/search';

test('any piece of the name or address finds the person, whatever spaces surround it', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), (address, from, len) => {
      const start = from % address.length;
      const piece = address.slice(start, start + 1 + (len % (address.length - start)));
      fc.pre(piece.trim().length > 0 && !/\s/.test(piece));
      expect(matchesSearch(`  ${piece} `, '王*', address)).toBe(true);
    }),
  );
});

test('every word must match, so a second word narrows instead of widening', () => {
  expect(matchesSearch('2栋 301', '王*', '2栋1单元301室')).toBe(true);
  expect(matchesSearch('2栋 302', '王*', '2栋1单元301室')).toBe(false);
  expect(matchesSearch('王 301', '王*', '2栋1单元301室')).toBe(true);
});

test('full-width digits and an ideographic space read as typed on a Chinese keyboard', () => {
  expect(matchesSearch('３０１', '王*', '2栋1单元301室')).toBe(true);
  expect(matchesSearch('2栋\u3000301', '王*', '2栋1单元301室')).toBe(true);
  expect(matchesSearch('', '王*', '2栋1单元301室')).toBe(true);
});
