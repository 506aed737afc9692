/**
 * One function instance. Like a CloudBase instance it loads the function once (and says when it
 * has: loading is not part of any request's timeout), then serves one request at a time; each
 * request's caller is put in `process.env` (this worker's own copy) where `cloud.getWXContext()`
 * reads it.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { InvokeMessage, ReadyMessage, ResultMessage, WorkerInit } from './messages';

type Handler = (event: unknown, context: unknown) => unknown;

const { functionDir } = workerData as WorkerInit;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fn = require(path.join(functionDir, 'index.js')) as { main?: Handler };
parentPort?.postMessage({ type: 'ready' } satisfies ReadyMessage);

parentPort?.on('message', async (message: InvokeMessage) => {
  const { invocationId, event, wxContext } = message;
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID';
  for (const key of ['OPENID', 'APPID', 'UNIONID'] as const) {
    const value = wxContext[key];
    if (value) process.env[`WX_${key}`] = value;
    else delete process.env[`WX_${key}`];
  }
  process.env.TCB_SOURCE = wxContext.SOURCE;
  if (message.clockOffsetMs) process.env.LOCALCLOUD_CLOCK_OFFSET_MS = String(message.clockOffsetMs);
  else delete process.env.LOCALCLOUD_CLOCK_OFFSET_MS;
  const context = { request_id: invocationId, function_name: path.basename(functionDir), environ: '' };
  let reply: ResultMessage;
  try {
    if (typeof fn.main !== 'function') throw new Error(`${functionDir}/index.js does not export main`);
    const result = await fn.main(event, context);
    // The cloud answers the function's return value as JSON; so do we.
    reply = {
      type: 'result',
      invocationId,
      ok: true,
      result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
    };
  } catch (err) {
    const error = err as Error;
    reply = { type: 'result', invocationId, ok: false, message: error?.message ?? String(err), stack: error?.stack };
  }
  parentPort?.postMessage(reply);
});
