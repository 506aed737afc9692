/** Starting a throw-away local cloud for a test file and pointing the real wx-server-sdk at it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud, LocalCloudOptions, startLocalCloud } from '../src';

export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures/functions');
export const FIXTURE_COLLECTIONS = path.join(__dirname, 'fixtures/collections.json');

export function tempDir(prefix = 'localcloud-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  return startLocalCloud({
    dataDir: tempDir(),
    port: 0,
    functionsDir: FIXTURE_FUNCTIONS,
    collectionsFile: FIXTURE_COLLECTIONS,
    log: () => undefined,
    ...options,
  });
}

type WxServerSdk = typeof import('wx-server-sdk');

/**
 * wx-server-sdk's .d.ts types every database call as `Promise | void | string` (callback
 * overloads), which would bury these tests in casts; they drive the real runtime API untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SdkDatabase = any;

export function databaseFor(cloud: LocalCloud): SdkDatabase {
  return sdkFor(cloud).database();
}

/** The real SDK, configured exactly as a function instance would be, talking to `cloud`. */
export function sdkFor(cloud: LocalCloud): WxServerSdk {
  Object.assign(process.env, cloud.sdkEnv());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as WxServerSdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  return sdk;
}

/** A raw protocol request, for what the SDK would never send (limits, malformed bodies). */
export async function rawAdmin(cloud: LocalCloud, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${cloud.url}/admin?env=${cloud.envId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Calls a function through the development gateway as `openid`. */
export async function callAs(cloud: LocalCloud, name: string, openid: string | undefined, event: unknown) {
  const res = await fetch(`${cloud.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(event),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    invocationId: res.headers.get('x-localcloud-invocation'),
    dbOps: Number(res.headers.get('x-localcloud-db-ops')),
  };
}

/** The SDK's error as a function sees it: wx-server-sdk puts the numeric code in errCode. */
export async function errorOf(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg: string; code?: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { errCode?: number; errMsg?: string; message?: string; code?: string };
    return { errCode: e.errCode, errMsg: e.errMsg ?? e.message ?? String(err), code: e.code };
  }
  throw new Error('expected the call to fail, it succeeded');
}
