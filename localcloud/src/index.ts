/**
 * LocalCloud — a local stand-in for WeChat CloudBase: the database protocol the real
 * `wx-server-sdk` speaks, on an embedded on-disk store, plus a runner for `cloudfunctions/`.
 * The same function code runs here and in the cloud; nothing in a function knows which.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CloudDatabase, CollectionDeclaration } from './database';
import { CloudError } from './errors';
import { Meter } from './meter';
import { answerOpenApi, decodeOpenApiRequest, openApiRefusal } from './openapi';
import { answer } from './protocol';
import { LocalStorage } from './storage';
import { Caller, FunctionRunner } from './runner/runner';
import { createServer } from './server';
import { Store } from './store';
import { Collections, importDocuments } from './snapshot';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface LocalCloudOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  functionsDir?: string;
  collectionsFile?: string;
  envId?: string;
  appId?: string;
  maxInstancesPerFunction?: number;
  /** How long a new function instance may take to load before its call fails (default 60 s). */
  startupTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface InvocationOutcome {
  invocationId: string;
  result?: unknown;
  error?: CloudError;
}

export function loadCollections(file: string): CollectionDeclaration[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: CollectionDeclaration[] };
  return parsed.collections ?? [];
}

/** The worker script, beside this file once built, or from the build folder when run from source. */
function workerScript(): string {
  const candidates = [path.join(__dirname, 'worker.js'), path.join(REPO_ROOT, 'build/localcloud/worker.js')];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error('build/localcloud/worker.js is missing: run `npm run build` first');
  return found;
}

export class LocalCloud {
  readonly db: CloudDatabase;
  readonly meter = new Meter();
  readonly runner: FunctionRunner;
  readonly envId: string;
  readonly appId: string;
  port = 0;
  /** WeChat open API calls the functions made (subscribe messages…): recorded, never sent. */
  readonly outbox: { api: string; params: Record<string, unknown>; at: string; functionName?: string }[] = [];
  /** Added to the real clock for the database's server dates and every function call. */
  clockOffsetMs = 0;
  private server?: http.Server;
  private readonly secrets: Secrets;
  readonly storage: LocalStorage;
  /** instance id → the invocation it is serving, to attribute its database operations. */
  private readonly serving = new Map<string, string>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: LocalCloudOptions) {
    this.envId = options.envId ?? 'local-dev';
    this.appId = options.appId ?? 'wx-local-app';
    this.log = options.log ?? ((line) => console.log(line));
    this.db = new CloudDatabase(new Store(options.dataDir), () => Date.now() + this.clockOffsetMs);
    this.secrets = new Secrets(path.join(options.dataDir, 'secrets.json'));
    this.storage = new LocalStorage(path.join(options.dataDir, 'storage'), this.envId, () => this.url);
    this.db.onUnindexedQuery = (collection, fields) => {
      const signature = `${collection}: ${fields.join('+')}`;
      if (!this.meter.unindexed[signature])
        this.log(
          `[localcloud] warning: query on ${signature} uses no index (declare one in database/collections.json)`,
        );
      this.meter.unindexed[signature] = (this.meter.unindexed[signature] ?? 0) + 1;
    };
    this.db.declare(loadCollections(options.collectionsFile ?? path.join(REPO_ROOT, 'database/collections.json')));
    this.runner = new FunctionRunner({
      functionsDir: options.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions'),
      workerScript: workerScript(),
      maxInstances: options.maxInstancesPerFunction ?? 8,
      startupTimeoutMs: options.startupTimeoutMs,
      instanceEnv: (instanceId) => ({ ...inheritedEnv(), ...this.sdkEnv(`/admin/instance/${instanceId}`) }),
      variable: (name) => this.secrets.value(name),
      clockOffsetMs: () => this.clockOffsetMs,
      onInvocationStart: (invocationId, instanceId) => this.serving.set(instanceId, invocationId),
      onInvocationEnd: (invocationId) => {
        for (const [instance, current] of this.serving) if (current === invocationId) this.serving.delete(instance);
      },
    });
  }

  /** A function's environment variable as its instances get it (for tests that sign tokens). */
  variable(name: string): string {
    return this.secrets.value(name);
  }

  /**
   * Takes over the variables' values of another local cloud: a snapshot of sealed data (phones,
   * ID hashes) is only readable with the keys it was sealed with. Only while the database is empty.
   */
  adoptSecrets(values: Record<string, string>): void {
    const occupied = this.db.store.listCollections().some((c) => this.db.count(c, {}).total > 0);
    if (occupied) throw new Error('secrets can only be adopted by an empty local cloud');
    this.secrets.adopt(values);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Variables that point the real SDK at this local cloud (any credentials are accepted). */
  sdkEnv(adminPath = '/admin'): Record<string, string> {
    return {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.url}${adminPath}` }),
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      // As in a real function instance; it also stops the SDK probing the cloud metadata host.
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
    };
  }

  async listen(): Promise<void> {
    this.server = createServer(this);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
  }

  async handleAdmin(body: unknown, env: string, instanceId?: string): Promise<Record<string, unknown>> {
    if (env && env !== this.envId)
      return { code: 'INVALIID_ENV', message: `environment ${env} does not exist (local cloud serves ${this.envId})` };
    const invocationId = instanceId ? this.serving.get(instanceId) : undefined;
    return answer(
      {
        db: this.db,
        storage: this.storage,
        onOperation: (op) => this.meter.record(op, invocationId),
        warn: (message) => this.log(`[localcloud] warning: ${message}`),
        invokeFunction: async (name, event) => {
          const parent = invocationId ? this.meter.invocation(invocationId) : undefined;
          const outcome = await this.invoke(name, event, { source: 'wx_client,scf' }, parent?.id);
          if (outcome.error) throw outcome.error;
          return outcome.result;
        },
      },
      body,
    );
  }

  handleOpenApi(fields: Record<string, Buffer>, instanceId?: string): Buffer {
    const invocationId = instanceId ? this.serving.get(instanceId) : undefined;
    const api = fields.apiName?.toString('utf8') ?? '';
    const functionName = invocationId ? this.meter.invocation(invocationId)?.functionName : undefined;
    // CloudBase refuses an open API the function's config.json does not declare (-604101).
    const refusal = openApiRefusal(
      api,
      functionName,
      this.options.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions'),
    );
    if (refusal) {
      this.log(`[localcloud] open API ${api} refused: ${functionName}'s config.json does not declare it (-604101)`);
      return refusal;
    }
    const params = fields.requestData ? decodeOpenApiRequest(fields.requestData) : {};
    this.outbox.push({ api, params, at: new Date(Date.now() + this.clockOffsetMs).toISOString(), functionName });
    this.log(`[localcloud] open API ${api} recorded in the outbox (not sent)`);
    return answerOpenApi(api, params);
  }

  /** Runs a function as `caller`; never throws: a failure is in `error`. */
  async invoke(name: string, event: unknown, caller: Caller, parentId?: string): Promise<InvocationOutcome> {
    const invocationId = crypto.randomUUID();
    const record = this.meter.begin({
      id: invocationId,
      functionName: name,
      openid: caller.openid,
      parentId,
      startedAt: Date.now(),
    });
    try {
      const result = await this.runner.invoke(name, event, caller, invocationId);
      record.ok = true;
      return { invocationId, result };
    } catch (err) {
      const error =
        err instanceof CloudError
          ? err
          : new CloudError('FUNCTIONS_EXECUTE_FAIL', String((err as Error)?.message ?? err));
      record.ok = false;
      record.errorCode = error.code;
      return { invocationId, error };
    } finally {
      record.durationMs = Date.now() - record.startedAt;
    }
  }

  /** Fills collections with documents (a demo estate, a test's fixture) through the store's own commit. */
  importDocuments(collections: Collections): void {
    importDocuments(this, collections);
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    this.db.store.close();
  }
}

/**
 * Values for functions' declared environment variables: the local cloud's own environment
 * first, else a random value made once and kept in the data folder (never in the repo).
 */
class Secrets {
  private readonly values: Record<string, string>;

  constructor(private readonly file: string) {
    this.values = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  adopt(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) {
      if (this.values[name] !== undefined && this.values[name] !== value)
        throw new Error(`secret ${name} is already in use; it cannot be replaced`);
      this.values[name] = value;
    }
    fs.writeFileSync(this.file, JSON.stringify(this.values, null, 2), { mode: 0o600 });
  }

  value(name: string): string {
    const fromEnv = process.env[name];
    if (fromEnv) return fromEnv;
    if (!this.values[name]) {
      this.values[name] = crypto.randomBytes(32).toString('base64url');
      fs.writeFileSync(this.file, JSON.stringify(this.values, null, 2), { mode: 0o600 });
    }
    return this.values[name];
  }
}

/** The parent's environment without any CloudBase/WeChat context of its own. */
function inheritedEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(WX_|TCB_|TENCENTCLOUD_|SCF_)/.test(key)) out[key] = value;
  }
  return out;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const cloud = new LocalCloud(options);
  await cloud.listen();
  return cloud;
}
