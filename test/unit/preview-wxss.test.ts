/** The preview's WXSS scoping: what a page's styles become in the browser. */
import fs from 'node:fs';
import path from 'node:path';
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

test('a component that shares app.wxss says so in its json too, where the preview reads it', () => {
  // WeChat takes styleIsolation from either place; the preview build only from the json, so a
  // component declaring it in code alone would look unstyled in the browser.
  const root = path.resolve(__dirname, '../../miniprogram/components');
  const inCodeOnly = fs.readdirSync(root).filter((name) => {
    const code = fs.readFileSync(path.join(root, name, `${name}.ts`), 'utf8');
    const json = JSON.parse(fs.readFileSync(path.join(root, name, `${name}.json`), 'utf8'));
    const inCode = /styleIsolation:\s*'(apply-shared|shared)'/.exec(code)?.[1];
    return inCode !== undefined && json.styleIsolation !== inCode;
  });
  expect(inCodeOnly).toEqual([]);
});
