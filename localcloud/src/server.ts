/**
 * HTTP front of the local cloud, bound to 127.0.0.1 only:
 * - `POST /admin[/instance/<id>]?env=…` — the CloudBase server API the SDK calls;
 * - `POST /functions/<name>` — development-only gateway: call a function as the user named by the
 *   `X-WX-OPENID` header (the real cloud takes the OPENID from the WeChat session; nothing here
 *   checks it, which is why it never listens beyond loopback);
 * - `GET /_localcloud/…` — health, meter and invocation records for tests and benchmarks.
 */
import http from 'node:http';
import { CloudError } from './errors';
import { FunctionError } from './runner/runner';
import { totalOperations } from './meter';
import { parseMultipart } from './openapi';
import { consolePage, inspect } from './console-page';
import type { LocalCloud } from './index';

const MAX_FUNCTION_PAYLOAD = 100 * 1024; // callFunction's documented limit for text data
const MAX_ADMIN_BODY = 20 * 1024 * 1024;

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return readRaw(req, limit).then((b) => b.toString('utf8'));
}

function readRaw(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk); // past the limit: drain, then refuse
    });
    req.on('end', () => {
      if (size > limit) reject(Object.assign(new Error(`request body over ${limit} bytes`), { status: 413 }));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Bad input from the client: answered 4xx with the message, never as an internal error. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path segment, percent-decoded; malformed encoding is the client's mistake. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, `malformed percent-encoding in the path: ${raw}`);
  }
}

function jsonBody(text: string, fallback: unknown): unknown {
  if (text === '') return fallback;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function createServer(cloud: LocalCloud): http.Server {
  const server = http.createServer((req, res) => {
    handle(cloud, req, res).catch((err: Error & { status?: number }) => {
      if (res.headersSent) return;
      if (err instanceof HttpError || err.status)
        send(res, err.status ?? 400, { code: 'INVALID_PARAM', message: err.message });
      else send(res, 500, { code: 'LOCAL_INTERNAL_ERROR', message: err.message });
    });
  });
  // Keep idle connections longer than clients do (Node's fetch drops them after 4 s), so the
  // server never closes a socket a client is about to reuse — which happens after a long block.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function handle(cloud: LocalCloud, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw new HttpError(400, `malformed request URL: ${req.url}`);
  }
  const parts = url.pathname.split('/').filter(Boolean);

  if (req.method === 'POST' && parts[0] === 'admin' && /multipart\/form-data/.test(req.headers['content-type'] ?? '')) {
    // WeChat open APIs (subscribe messages…) arrive as multipart with a protobuf payload.
    const raw = await readRaw(req, MAX_ADMIN_BODY);
    let answer: Buffer;
    try {
      answer = cloud.handleOpenApi(
        parseMultipart(raw, req.headers['content-type']!),
        parts[1] === 'instance' ? parts[2] : undefined,
      );
    } catch (err) {
      throw new HttpError(400, `malformed open API request: ${(err as Error).message}`);
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
    res.end(answer);
    return;
  }

  if (req.method === 'POST' && parts[0] === 'admin') {
    const instanceId = parts[1] === 'instance' ? parts[2] : undefined;
    const text = await readBody(req, MAX_ADMIN_BODY);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      send(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON' });
      return;
    }
    send(res, 200, await cloud.handleAdmin(body, url.searchParams.get('env') ?? '', instanceId));
    return;
  }

  if (req.method === 'POST' && parts[0] === 'functions' && parts.length === 2) {
    let name: string;
    let event: unknown;
    try {
      name = segment(parts[1]);
      event = jsonBody(await readBody(req, MAX_FUNCTION_PAYLOAD), {});
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      send(res, err.status, { errCode: -1, errMsg: err.message, code: 'INVALID_PARAM' });
      return;
    }
    const openid = req.headers['x-wx-openid'];
    const started = await cloud.invoke(name, event, {
      openid: typeof openid === 'string' && openid !== '' ? openid : undefined,
      appid: cloud.appId,
      source: 'wx_client',
    });
    const record = cloud.meter.invocation(started.invocationId);
    const headers = {
      'x-localcloud-invocation': started.invocationId,
      'x-localcloud-db-ops': String(record ? totalOperations(record.ops) : 0),
    };
    if (started.error) {
      const status = started.error.code === 'FUNCTIONS_REQUEST_FAIL' ? 404 : 500;
      send(
        res,
        status,
        { errCode: errCodeOf(started.error), errMsg: started.error.message, code: started.error.code },
        headers,
      );
    } else {
      send(res, 200, started.result, headers);
    }
    return;
  }

  if (parts[0] === '_localcloud' && parts[1] === 'storage' && parts.length > 2) {
    // The upload URL the SDK was given (PUT, as to COS) and the download URL (GET).
    const cloudPath = parts.slice(2).map(segment).join('/');
    const checked = <T>(work: () => T): T => {
      try {
        return work();
      } catch (err) {
        if (err instanceof CloudError) throw new HttpError(400, err.message); // `..`, odd characters
        throw err;
      }
    };
    if (req.method === 'PUT') {
      const content = await readRaw(req, MAX_ADMIN_BODY);
      checked(() => cloud.storage.write(cloudPath, content));
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    const file = req.method === 'GET' ? checked(() => cloud.storage.read(cloudPath)) : null;
    if (!file) {
      send(res, 404, { message: 'no such file' });
      return;
    }
    res.writeHead(200, {
      'content-type': cloudPath.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
      'content-length': file.length,
    });
    res.end(file);
    return;
  }

  if (req.method === 'GET' && parts.length === 0) {
    // LocalCloud's own page: development only, like every route here (the server is on loopback).
    const page = consolePage(cloud.envId);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
    res.end(page);
    return;
  }

  if (req.method === 'GET' && parts[0] === '_localcloud') {
    const inspected = inspect(cloud, parts, url.searchParams);
    if (inspected) {
      send(res, inspected.status, inspected.body);
      return;
    }
    if (parts[1] === 'health') {
      send(res, 200, {
        ok: true,
        env: cloud.envId,
        functions: cloud.runner.list(),
        collections: cloud.db.store.listCollections(),
      });
    } else if (parts[1] === 'meter') {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'limit must be a positive integer');
      send(res, 200, { total: cloud.meter.total, invocations: cloud.meter.recent(limit) });
    } else if (parts[1] === 'outbox') {
      send(res, 200, cloud.outbox);
    } else if (parts[1] === 'invocations' && parts[2]) {
      const record = cloud.meter.invocation(parts[2]);
      send(res, record ? 200 : 404, record ?? { message: 'no such invocation' });
    } else {
      send(res, 404, { message: 'not found' });
    }
    return;
  }
  if (req.method === 'POST' && url.pathname === '/_localcloud/clock') {
    const body = jsonBody(await readBody(req, 1024), {}) as { offsetMs?: unknown } | null;
    if (typeof body?.offsetMs !== 'number' || !Number.isFinite(body.offsetMs)) {
      send(res, 400, { message: 'offsetMs must be a number of milliseconds' });
      return;
    }
    cloud.clockOffsetMs = body.offsetMs;
    send(res, 200, { offsetMs: cloud.clockOffsetMs, now: new Date(Date.now() + cloud.clockOffsetMs).toISOString() });
    return;
  }
  if (req.method === 'POST' && parts[0] === '_localcloud' && parts[1] === 'triggers' && parts[2]) {
    // Fire a function's timer trigger now, as CloudBase would on schedule (no user, SOURCE wx_trigger).
    const name = segment(parts[2]);
    if (!cloud.runner.list().includes(name)) {
      send(res, 404, { message: `no function named ${name}` });
      return;
    }
    const trigger = cloud.runner.config(name).triggers[0];
    const outcome = await cloud.invoke(
      name,
      {
        Type: 'Timer',
        TriggerName: trigger?.name ?? 'manual',
        Time: new Date(Date.now() + cloud.clockOffsetMs).toISOString(),
      },
      { source: 'wx_trigger' },
    );
    send(res, outcome.error ? 500 : 200, outcome.error ? { errMsg: outcome.error.message } : outcome.result);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/_localcloud/meter/reset') {
    cloud.meter.reset();
    send(res, 200, { ok: true });
    return;
  }
  send(res, 404, { message: `no route for ${req.method} ${url.pathname}` });
}

function errCodeOf(error: Error): number {
  return error instanceof FunctionError ? error.errCode : -504002;
}
