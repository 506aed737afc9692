/**
 * The mini-program's package sizes as WeChat counts them at upload: the main package (every file
 * outside a subpackage root, with miniprogram_npm) and each subpackage. TypeScript is compiled and
 * minified file by file with esbuild, as DevTools' TypeScript plugin with `minified: true` does;
 * WXML, WXSS and JSON count as they are (DevTools' own compression makes the real ones a little
 * smaller). WeChat's limits: 2 MB for the main package and for each subpackage, 20 MB in all;
 * ours is to keep the main package under 1.5 MB.
 */
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

export const MAIN_PACKAGE_BUDGET = 1.5 * 1024 * 1024;
/** Not uploaded: types, editor and npm metadata. */
const NOT_UPLOADED = [/\.d\.ts$/, /(^|\/)tsconfig\.json$/, /(^|\/)package(-lock)?\.json$/, /\.md$/];

export interface PackageSizes {
  /** Bytes of each package: `main`, then each subpackage by its root. */
  packages: Record<string, number>;
  /** The largest files of the main package, for whoever must make room. */
  largestMain: { file: string; bytes: number }[];
}

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

function uploadedBytes(file: string): number {
  const source = fs.readFileSync(file);
  if (!file.endsWith('.ts')) return source.length;
  return Buffer.byteLength(transformSync(source.toString('utf8'), { loader: 'ts', minify: true, format: 'cjs' }).code);
}

/**
 * `npmModules`: where the packages of miniprogram/package.json are installed (DevTools' 构建 npm
 * copies each one's main file into miniprogram_npm/).
 */
export function packageSizes(miniprogramDir: string, npmModules: string): PackageSizes {
  const app = JSON.parse(fs.readFileSync(path.join(miniprogramDir, 'app.json'), 'utf8')) as {
    subpackages?: { root: string }[];
  };
  const roots = (app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  const packages: Record<string, number> = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
  const main: { file: string; bytes: number }[] = [];
  for (const file of filesUnder(miniprogramDir)) {
    if (NOT_UPLOADED.some((pattern) => pattern.test(file))) continue;
    const bytes = uploadedBytes(path.join(miniprogramDir, file));
    const root = roots.find((r) => file.startsWith(r));
    packages[root ?? 'main'] += bytes;
    if (!root) main.push({ file, bytes });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(miniprogramDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const dir = path.join(npmModules, name);
    const entry = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string }).main;
    const bytes = fs.statSync(path.join(dir, entry ?? 'index.js')).size;
    packages.main += bytes;
    main.push({ file: `miniprogram_npm/${name}`, bytes });
  }
  return { packages, largestMain: main.sort((a, b) => b.bytes - a.bytes).slice(0, 5) };
}
