/**
 * `npm run cloud -- --port 3900 --data .localcloud/data` starts a local cloud (empty, or as its
 * data folder left it). `--import <dir>` loads a snapshot into an empty database first;
 * `--export-on-exit <dir>` writes one when stopped (Ctrl+C), as the Firebase emulators do.
 * `npm start` (scripts/start.ts) adds the demo estate and the browser preview; LocalCloud itself
 * knows nothing of the app.
 */
import { banner, parseCloudArgs, runCloud, stopOnSignal } from './launch';

async function main(): Promise<void> {
  const started = Date.now();
  const { cloud: args, help } = parseCloudArgs(process.argv.slice(2));
  if (help) {
    console.log(help);
    return;
  }
  const running = await runCloud(args);
  console.log(
    banner(running.cloud, started, [
      `data folder              ${args.data}`,
      ...(running.imported ? [`imported                 ${running.imported}`] : []),
    ]),
  );
  stopOnSignal(running.stop);
}

main().catch((err: Error) => {
  console.error(`localcloud: ${err.message}`);
  process.exit(1);
});
