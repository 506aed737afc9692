/** The mini-program's upload size, counted as WeChat does (see scripts/bench/package-size.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAIN_PACKAGE_BUDGET, packageSizes } from '../../scripts/bench/package-size';

const ROOT = path.resolve(__dirname, '../..');

test('the main package stays under 1.5 MB and the console is a subpackage of its own', () => {
  const { packages } = packageSizes(path.join(ROOT, 'miniprogram'), path.join(ROOT, 'node_modules'));
  expect(Object.keys(packages)).toEqual(['main', 'console/']);
  expect(packages.main).toBeLessThan(MAIN_PACKAGE_BUDGET);
  expect(packages['console/']).toBeGreaterThan(0);
});

test('files are counted in their package, TypeScript as minified JavaScript, types not at all', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-size-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('app.json', JSON.stringify({ pages: ['pages/a/a'], subpackages: [{ root: 'staff', pages: ['b/b'] }] }));
  write('package.json', JSON.stringify({ dependencies: { lib: '1.0.0' } }));
  write(
    'pages/a/a.ts',
    '/** a long comment that minifying removes */\nconst answer: number = 42;\nconsole.log(answer);\n',
  );
  write('pages/a/a.wxml', '<view>甲</view>');
  write('staff/b/b.wxss', '.b{color:red}');
  write('types.d.ts', 'export type T = string;'.repeat(100));
  write('node_modules/lib/package.json', JSON.stringify({ main: 'lib.js' }));
  write('node_modules/lib/lib.js', 'x'.repeat(1000));
  const { packages, largestMain } = packageSizes(dir, path.join(dir, 'node_modules'));
  const appJson = fs.statSync(path.join(dir, 'app.json')).size;
  const ts = packages.main - appJson - Buffer.byteLength('<view>甲</view>') - 1000;
  expect(ts).toBeGreaterThan(0);
  expect(ts).toBeLessThan(40); // the comment and the type are gone
  expect(packages['staff/']).toBe('.b{color:red}'.length);
  expect(largestMain[0]).toEqual({ file: 'miniprogram_npm/lib', bytes: 1000 });
  fs.rmSync(dir, { recursive: true, force: true });
});
