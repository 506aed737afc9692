/**
 * The real deployment, with the official tools: @cloudbase/manager-node for collections, indexes,
 * client permissions and functions (code, timeout, memory, variables, triggers), miniprogram-ci for
 * the mini-program. They live in deploy/tools (installed on first deploy) and are typed here only
 * as far as we use them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionPlan, Plan } from './plan';

interface Manager {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    updateCollection(
      name: string,
      info: {
        CreateIndexes: {
          IndexName: string;
          MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
        }[];
      },
    ): Promise<unknown>;
    describeCollection(name: string): Promise<{ Indexes?: { Name: string }[] }>;
  };
  permission: {
    modifyResourcePermission(o: {
      resourceType: 'collection';
      resource: string;
      permission: string;
      securityRule?: string;
    }): Promise<unknown>;
  };
  functions: {
    createFunction(o: { func: Record<string, unknown>; functionRootPath: string; force: boolean }): Promise<unknown>;
    invokeFunction(name: string, params: Record<string, unknown>): Promise<{ RetMsg?: string }>;
  };
}

function tools(root: string): {
  Manager: new (o: { secretId: string; secretKey: string; envId: string }) => Manager;
  ci: Record<string, (...a: unknown[]) => Promise<unknown>> & { Project: new (o: object) => object };
} {
  const dir = path.join(root, 'deploy/tools');
  if (!fs.existsSync(path.join(dir, 'node_modules/miniprogram-ci'))) {
    console.log('installing the deployment tools (deploy/tools, pinned by its package-lock.json)…');
    execFileSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manager = require(path.join(dir, 'node_modules/@cloudbase/manager-node'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require(path.join(dir, 'node_modules/miniprogram-ci'));
  return { Manager: manager.default ?? manager, ci };
}

/** Our rule → CloudBase's permission: no client access unless a collection says otherwise. */
export function permissionOf(c: CollectionPlan): { permission: string; securityRule?: string } {
  if (c.rule.read === false && c.rule.write === false) return { permission: 'ADMINONLY' };
  if (c.rule.read === true && c.rule.write === false) return { permission: 'READONLY' };
  return { permission: 'CUSTOM', securityRule: JSON.stringify(c.rule) };
}

export async function apply(root: string, plan: Plan, values: Record<string, string>, version: string): Promise<void> {
  const { Manager, ci } = tools(root);
  const manager = new Manager({
    secretId: values.TENCENTCLOUD_SECRETID,
    secretKey: values.TENCENTCLOUD_SECRETKEY,
    envId: values.TCB_ENV_ID,
  });
  for (const c of plan.collections) {
    await manager.database.createCollectionIfNotExists(c.name);
    const existing = new Set(((await manager.database.describeCollection(c.name)).Indexes ?? []).map((i) => i.Name));
    const missing = c.indexes.filter((i) => !existing.has(i.name));
    if (missing.length > 0) {
      await manager.database.updateCollection(c.name, {
        CreateIndexes: missing.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
            MgoIsUnique: !!i.unique,
          },
        })),
      });
    }
    await manager.permission.modifyResourcePermission({
      resourceType: 'collection',
      resource: c.name,
      ...permissionOf(c),
    });
    console.log(`  collection ${c.name}: ${c.indexes.length} index(es), ${permissionOf(c).permission}`);
  }
  for (const fn of plan.functions) {
    await manager.functions.createFunction({
      func: {
        name: fn.name,
        timeout: fn.timeout,
        memorySize: fn.memorySize,
        runtime: 'Nodejs16.13',
        installDependency: true,
        envVariables: Object.fromEntries(fn.envVariables.map((v) => [v, values[v]])),
        triggers: fn.triggers,
        ignore: ['src/**', 'node_modules/**'],
      },
      functionRootPath: path.join(root, 'cloudfunctions'),
      force: true,
    });
    console.log(`  function ${fn.name}: uploaded`);
  }
  const project = new ci.Project({
    appid: values.WX_APPID,
    type: 'miniProgram',
    projectPath: root,
    privateKeyPath: values.MP_PRIVATE_KEY_PATH,
    ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'localcloud/**/*', 'test/**/*', 'deploy/**/*', 'build/**/*'],
  });
  await ci.packNpm(project, { reporter: () => undefined });
  await ci.upload({
    project,
    version,
    desc: `deployed by npm run deploy (${version})`,
    setting: { useProjectConfig: true },
  });
  console.log(`  mini-program: version ${version} uploaded (set it as 体验版/submit for review in mp.weixin.qq.com)`);
}

/** Makes the first admin. The admin function accepts this only from a server-side call with no admin yet. */
/** Asks the deployed admin function for the one-time code the first street admin accepts in the app. */
export async function bootstrapCode(root: string, values: Record<string, string>): Promise<string> {
  const { Manager } = tools(root);
  const manager = new Manager({
    secretId: values.TENCENTCLOUD_SECRETID,
    secretKey: values.TENCENTCLOUD_SECRETKEY,
    envId: values.TCB_ENV_ID,
  });
  const res = await manager.functions.invokeFunction('admin', { action: 'bootstrap' });
  return res.RetMsg ?? '';
}

export async function seedAdmin(root: string, values: Record<string, string>, openid: string): Promise<string> {
  const { Manager } = tools(root);
  const manager = new Manager({
    secretId: values.TENCENTCLOUD_SECRETID,
    secretKey: values.TENCENTCLOUD_SECRETKEY,
    envId: values.TCB_ENV_ID,
  });
  const res = await manager.functions.invokeFunction('admin', { action: 'seedAdmin', openid });
  return res.RetMsg ?? '';
}
