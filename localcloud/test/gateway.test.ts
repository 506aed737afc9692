/**
 * The HTTP front answers bad input as the client's mistake (4xx with a message), never as an
 * internal error; and the meter counts every database request, refused ones included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LocalCloud } from '../src';
import { callAs, rawAdmin, startTestCloud, tempDir } from './helpers';

let cloud: LocalCloud;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir();
  cloud = await startTestCloud({ dataDir });
});
afterAll(() => cloud.stop());

async function request(method: string, route: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.url}${route}`, { method, body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('a function name with malformed percent-encoding is a 400 with a message', async () => {
  const res = await request('POST', '/functions/%E0%A4%A', '{}');
  expect(res).toEqual({
    status: 400,
    body: expect.objectContaining({ errCode: -1, errMsg: expect.stringMatching(/percent-encoding/) }),
  });
});

test('the clock refuses a body that is not JSON, or not an object, with 400', async () => {
  for (const body of ['{not json', 'null', '[]', '{"offsetMs":"soon"}']) {
    const res = await request('POST', '/_localcloud/clock', body);
    expect(res.status).toBe(400);
    expect(typeof res.body.message).toBe('string');
  }
  expect(cloud.clockOffsetMs).toBe(0);
});

test('firing the trigger of a function that does not exist is a 404; a malformed name a 400', async () => {
  const unknown = await request('POST', '/_localcloud/triggers/nope');
  expect(unknown).toEqual({ status: 404, body: { message: expect.stringContaining('nope') } });
  const escaping = await request('POST', '/_localcloud/triggers/..%2F..%2Fpackage');
  expect(escaping.status).toBe(404);
  expect((await request('POST', '/_localcloud/triggers/%E0%A4%A')).status).toBe(400);
});

test('a storage path that climbs out with .. is a 400 and writes nothing', async () => {
  const put = await request('PUT', '/_localcloud/storage/exports%2F..%2F..%2Fescaped.txt', 'x');
  expect(put.status).toBe(400);
  expect(put.body.message).toMatch(/invalid cloud path/);
  expect(fs.existsSync(path.join(dataDir, 'escaped.txt'))).toBe(false);
  expect((await request('GET', '/_localcloud/storage/a%2F..%2F..%2Fsecrets.json')).status).toBe(400);
  expect((await request('GET', '/_localcloud/storage/%E0%A4%A')).status).toBe(400);
});

test('storage paths that clash with a folder or a file are answered 404 and 400, not 500', async () => {
  expect((await fetch(`${cloud.url}/_localcloud/storage/docs/a.txt`, { method: 'PUT', body: 'a' })).status).toBe(200);
  expect((await request('GET', '/_localcloud/storage/docs')).status).toBe(404);
  expect((await request('GET', '/_localcloud/storage/docs/a.txt/b')).status).toBe(404);
  expect((await request('PUT', '/_localcloud/storage/docs/a.txt/b', 'b')).status).toBe(400);
  expect((await request('PUT', '/_localcloud/storage/docs', 'c')).status).toBe(400);
});

test('an open API upload without a multipart boundary is a 400', async () => {
  const res = await request('POST', '/admin?env=local-dev', 'x', { 'content-type': 'multipart/form-data' });
  expect(res.status).toBe(400);
  expect(res.body.message).toMatch(/boundary/);
});

test('the meter refuses a limit that is not a positive integer', async () => {
  expect((await request('GET', '/_localcloud/meter?limit=abc')).status).toBe(400);
  expect((await request('GET', '/_localcloud/meter?limit=-3')).status).toBe(400);
  expect((await request('GET', '/_localcloud/meter?limit=2')).status).toBe(200);
});

test('database requests that fail are counted per invocation, like the ones that succeed', async () => {
  const res = await callAs(cloud, 'refused', 'o-ann', { id: 'refused-1' });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ missing: -502005, duplicate: -502001 });
  expect(res.dbOps).toBe(3);
  expect(cloud.meter.invocation(res.invocationId!)!.ops).toMatchObject({ reads: 1, writes: 2 });
});

test('a refused request from outside any function is counted in the total', async () => {
  const before = cloud.meter.total.reads;
  const answer = await rawAdmin(cloud, {
    action: 'database.getDocument',
    collectionName: 'stock',
    queryType: 'WHERE',
    query: '{"left":{"$nosuch":1}}',
  });
  expect(answer.code).toBe('DATABASE_INVALID_OPERRATOR');
  expect(cloud.meter.total.reads).toBe(before + 1);
});
