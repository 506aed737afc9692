/**
 * Open-API permissions as CloudBase keeps them: a function may call only the open APIs its
 * config.json declares, and the real wx-server-sdk sees an undeclared call fail with -604101.
 */
import http from 'node:http';
import path from 'node:path';
import { REPO_ROOT } from '../../localcloud/src';
import {
  OPENAPI_NO_PERMISSION,
  declaredOpenApis,
  encodeOpenApiResponse,
  openApiRefusal,
  parseMultipart,
} from '../../localcloud/src/openapi';
import { errorOf } from '../../localcloud/test/helpers';

const FUNCTIONS = path.join(REPO_ROOT, 'cloudfunctions');

type Sdk = typeof import('wx-server-sdk');
let server: http.Server;
let sdk: Sdk;
/** Which function the stub endpoint answers for, as LocalCloud knows the caller of each request. */
let callingFunction: string | undefined;
const seen: string[] = [];

beforeAll(async () => {
  // LocalCloud's open-API endpoint in miniature: the same parsing and the same permission answer.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fields = parseMultipart(Buffer.concat(chunks), req.headers['content-type'] ?? '');
      const api = fields.apiName?.toString('utf8') ?? '';
      seen.push(api);
      const answer =
        openApiRefusal(api, callingFunction, FUNCTIONS) ?? encodeOpenApiResponse({ errcode: 0, errmsg: 'ok' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: 'local-dev',
    SCF_NAMESPACE: 'local-dev',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = () =>
  (
    sdk.openapi as unknown as { subscribeMessage: { send(o: object): Promise<{ errCode: number }> } }
  ).subscribeMessage.send({
    touser: 'o-ann',
    templateId: 'T',
    page: 'pages/isolation/isolation',
    data: { thing1: { value: '请测温打卡' } },
  });

test('quarantine declares the subscribe messages it sends; gate declares none', () => {
  expect(declaredOpenApis(FUNCTIONS, 'quarantine')).toContain('subscribeMessage.send');
  expect(declaredOpenApis(FUNCTIONS, 'gate')).toEqual([]);
  expect(declaredOpenApis(FUNCTIONS, 'no-such-function')).toEqual([]);
});

test('a function that does not declare subscribeMessage.send gets -604101 from the real SDK, as in the cloud', async () => {
  callingFunction = 'gate';
  const err = await errorOf(send());
  expect(seen.at(-1)).toBe('subscribeMessage.send');
  expect(err.errCode).toBe(OPENAPI_NO_PERMISSION);
  expect(err.errCode).toBe(-604101);
});

test('the function that declares it sends', async () => {
  callingFunction = 'quarantine';
  expect(await send()).toMatchObject({ errCode: 0 });
});
