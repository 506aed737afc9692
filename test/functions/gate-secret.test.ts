/**
 * A gate deployed without its pass key, or with a short one, must refuse every scan rather than
 * accept what a forger signs with that key. The forger here knows the key: the empty string, or
 * the short value the operator typed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LocalCloud, REPO_ROOT, startLocalCloud } from '../../localcloud/src';
import { callAs, tempDir } from '../../localcloud/test/helpers';
import { loadDemo } from '../../demo/load';
import { countDocs } from './journeys';

const GUARD = 'demo-grid-11';
const GATE = 'enc-chunhua-gate-1';

/** A copy of the built gate whose config.json, like a careless deploy, sets no PASS_TOKEN_SECRET. */
function gateWithoutKey(): string {
  const dir = tempDir('gate-no-key-');
  fs.mkdirSync(path.join(dir, 'gate'));
  fs.copyFileSync(path.join(REPO_ROOT, 'cloudfunctions/gate/index.js'), path.join(dir, 'gate/index.js'));
  const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cloudfunctions/gate/config.json'), 'utf8'));
  config.envVariables = config.envVariables.filter((v: string) => v !== 'PASS_TOKEN_SECRET');
  fs.writeFileSync(path.join(dir, 'gate/config.json'), JSON.stringify(config));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules')); // wx-server-sdk
  return dir;
}

async function estateWith(functionsDir?: string): Promise<LocalCloud> {
  const cloud = await startLocalCloud({ dataDir: tempDir(), port: 0, functionsDir, log: () => undefined });
  await loadDemo(cloud);
  return cloud;
}

/** A pass for a green 春华苑 resident, signed the way the token format says, with `key`. */
function forgedPass(cloud: LocalCloud, key: string): string {
  const status = cloud.db.find('statuses', { colour: 'green', enclosureId: 'enc-chunhua' }, { limit: 1 }).docs[0];
  const payload = ['P1', status._id, status.householdId, status.enclosureId, Math.floor(Date.now() / 1000) + 60].join(
    '.',
  );
  return `${payload}.${crypto.createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22)}`;
}

async function expectRefusedUnlogged(cloud: LocalCloud, token: string): Promise<void> {
  const before = countDocs(cloud, 'gate_logs');
  for (const direction of ['in', 'out']) {
    const res = await callAs(cloud, 'gate', GUARD, {
      action: 'scan',
      gateId: GATE,
      direction,
      token,
      temperature: 36.5,
    });
    expect(res.body).toEqual({
      code: 'FAILED_PRECONDITION',
      data: null,
      message: '卡口未配置通行码密钥，请联系街道管理员',
    });
  }
  expect(countDocs(cloud, 'gate_logs')).toBe(before);
}

test('a gate deployed without PASS_TOKEN_SECRET refuses a pass signed with the empty key, and logs nothing', async () => {
  const cloud = await estateWith(gateWithoutKey());
  try {
    await expectRefusedUnlogged(cloud, forgedPass(cloud, ''));
  } finally {
    await cloud.stop();
  }
});

test('a gate whose PASS_TOKEN_SECRET is shorter than 32 characters refuses even a pass signed with it', async () => {
  const short = 'x'.repeat(31);
  const cloud = await estateWith();
  // LocalCloud hands its own environment's value to the functions' instances, started at their first call.
  process.env.PASS_TOKEN_SECRET = short;
  try {
    await expectRefusedUnlogged(cloud, forgedPass(cloud, short));
  } finally {
    delete process.env.PASS_TOKEN_SECRET;
    await cloud.stop();
  }
});

test('control: the same forgery, signed with the gate’s real key, is a pass the gate lets through', async () => {
  // Proves forgedPass builds a token the gate would accept: the refusals above come from the key check.
  const cloud = await estateWith();
  try {
    const token = forgedPass(cloud, cloud.variable('PASS_TOKEN_SECRET'));
    const res = await callAs(cloud, 'gate', GUARD, {
      action: 'scan',
      gateId: GATE,
      direction: 'in',
      token,
      temperature: 36.5,
    });
    expect(res.body).toMatchObject({ code: 0, data: { allowed: true, colour: 'green' } });
  } finally {
    await cloud.stop();
  }
});
