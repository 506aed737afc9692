/** Shared by the function tests: a local cloud with the built functions and the demo estate. */
import { LocalCloud, startLocalCloud } from '../../localcloud/src';
import { callAs, tempDir } from '../../localcloud/test/helpers';
import { SeededDemo } from '../../demo/build';
import { loadDemo } from '../../demo/load';

export interface Estate {
  cloud: LocalCloud;
  demo: SeededDemo;
  call: (fn: string, openid: string | undefined, event: object) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The whole gateway answer: status, body, invocation id and database operations used. */
  calls: (
    cloud: LocalCloud,
    fn: string,
    openid: string | undefined,
    event: Record<string, unknown>,
  ) => Promise<{ status: number; body: Record<string, any>; dbOps: number }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function startEstate(): Promise<Estate> {
  const cloud = await startLocalCloud({ dataDir: tempDir(), port: 0, log: () => undefined });
  const demo = (await loadDemo(cloud))!;
  return {
    cloud,
    demo,
    call: async (fn, openid, event) => (await callAs(cloud, fn, openid, event)).body,
    calls: callAs,
  };
}

let counter = 0;
/** A fresh request id, as the mini-program makes one per form submission. */
export const requestId = () => `req-${Date.now().toString(36)}-${(counter++).toString(36).padStart(4, '0')}`;

export const daysAgoIso = (days: number, from = Date.now()) => new Date(from - days * 24 * 3600_000).toISOString();

/** The China day `days` after today on the local cloud's clock, as "YYYY-MM-DD" (a visit's dates). */
export const cstDateIn = (cloud: LocalCloud, days = 0) =>
  new Date(Date.now() + cloud.clockOffsetMs + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);

/** Counts documents directly in the store, to prove what was (not) written. */
export function countDocs(cloud: LocalCloud, collection: string, query: Record<string, unknown> = {}): number {
  return cloud.db.count(collection, query).total;
}

/** Distinct valid ID numbers (GB 11643 check digit) for distinct made-up people. */
export function validIdNumber(seed: string): string {
  const body = `1101051980${String(Math.abs([...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % 10_000_000).padStart(7, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}
