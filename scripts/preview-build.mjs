// Builds the browser preview (build/preview/): the mini-program's own pages (WXML, WXSS and
// TypeScript, unchanged) bundled with j-component and the preview host's wx shim. The pages'
// WXML and JSON travel as strings in a virtual module; their WXSS is scoped per page the way
// j-component scopes classes (`<prefix>--<class>`) and rpx become px of a 375-wide phone.
// Custom components (usingComponents) travel the same way, keyed by their path under miniprogram/.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import wxss from '../preview/wxss.js';

const { scopeWxss } = wxss;

/**
 * A page's class prefix: pages/batch/batch → p-batch; a subpackage's console/enclosure/enclosure →
 * p-console-enclosure (test/e2e/browser.ts#pagePrefix says the same).
 */
const prefixOf = (page) => {
  const parts = page.split('/');
  return parts[0] === 'pages' ? `p-${parts[1]}` : `p-${parts[0]}-${parts[parts.length - 2]}`;
};
/** Every page route: the main package's, then each subpackage's under its root (staff pages live there). */
const routesOf = (appJson) => [
  ...appJson.pages,
  ...(appJson.subpackages ?? appJson.subPackages ?? []).flatMap((sub) =>
    sub.pages.map((p) => `${sub.root.replace(/\/$/, '')}/${p}`),
  ),
];
/** A component's class prefix: components/load-state/load-state → c-load-state. */
const componentPrefixOf = (component) => `c-${path.basename(component)}`;

const readIf = (file, fallback) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback);

/**
 * The custom components a page or component uses, with each path made relative to miniprogram/
 * (as `usingComponents` may be written relative to the file or absolute from the root).
 */
function resolveUsing(mp, from, usingComponents = {}) {
  return Object.fromEntries(
    Object.entries(usingComponents).map(([tag, target]) => [
      tag,
      target.startsWith('/')
        ? target.slice(1)
        : path.relative(mp, path.resolve(path.dirname(path.join(mp, from)), target)),
    ]),
  );
}

/** Whether app.wxss reaches into a component (WeChat's styleIsolation apply-shared / shared, or addGlobalClass). */
const sharesAppStyles = (json) =>
  ['apply-shared', 'shared'].includes(json.styleIsolation) || json.options?.addGlobalClass === true;

export async function buildPreview(root) {
  const mp = path.join(root, 'miniprogram');
  const appJson = JSON.parse(fs.readFileSync(path.join(mp, 'app.json'), 'utf8'));
  const appWxss = fs.readFileSync(path.join(mp, 'app.wxss'), 'utf8');
  const out = path.join(root, 'build/preview');
  fs.mkdirSync(out, { recursive: true });

  const css = [];
  const components = new Map();
  /** One page or component as the virtual module carries it; its components are collected on the way. */
  const entryOf = (unit, prefix, isComponent) => {
    const file = (ext) => path.join(mp, `${unit}.${ext}`);
    const json = JSON.parse(readIf(file('json'), '{}'));
    json.usingComponents = resolveUsing(mp, unit, json.usingComponents);
    const ownWxss = readIf(file('wxss'), '');
    const shared = !isComponent || sharesAppStyles(json);
    css.push(`/* ${unit} */\n${scopeWxss(shared ? `${appWxss}\n${ownWxss}` : ownWxss, prefix)}`);
    for (const used of Object.values(json.usingComponents)) {
      if (components.has(used)) continue;
      components.set(used, ''); // claimed first, so a cycle of components stops here
      components.set(used, entryOf(used, componentPrefixOf(used), true));
    }
    return `${JSON.stringify(unit)}: { prefix: ${JSON.stringify(prefix)}, wxml: ${JSON.stringify(
      fs.readFileSync(file('wxml'), 'utf8'),
    )}, json: ${JSON.stringify(json)}, load: () => require(${JSON.stringify(file('ts'))}) }`;
  };
  const pageEntries = routesOf(appJson).map((page) => entryOf(page, prefixOf(page), false));
  const pagesModule = `export const appJson = ${JSON.stringify(appJson)};
export const loadApp = () => require(${JSON.stringify(path.join(mp, 'app.ts'))});
export const pages = {\n${pageEntries.join(',\n')}\n};
export const components = {\n${[...components.values()].join(',\n')}\n};`;

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
  return routesOf(appJson).length;
}
