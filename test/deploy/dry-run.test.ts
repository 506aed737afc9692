/**
 * `npm run deploy -- --dry-run` on this repository, and on temporary copies with one fault each:
 * the checks must catch it by name. And a real deploy without credentials stops before uploading.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../localcloud/src';
import { tempDir } from '../../localcloud/test/helpers';

const DEPLOY = path.join(REPO_ROOT, 'build/scripts/deploy.js');
const CREDENTIALS = [
  'WX_APPID',
  'TCB_ENV_ID',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'MP_PRIVATE_KEY_PATH',
  'PASS_TOKEN_SECRET',
  'PII_KEY',
  'CHECKIN_REMINDER_TEMPLATE',
  'NOTICE_URGENT_TEMPLATE',
];

function deploy(args: string[], root = REPO_ROOT, given: Record<string, string> = {}) {
  const env = { ...process.env };
  for (const name of CREDENTIALS) delete env[name];
  Object.assign(env, given);
  const run = spawnSync(process.execPath, [DEPLOY, ...args, '--root', root], { encoding: 'utf8', env });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** A copy of what a deploy reads, to break one thing in. */
function copyOfRepo(): string {
  const root = tempDir('deploy-fault-');
  for (const part of ['cloudfunctions', 'database', 'miniprogram', 'server']) {
    fs.cpSync(path.join(REPO_ROOT, part), path.join(root, part), {
      recursive: true,
      filter: (src) => !src.includes('node_modules'),
    });
  }
  return root;
}

test('the dry run prints the whole plan and passes on this repository', () => {
  const { code, out } = deploy(['--dry-run']);
  expect(code).toBe(0);
  for (const fn of ['account', 'admin', 'gate', 'residents'])
    expect(out).toMatch(new RegExp(`\\n  ${fn} +[\\d.]+ KB  wx-server-sdk 4\\.0\\.2`));
  expect(out).toMatch(/gate_logs +ADMINONLY +indexes: by_household\(householdId\+at\)/);
  expect(out).toContain(
    'Variables the functions need (values from the operator): CHECKIN_REMINDER_TEMPLATE, NOTICE_URGENT_TEMPLATE, PASS_TOKEN_SECRET, PII_KEY',
  );
  expect(out).toMatch(/Mini-program main package: [\d.]+ KB of 2048\.0 KB/);
  expect(out).toContain('Checks passed');
});

test('a collection used in code but not declared fails the dry run, by name', () => {
  const root = copyOfRepo();
  fs.appendFileSync(path.join(root, 'cloudfunctions/gate/index.js'), '\nfindMany("ghost_rows", {});\n');
  const { code, out } = deploy(['--dry-run'], root);
  expect(code).toBe(1);
  expect(out).toContain('function gate: uses collection ghost_rows, which database/collections.json does not declare');
});

test('a bundle over the function package limit fails the dry run', () => {
  const root = copyOfRepo();
  fs.truncateSync(path.join(root, 'cloudfunctions/residents/index.js'), 51 * 1024 * 1024); // sparse: no real 51 MB written
  const { code, out } = deploy(['--dry-run'], root);
  expect(code).toBe(1);
  expect(out).toMatch(/function residents: bundle \d+ bytes is over CloudBase's/);
});

test('a rule that opens client writes without a stated reason fails the dry run', () => {
  const root = copyOfRepo();
  const file = path.join(root, 'database/collections.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  config.collections.find((c: { name: string }) => c.name === 'statuses').rule = { read: true, write: true };
  fs.writeFileSync(file, JSON.stringify(config));
  const { code, out } = deploy(['--dry-run'], root);
  expect(code).toBe(1);
  expect(out).toContain(
    'collection statuses: rule lets clients write; state why in clientWriteReason or set write to false',
  );
});

test('an SDK that is not pinned fails the dry run', () => {
  const root = copyOfRepo();
  const file = path.join(root, 'cloudfunctions/account/package.json');
  fs.writeFileSync(file, JSON.stringify({ name: 'account', dependencies: { 'wx-server-sdk': 'latest' } }));
  expect(deploy(['--dry-run'], root).out).toContain(
    'function account: wx-server-sdk must be pinned to an exact version, found latest',
  );
});

test('a deploy without credentials stops before any upload, naming each missing variable', () => {
  const { code, out } = deploy([]);
  expect(code).toBe(2);
  for (const name of CREDENTIALS) expect(out).toContain(`  - ${name} — `);
  expect(out).toContain('Nothing was uploaded.');
  expect(fs.existsSync(path.join(REPO_ROOT, 'deploy/tools/node_modules'))).toBe(false);
});

test('an open API called by a bundle but not declared in its config.json fails the dry run, by name', () => {
  const root = copyOfRepo();
  const file = path.join(root, 'cloudfunctions/quarantine/config.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), permissions: { openapi: [] } }),
  );
  fs.appendFileSync(
    path.join(root, 'cloudfunctions/gate/index.js'),
    '\nimport_wx_server_sdk.default.openapi.wxacode.getUnlimited({ scene: "g1" });\n',
  );
  const { code, out } = deploy(['--dry-run'], root);
  expect(code).toBe(1);
  for (const [fn, api] of [
    ['quarantine', 'subscribeMessage.send'],
    ['gate', 'wxacode.getUnlimited'],
  ])
    expect(out).toContain(
      `function ${fn}: calls open API ${api}, which its config.json does not declare in permissions.openapi`,
    );
});

test('secrets under 32 characters fail the dry run, each by name, without printing them', () => {
  const { code, out } = deploy(['--dry-run'], REPO_ROOT, {
    PASS_TOKEN_SECRET: 'short-pass-key',
    PII_KEY: 'x'.repeat(31),
  });
  expect(code).toBe(1);
  expect(out).toContain('✗ PASS_TOKEN_SECRET is 14 characters; it must be at least 32');
  expect(out).toContain('✗ PII_KEY is 31 characters; it must be at least 32');
  expect(out).not.toContain('short-pass-key');
});

test('a deploy with every variable but a short PASS_TOKEN_SECRET stops before any upload', () => {
  const root = copyOfRepo(); // its deploy/tools is absent: a deploy that went on could not install or upload
  const values = Object.fromEntries(
    CREDENTIALS.map((name) => [name, `${name.toLowerCase()}-value-long-enough-1234567890`]),
  );
  const { code, out } = deploy([], root, { ...values, PASS_TOKEN_SECRET: 'x'.repeat(31) });
  expect(code).toBe(1);
  expect(out).toContain('✗ PASS_TOKEN_SECRET is 31 characters; it must be at least 32');
  expect(out).not.toContain('PII_KEY is');
  expect(out).toContain('Nothing was uploaded.');
  expect(out).not.toMatch(/installing the deployment tools|uploaded \(|Deployed\./);
});
