/**
 * `node build/scripts/demo.js`: builds the demo estate's cache (`build/demo-cache/`) through the
 * functions if today's functions have none yet, and says how long that took. The tests run it once
 * before their workers start (jest's globalSetup), so no two workers build it at the same time.
 */
import { demoCache } from '../demo/load';

export async function prepareDemo(): Promise<void> {
  const started = Date.now();
  const { built, cached } = await demoCache();
  const took = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    built
      ? `demo estate put into service through the functions in ${took} s (cached for later runs)`
      : `demo estate cached (built in ${(cached.buildMs / 1000).toFixed(1)} s)`,
  );
}

if (require.main === module)
  prepareDemo().catch((err: Error) => {
    console.error(`demo: ${err.message}`);
    process.exit(1);
  });
