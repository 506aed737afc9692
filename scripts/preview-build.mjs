// Builds the browser preview (build/preview/): the mini-program's own pages (WXML, WXSS and
// TypeScript, unchanged) bundled with j-component and the preview host's wx shim. The pages'
// WXML and JSON travel as strings in a virtual module; their WXSS is scoped per page the way
// j-component scopes classes (`<prefix>--<class>`) and rpx become px of a 375-wide phone.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import wxss from '../preview/wxss.js';

const { scopeWxss } = wxss;

/** A page's class prefix: pages/batch/batch → p-batch. */
const prefixOf = (page) => `p-${page.split('/')[1]}`;

export async function buildPreview(root) {
  const mp = path.join(root, 'miniprogram');
  const appJson = JSON.parse(fs.readFileSync(path.join(mp, 'app.json'), 'utf8'));
  const appWxss = fs.readFileSync(path.join(mp, 'app.wxss'), 'utf8');
  const out = path.join(root, 'build/preview');
  fs.mkdirSync(out, { recursive: true });

  const css = [];
  const entries = appJson.pages.map((page) => {
    const file = (ext) => path.join(mp, `${page}.${ext}`);
    const prefix = prefixOf(page);
    const pageWxss = fs.existsSync(file('wxss')) ? fs.readFileSync(file('wxss'), 'utf8') : '';
    css.push(`/* ${page} */\n${scopeWxss(`${appWxss}\n${pageWxss}`, prefix)}`);
    const json = fs.existsSync(file('json')) ? JSON.parse(fs.readFileSync(file('json'), 'utf8')) : {};
    return `${JSON.stringify(page)}: { prefix: ${JSON.stringify(prefix)}, wxml: ${JSON.stringify(
      fs.readFileSync(file('wxml'), 'utf8'),
    )}, json: ${JSON.stringify(json)}, load: () => require(${JSON.stringify(file('ts'))}) }`;
  });
  const pagesModule = `export const appJson = ${JSON.stringify(appJson)};
export const loadApp = () => require(${JSON.stringify(path.join(mp, 'app.ts'))});
export const pages = {\n${entries.join(',\n')}\n};`;

  await build({
    entryPoints: [path.join(root, 'preview/host/main.ts')],
    outfile: path.join(out, 'host.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome100',
    define: { global: 'globalThis' },
    logLevel: 'warning',
    sourcemap: 'inline',
    plugins: [
      {
        name: 'preview-pages',
        setup(b) {
          b.onResolve({ filter: /^preview:pages$/ }, () => ({ path: 'preview:pages', namespace: 'preview' }));
          b.onLoad({ filter: /.*/, namespace: 'preview' }, () => ({
            contents: pagesModule,
            loader: 'js',
            resolveDir: root,
          }));
        },
      },
    ],
  });
  fs.writeFileSync(path.join(out, 'pages.css'), css.join('\n'));
  for (const f of ['index.html', 'host.css']) fs.copyFileSync(path.join(root, 'preview/host', f), path.join(out, f));
  return appJson.pages.length;
}
