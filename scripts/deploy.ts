/**
 * `npm run deploy -- --dry-run`: print the full plan and check it (no network, part of the tests).
 * `npm run deploy`: the same checks, then — only with every variable present — collections,
 * indexes, permissions, functions and the mini-program, with the official tools.
 * `npm run deploy -- --seed-admin <openid>`: make the first street-office admin after deploying.
 * `npm run deploy -- --bootstrap`: print a one-time code (24 h) the first admin accepts in the app
 *   (首页 → 输入邀请码), for when nobody knows their OPENID.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { apply, bootstrapCode, permissionOf, seedAdmin } from '../deploy/apply';
import { checkPlan, FUNCTION_PACKAGE_LIMIT, MAIN_PACKAGE_LIMIT, readPlan } from '../deploy/plan';
import { missingVariables, readDeployEnv, weakSecrets } from '../deploy/variables';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      root: { type: 'string' },
      'seed-admin': { type: 'string' },
      bootstrap: { type: 'boolean', default: false },
      version: { type: 'string' },
    },
  });
  const root = path.resolve(args.root ?? path.join(__dirname, '../..'));
  const plan = readPlan(root);
  const values = readDeployEnv(root);

  console.log(
    `Deploy plan${args['dry-run'] ? ' (dry run: nothing is uploaded)' : ''} — environment ${values.TCB_ENV_ID ?? '(TCB_ENV_ID not set)'}\n`,
  );
  console.log('Functions:');
  for (const fn of plan.functions) {
    const triggers = fn.triggers.map((t) => `${t.name} ${t.config}`).join('; ') || 'none';
    console.log(
      `  ${fn.name.padEnd(10)} ${kb(fn.bundleBytes).padStart(9)}  wx-server-sdk ${fn.sdkVersion}  timeout ${fn.timeout}s  memory ${fn.memorySize} MB  variables: ${fn.envVariables.join(', ') || 'none'}  timers: ${triggers}`,
    );
    console.log(`             collections: ${fn.collections.join(', ')}`);
    if (fn.openapiCalls.length > 0) console.log(`             open APIs: ${fn.openapiCalls.join(', ')}`);
  }
  console.log(`\nCollections (${plan.collections.length}), all permissions as declared in database/collections.json:`);
  for (const c of plan.collections) {
    const indexes = c.indexes.map((i) => `${i.name}(${i.keys.map((k) => k.field).join('+')})`).join(', ') || 'none';
    console.log(`  ${c.name.padEnd(20)} ${permissionOf(c).permission.padEnd(10)} indexes: ${indexes}`);
  }
  console.log(`\nVariables the functions need (values from the operator): ${plan.variables.join(', ')}`);
  console.log(
    `Mini-program main package: ${kb(plan.miniprogramBytes)} of ${kb(MAIN_PACKAGE_LIMIT)}; function package limit ${kb(FUNCTION_PACKAGE_LIMIT)}\n`,
  );

  // Secrets are checked whenever given (environment or .deploy.env), in a dry run too.
  const problems = [...checkPlan(plan), ...weakSecrets(values, plan.variables)];
  if (problems.length > 0) {
    console.log('Checks failed:');
    for (const p of problems) console.log(`  ✗ ${p}`);
    console.log('Nothing was uploaded.');
    return 1;
  }
  console.log(
    'Checks passed: every function built and pinned, collections and open APIs declared, no client writes, sizes within limits, no short secret given.',
  );
  if (args['dry-run']) return 0;

  const missing = missingVariables(values, plan.variables);
  if (missing.length > 0) {
    console.error(
      '\nCannot deploy: these variables are missing (set them in the environment or in .deploy.env, which git ignores):',
    );
    for (const m of missing) console.error(`  - ${m}`);
    console.error('Nothing was uploaded.');
    return 2;
  }
  if (args.bootstrap) {
    const answer = JSON.parse((await bootstrapCode(root, values)) || '{}') as {
      code?: unknown;
      message?: string;
      data?: { code: string; expiresAt: string };
    };
    if (answer.code !== 0 || !answer.data) {
      console.error(`No code: ${answer.message ?? 'the admin function did not answer'}`);
      return 1;
    }
    console.log(`One-time admin code, valid until ${answer.data.expiresAt}: ${answer.data.code}`);
    console.log('The first street admin opens the mini-program → 首页 → 输入邀请码, and types it.');
    return 0;
  }
  if (args['seed-admin']) {
    console.log(await seedAdmin(root, values, args['seed-admin']));
    return 0;
  }
  await apply(root, plan, values, args.version ?? new Date().toISOString().slice(0, 10).replace(/-/g, '.'));
  console.log('\nDeployed.');
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
