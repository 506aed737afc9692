/**
 * `npm run cloud -- --port 3900 --data .localcloud/data` starts an empty local cloud;
 * `npm start` adds `--demo`, which seeds the demo estate into an empty database first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoLogins, seedDemo } from '../../demo/seed';
import { startPreview } from '../../preview/server';
import { REPO_ROOT, startLocalCloud } from './index';

const HELP = `usage: localcloud [--port 3900] [--data .localcloud/data] [--env local-dev] [--demo]
  --port     port on 127.0.0.1 (0 picks a free one)
  --data     data folder (created if missing; kept between runs)
  --env      CloudBase environment id to answer for
  --demo     seed the demo estate if the database holds no residents yet
  --preview  also serve the mini-program's pages in a browser on this port (with --demo: its people)
  --functions  folder of cloud functions (default: cloudfunctions/)`;

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3900' },
      data: { type: 'string', default: path.join(REPO_ROOT, '.localcloud/data') },
      env: { type: 'string', default: 'local-dev' },
      functions: { type: 'string' },
      demo: { type: 'boolean', default: false },
      preview: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const cloud = await startLocalCloud({
    port,
    dataDir: path.resolve(values.data!),
    envId: values.env,
    functionsDir: values.functions,
  });

  let seeded = '';
  const demo = values.demo ? seedDemo(cloud) : null;
  if (demo) {
    seeded = Object.entries(demo.collections)
      .map(([c, docs]) => `${c} ${docs.length}`)
      .join(', ');
    console.log('demo logins (use as X-WX-OPENID):');
    for (const login of demo.logins) console.log(`  ${login.openid.padEnd(24)} ${login.label}`);
  }

  const preview =
    values.preview === undefined
      ? null
      : await startPreview({
          cloudUrl: cloud.url,
          port: Number(values.preview),
          buildDir: path.join(REPO_ROOT, 'build/preview'),
          identities: () => (values.demo ? demoLogins().logins : []),
        });

  console.log(`
LocalCloud (env ${cloud.envId}) ready in ${Date.now() - started} ms
  database + SDK endpoint  ${cloud.url}/admin   (TCB_CONTEXT_CNFG={"URL":"${cloud.url}/admin"})
  function gateway         POST ${cloud.url}/functions/<name>  header X-WX-OPENID: <openid>  (development only, loopback)
  meter                    GET  ${cloud.url}/_localcloud/meter
  functions                ${cloud.runner.list().join(', ') || '(none built: npm run build)'}
  data folder              ${path.resolve(values.data!)}${seeded ? `\n  seeded demo estate       ${seeded}` : ''}${
    preview ? `\n\n  Open the mini-program in a browser: ${preview.url}/` : ''
  }
Press Ctrl+C to stop.`);

  const shutdown = () => {
    void Promise.all([preview?.close(), cloud.stop()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: Error) => {
  console.error(`localcloud: ${err.message}`);
  process.exit(1);
});
