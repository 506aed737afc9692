/**
 * Runs every folder of `cloudfunctions/` the way CloudBase does: each function in its own worker
 * instances, one request at a time per instance, more instances up to a cap when requests overlap,
 * the `config.json` timeout enforced on the handler (the instance is killed), a crash answered as
 * an error without affecting other instances. As in CloudBase, a cold start (loading the bundle and
 * wx-server-sdk) is not counted in the timeout; it has its own, longer limit.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CloudError } from '../errors';
import { InvokeMessage, WorkerInit, WorkerMessage } from './messages';

export const DEFAULT_TIMEOUT_SECONDS = 3;
/** How long a new instance may take to load its function before the call fails (local choice). */
export const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** CloudBase's SOURCE chain: `wx_client`, then `wx_client,scf` for a function called by a function. */
  source: string;
}

export interface RunnerOptions {
  functionsDir: string;
  workerScript: string;
  maxInstances: number;
  /** Environment every instance starts with (SDK endpoint, credentials, env id). */
  instanceEnv: (instanceId: string) => Record<string, string>;
  /** Values for the variables a function declares in its config.json `envVariables`. */
  variable: (name: string) => string;
  /** Milliseconds added to the real clock for this invocation (tests move time forward). */
  clockOffsetMs: () => number;
  onInvocationStart: (invocationId: string, instanceId: string) => void;
  onInvocationEnd: (invocationId: string) => void;
  startupTimeoutMs?: number;
}

interface Instance {
  id: string;
  worker: Worker;
  busy: boolean;
  /** Settles when the function's module has loaded (or failed to). */
  ready: Promise<void>;
  /** The timeout of the config.json it was started with: as in CloudBase, a new config takes effect on new instances. */
  timeoutMs: number;
  pending?: { invocationId: string; resolve: (r: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
}

interface Waiter {
  run: (instance: Instance) => void;
}

export class FunctionError extends CloudError {
  constructor(
    code: string,
    readonly errCode: number,
    message: string,
  ) {
    super(code, message);
  }
}

export class FunctionRunner {
  private readonly pools = new Map<string, Instance[]>();
  private readonly queues = new Map<string, Waiter[]>();
  private stopped = false;

  constructor(private readonly options: RunnerOptions) {}

  list(): string[] {
    if (!fs.existsSync(this.options.functionsDir)) return [];
    return fs
      .readdirSync(this.options.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(this.options.functionsDir, d.name, 'index.js')))
      .map((d) => d.name)
      .sort();
  }

  /** The function's config.json: `timeout` in seconds, `envVariables` (names only), timer `triggers`. */
  config(name: string): {
    timeout: number;
    envVariables: string[];
    triggers: { name: string; type: string; config: string }[];
  } {
    const file = path.join(this.options.functionsDir, name, 'config.json');
    const config = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as {
      timeout?: unknown;
      envVariables?: unknown;
      triggers?: unknown;
    };
    return {
      timeout: typeof config.timeout === 'number' && config.timeout > 0 ? config.timeout : DEFAULT_TIMEOUT_SECONDS,
      envVariables: Array.isArray(config.envVariables)
        ? config.envVariables.filter((v): v is string => typeof v === 'string')
        : [],
      triggers: Array.isArray(config.triggers) ? config.triggers : [],
    };
  }

  async invoke(name: string, event: unknown, caller: Caller, invocationId = crypto.randomUUID()): Promise<unknown> {
    if (this.stopped) throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', -504002, 'local cloud is stopping');
    // A function with instances is known; only a name not called before costs a read of the folder.
    if (!this.pools.has(name) && !this.list().includes(name)) {
      throw new FunctionError('FUNCTIONS_REQUEST_FAIL', -504001, `FunctionName parameter could not be found: ${name}`);
    }
    const instance = await this.acquire(name);
    const { timeoutMs } = instance;
    const message: InvokeMessage = {
      type: 'invoke',
      invocationId,
      event: withUserInfo(event, caller),
      wxContext: { OPENID: caller.openid, APPID: caller.appid, UNIONID: caller.unionid, SOURCE: caller.source },
      clockOffsetMs: this.options.clockOffsetMs(),
    };
    this.options.onInvocationStart(invocationId, instance.id);
    try {
      await this.started(name, instance);
      return await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.discard(name, instance);
          reject(
            new FunctionError(
              'FUNCTIONS_EXECUTE_FAIL',
              -504003,
              `Invoking task timed out after ${timeoutMs / 1000} seconds`,
            ),
          );
        }, timeoutMs);
        instance.pending = { invocationId, resolve, reject, timer };
        instance.worker.postMessage(message);
      });
    } finally {
      this.options.onInvocationEnd(invocationId);
      this.release(name, instance);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((i) => i.worker.terminate()));
  }

  instanceCount(name: string): number {
    return this.pools.get(name)?.length ?? 0;
  }

  /** Waits for a new instance to load its function, within the start-up limit. */
  private async started(name: string, instance: Instance): Promise<void> {
    const limitMs = this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        instance.ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not loaded within ${limitMs / 1000} seconds`)), limitMs);
        }),
      ]);
    } catch (err) {
      this.discard(name, instance);
      throw new FunctionError(
        'FUNCTIONS_EXECUTE_FAIL',
        -504002,
        `functions execute fail | instance failed to start: ${(err as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private acquire(name: string): Promise<Instance> {
    const pool = this.pools.get(name) ?? [];
    this.pools.set(name, pool);
    const idle = pool.find((i) => !i.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (pool.length < this.options.maxInstances) {
      const instance = this.spawn(name);
      instance.busy = true;
      pool.push(instance);
      return Promise.resolve(instance);
    }
    return new Promise((resolve) => {
      const queue = this.queues.get(name) ?? [];
      queue.push({ run: resolve });
      this.queues.set(name, queue);
    });
  }

  private release(name: string, instance: Instance): void {
    instance.pending = undefined;
    const pool = this.pools.get(name) ?? [];
    const waiter = this.queues.get(name)?.shift();
    if (!waiter) {
      instance.busy = false;
      return;
    }
    if (pool.includes(instance)) {
      waiter.run(instance);
    } else {
      // The instance was discarded (timeout or crash): the waiter gets a fresh one.
      const fresh = this.spawn(name);
      fresh.busy = true;
      pool.push(fresh);
      waiter.run(fresh);
    }
  }

  private spawn(name: string): Instance {
    const id = crypto.randomBytes(8).toString('hex');
    const init: WorkerInit = { functionDir: path.join(this.options.functionsDir, name) };
    const config = this.config(name);
    const worker = new Worker(this.options.workerScript, {
      workerData: init,
      env: {
        ...this.options.instanceEnv(id),
        ...Object.fromEntries(config.envVariables.map((v) => [v, this.options.variable(v)])),
        SCF_FUNCTIONNAME: name,
      },
      stdout: false,
      stderr: false,
    });
    let loaded!: () => void;
    let failed!: (err: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    ready.catch(() => undefined); // observed by `started`; an idle instance may fail unobserved
    const instance: Instance = { id, worker, busy: false, ready, timeoutMs: config.timeout * 1000 };
    worker.on('message', (reply: WorkerMessage) => {
      if (reply.type === 'ready') {
        loaded();
        return;
      }
      const pending = instance.pending;
      if (!pending || reply.invocationId !== pending.invocationId) return;
      clearTimeout(pending.timer);
      if (reply.ok) pending.resolve(reply.result);
      else
        pending.reject(
          new FunctionError('FUNCTIONS_EXECUTE_FAIL', -504002, `functions execute fail | ${reply.message}`),
        );
    });
    worker.on('error', (err) => {
      failed(err);
      const pending = instance.pending;
      this.discard(name, instance);
      if (pending) {
        clearTimeout(pending.timer);
        pending.reject(
          new FunctionError(
            'FUNCTIONS_EXECUTE_FAIL',
            -504002,
            `functions execute fail | instance crashed: ${err.message}`,
          ),
        );
      }
    });
    worker.on('exit', (exitCode) => {
      failed(new Error(`instance exited with code ${exitCode}`));
      this.removeFromPool(name, instance);
    });
    worker.unref();
    return instance;
  }

  private discard(name: string, instance: Instance): void {
    this.removeFromPool(name, instance);
    void instance.worker.terminate();
  }

  private removeFromPool(name: string, instance: Instance): void {
    const pool = this.pools.get(name);
    if (!pool) return;
    const at = pool.indexOf(instance);
    if (at >= 0) pool.splice(at, 1);
  }
}

/** The cloud adds the caller to the event of a mini-program call as `userInfo`. */
function withUserInfo(event: unknown, caller: Caller): unknown {
  const base = event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : {};
  if (!caller.openid) return base;
  return { ...base, userInfo: { appId: caller.appid, openId: caller.openid } };
}
