/**
 * Starting a local cloud from a command line: the options both `npm run cloud` (cli.ts) and
 * `npm start` (scripts/start.ts) take, the start itself with `--import` / `--export-on-exit`, and
 * the banner that says what runs where.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalCloud, REPO_ROOT, startLocalCloud } from './index';
import { exportSnapshot, importSnapshot } from './snapshot';

const HELP = `usage: localcloud [--port 3900] [--data .localcloud/data] [--env local-dev] [--import DIR] [--export-on-exit DIR]
  --port            port on 127.0.0.1 (0 picks a free one)
  --data            data folder (created if missing; kept between runs)
  --env             CloudBase environment id to answer for
  --functions       folder of cloud functions (default: cloudfunctions/)
  --import          load a snapshot (database and storage) into an empty database at start
  --export-on-exit  write a snapshot of the database and storage to DIR when stopped`;

export interface CloudArgs {
  port: number;
  data: string;
  env: string;
  functions?: string;
  import?: string;
  exportOnExit?: string;
}

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export function parseCloudArgs(args: string[], extra: Options = {}) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '3900' },
      data: { type: 'string', default: path.join(REPO_ROOT, '.localcloud/data') },
      env: { type: 'string', default: 'local-dev' },
      functions: { type: 'string' },
      import: { type: 'string' },
      'export-on-exit': { type: 'string' },
      help: { type: 'boolean', default: false },
      ...extra,
    },
  });
  const given = values as Record<string, string | boolean | undefined>;
  const port = Number(given.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${String(given.port)}`);
  const text = (key: string) => (typeof given[key] === 'string' ? (given[key] as string) : undefined);
  const cloud: CloudArgs = {
    port,
    data: path.resolve(text('data')!),
    env: text('env')!,
    functions: text('functions'),
    import: text('import'),
    exportOnExit: text('export-on-exit'),
  };
  return { cloud, values: given, help: given.help === true ? HELP : null };
}

/** Starts the cloud as asked; `stop()` writes the export first when one was asked for. */
export async function runCloud(
  args: CloudArgs,
): Promise<{ cloud: LocalCloud; imported: string; stop(): Promise<void> }> {
  const cloud = await startLocalCloud({
    port: args.port,
    dataDir: args.data,
    envId: args.env,
    functionsDir: args.functions,
  });
  let imported = '';
  if (args.import) {
    const { collections, documents } = importSnapshot(cloud, path.resolve(args.import));
    imported = `${documents} documents in ${collections} collections from ${path.resolve(args.import)}`;
  }
  return {
    cloud,
    imported,
    async stop() {
      if (args.exportOnExit) {
        const { documents } = exportSnapshot(cloud, path.resolve(args.exportOnExit));
        console.log(`exported ${documents} documents to ${path.resolve(args.exportOnExit)}`);
      }
      await cloud.stop();
    },
  };
}

export function banner(cloud: LocalCloud, started: number, lines: string[] = []): string {
  return `
LocalCloud (env ${cloud.envId}) ready in ${Date.now() - started} ms
  database + SDK endpoint  ${cloud.url}/admin   (TCB_CONTEXT_CNFG={"URL":"${cloud.url}/admin"})
  function gateway         POST ${cloud.url}/functions/<name>  header X-WX-OPENID: <openid>  (development only, loopback)
  meter                    GET  ${cloud.url}/_localcloud/meter
  its own page             ${cloud.url}/   (collections, invocations, outbox, storage)
  functions                ${cloud.runner.list().join(', ') || '(none built: npm run build)'}
${lines.map((l) => `  ${l}`).join('\n')}
Press Ctrl+C to stop.`;
}

export function stopOnSignal(stop: () => Promise<unknown>): void {
  const shutdown = () => void stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
