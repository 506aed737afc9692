// Builds what runs outside the TypeScript tools: each cloud function's deployable index.js
// (its TypeScript and shared code bundled, wx-server-sdk left to the function's own
// node_modules), and the local cloud's command line and worker. Nothing built is committed.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { buildPreview } from './preview-build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
};

export function functionNames() {
  const dir = path.join(root, 'cloudfunctions');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'src/index.ts')))
    .map((d) => d.name);
}

async function main() {
  const started = Date.now();
  const functions = functionNames();
  await Promise.all([
    ...functions.map((name) =>
      build({
        ...common,
        // CloudBase's Node runtime is 16 at the oldest we support; the SDK comes from node_modules.
        entryPoints: [path.join(root, 'cloudfunctions', name, 'src/index.ts')],
        outfile: path.join(root, 'cloudfunctions', name, 'index.js'),
        external: ['wx-server-sdk'],
        sourcemap: false,
      }),
    ),
    build({
      ...common,
      target: 'node20',
      entryPoints: {
        cli: path.join(root, 'localcloud/src/cli.ts'),
        worker: path.join(root, 'localcloud/src/runner/worker.ts'),
      },
      outdir: path.join(root, 'build/localcloud'),
      packages: 'external',
    }),
    build({
      ...common,
      target: 'node20',
      entryPoints: Object.fromEntries(
        fs
          .readdirSync(path.join(root, 'scripts'))
          .filter((f) => f.endsWith('.ts'))
          .map((f) => [f.replace(/\.ts$/, ''), path.join(root, 'scripts', f)]),
      ),
      outdir: path.join(root, 'build/scripts'),
      packages: 'external',
    }),
  ]);
  const pages = await buildPreview(root);
  console.log(
    `built ${functions.length} cloud function(s), the local cloud and the preview of ${pages} pages in ${Date.now() - started} ms`,
  );
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
