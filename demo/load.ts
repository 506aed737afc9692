/**
 * The demo estate in a local cloud, in seconds: built through the functions once (`buildDemo`,
 * about 105 s on 2 cores), then kept as a snapshot in `build/demo-cache/` and loaded from there
 * (about a second). The key is the built functions, the demo's own files and the keys the
 * environment gives the functions, so a change to any builds it again, as does a day's age. Its
 * dates are moved forward by the time since it was built: the story stays "declared hours ago".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud, REPO_ROOT, startLocalCloud } from '../localcloud/src';
import { exportSnapshot, importSnapshot } from '../localcloud/src/snapshot';
import { SeededDemo, buildDemo } from './build';

interface Cached {
  builtAt: number;
  buildMs: number;
  demo: SeededDemo;
  secrets: Record<string, string>;
}

const CACHE = path.join(REPO_ROOT, 'build/demo-cache');
const FUNCTIONS = path.join(REPO_ROOT, 'cloudfunctions');
const MAX_AGE_MS = 24 * 3600_000;

/**
 * What the demo is made from: every function bundle, every file of `demo/`, and the keys the
 * environment gives the functions (the bench sets its own; sealed data needs the same ones).
 */
function cacheKey(): string {
  const hash = crypto.createHash('sha256');
  for (const name of secretNames()) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  const files = [
    ...fs.readdirSync(FUNCTIONS).map((f) => path.join(FUNCTIONS, f, 'index.js')),
    ...fs.readdirSync(path.join(REPO_ROOT, 'demo')).map((f) => path.join(REPO_ROOT, 'demo', f)),
  ].filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  for (const file of files.sort()) hash.update(file.slice(REPO_ROOT.length)).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const cloudNow = (cloud: LocalCloud) => Date.now() + cloud.clockOffsetMs;

/** The variables the functions declare (keys that seal phones, sign passes…). */
function secretNames(): string[] {
  const names = fs
    .readdirSync(FUNCTIONS)
    .map((f) => path.join(FUNCTIONS, f, 'config.json'))
    .filter((f) => fs.existsSync(f))
    .flatMap((f) => (JSON.parse(fs.readFileSync(f, 'utf8')) as { envVariables?: string[] }).envVariables ?? []);
  return [...new Set(names)].sort();
}

export interface LoadedDemo extends SeededDemo {
  /** Whether the demo had to be built first (else it came from the cache), and how long it all took. */
  built: boolean;
  ms: number;
}

/** Fills an empty local cloud with the demo estate; answers null if the cloud already holds residents. */
export async function loadDemo(cloud: LocalCloud): Promise<LoadedDemo | null> {
  if (cloud.db.count('residents', {}).total > 0) return null;
  const started = Date.now();
  const { dir, cached, built } = await demoCache();
  cloud.adoptSecrets(Object.fromEntries(Object.entries(cached.secrets).filter(([n]) => !process.env[n])));
  importSnapshot(cloud, dir, { shiftDatesMs: cloudNow(cloud) - cached.builtAt });
  return { ...cached.demo, built, ms: Date.now() - started };
}

/**
 * The cached demo, built first if there is none for today's functions: in a local cloud of its
 * own (with every function), so a test's cloud with only some functions can load it too.
 */
export async function demoCache(): Promise<{ dir: string; cached: Cached; built: boolean }> {
  const dir = path.join(CACHE, cacheKey());
  const file = path.join(dir, 'demo.json');
  if (fs.existsSync(file)) {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Cached;
    // Dates move; the dates written into texts ("12月1日体温37.9℃") do not: retold once a day.
    if (Date.now() - cached.builtAt < MAX_AGE_MS) return { dir, cached, built: false };
  }
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-build-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, log: () => undefined });
  try {
    const demo = await buildDemo(cloud);
    const cached: Cached = {
      builtAt: cloudNow(cloud),
      buildMs: Date.now() - started,
      demo,
      secrets: Object.fromEntries(secretNames().map((name) => [name, cloud.variable(name)])),
    };
    keep(cloud, dir, cached);
    return { dir, cached, built: true };
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Written beside and renamed into place: test workers building at once never see half a cache. */
function keep(cloud: LocalCloud, dir: string, cached: Cached): void {
  const partial = `${dir}.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  exportSnapshot(cloud, partial);
  fs.writeFileSync(path.join(partial, 'demo.json'), JSON.stringify(cached), { mode: 0o600 });
  // Keep the newest few (the tests' and the bench's differ by their keys); older ones are stale.
  const kept = fs.existsSync(CACHE) ? fs.readdirSync(CACHE).filter((d) => !d.includes('.partial-')) : [];
  const byAge = kept.map((d) => path.join(CACHE, d)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  for (const old of byAge.slice(3)) fs.rmSync(old, { recursive: true, force: true });
  try {
    fs.rmSync(dir, { recursive: true, force: true }); // a day-old one of the same key
    fs.renameSync(partial, dir);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true }); // another process kept the same cache first
  }
}
