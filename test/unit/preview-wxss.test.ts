/** The preview's WXSS scoping: what a page's styles become in the browser. */
import { scopeWxss } from '../../preview/wxss';

test('classes get the page prefix, page becomes the page root, built-in tags their wx- element', () => {
  expect(scopeWxss('page { color: red; }\n.banner.green, .times picker > view { margin: 24rpx 1px; }', 'p-pass')).toBe(
    '.p-pass { color: red; }\n.p-pass--banner.p-pass--green, .p-pass--times wx-picker > wx-view { margin: 12px 1px; }',
  );
});

test('declarations, attribute selectors, strings and comments are left alone; media queries are scoped inside', () => {
  const css =
    '/* .old {} */[src$=".png"] .a:not(.b) { background: url("x.png"); width: 0.5px }\n@media (max-width: 300px) { .c { d: e } }';
  expect(scopeWxss(css, 'p-x')).toBe(
    '[src$=".png"] .p-x--a:not(.p-x--b) { background: url("x.png"); width: 0.5px }\n@media (max-width: 300px) { .p-x--c { d: e } }',
  );
});
