/**
 * `npm start`: LocalCloud on 127.0.0.1:3900 with the demo estate (seeded into an empty database),
 * and the browser preview of the mini-program on 3901. The app's wiring lives here, so LocalCloud
 * imports nothing of the demo or the preview. `--preview off` starts the cloud alone (the bench).
 */
import path from 'node:path';
import { banner, parseCloudArgs, runCloud, stopOnSignal } from '../localcloud/src/launch';
import { REPO_ROOT } from '../localcloud/src';
import { loginsOf } from '../demo/build';
import { loadDemo } from '../demo/load';
import { startPreview } from '../preview/server';

async function main(): Promise<void> {
  const started = Date.now();
  const {
    cloud: args,
    values,
    help,
  } = parseCloudArgs(process.argv.slice(2), {
    preview: { type: 'string', default: '3901' },
  });
  if (help) {
    console.log(`${help}\n  --preview         port of the browser preview (off: none)`);
    return;
  }
  const running = await runCloud(args);
  const demo = args.import ? null : await loadDemo(running.cloud);
  if (demo) {
    console.log('demo logins (use as X-WX-OPENID):');
    for (const login of demo.logins) console.log(`  ${login.openid.padEnd(24)} ${login.label}`);
  }
  const previewPort = String(values.preview);
  const preview =
    previewPort === 'off'
      ? null
      : await startPreview({
          cloudUrl: running.cloud.url,
          port: Number(previewPort),
          buildDir: path.join(REPO_ROOT, 'build/preview'),
          identities: () => loginsOf(),
        });
  const seeded = demo
    ? `${running.cloud.db.count('residents', {}).total} residents, ${demo.built ? 'put into service through the functions' : 'from build/demo-cache'} in ${(demo.ms / 1000).toFixed(1)} s`
    : '';
  console.log(
    banner(running.cloud, started, [
      `data folder              ${args.data}`,
      ...(running.imported ? [`imported                 ${running.imported}`] : []),
      ...(seeded ? [`seeded demo estate       ${seeded}`] : []),
      ...(preview ? ['', `Open the mini-program in a browser: ${preview.url}/`] : []),
    ]),
  );
  stopOnSignal(async () => {
    await preview?.close();
    await running.stop();
  });
}

main().catch((err: Error) => {
  console.error(`start: ${err.message}`);
  process.exit(1);
});
