/**
 * WeChat open APIs called from functions (`cloud.openapi.subscribeMessage.send(…)` and friends).
 * wx-server-sdk posts them as multipart form data whose `requestData` is a protobuf `CommApiData`
 * (the call's parameters as key → JSON pairs) and expects a protobuf `CommOpenApiResp` back. The
 * local cloud sends nothing anywhere: it records each call in its outbox, where tests read what
 * would have been sent, and answers `{errcode: 0}`. Like CloudBase, it first refuses an API the
 * calling function's config.json does not declare (`permissions.openapi`), with errCode -604101.
 */
import fs from 'node:fs';
import path from 'node:path';
import { qrPng } from './qr-png';

/** wx-server-sdk's WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION: "function has no permission to call this API". */
export const OPENAPI_NO_PERMISSION = -604101;

/** A minimal protobuf wire reader: enough for the few messages of this protocol. */
function readFields(buf: Buffer): { field: number; wire: number; value: Buffer | number }[] {
  const out: { field: number; wire: number; value: Buffer | number }[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) out.push({ field, wire, value: varint() });
    else if (wire === 2) {
      const len = varint();
      out.push({ field, wire, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

function varintBytes(n: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return bytes;
}

/** int32 as protobuf writes it: a negative number is a ten-byte two's-complement varint. */
function int32VarintBytes(n: number): number[] {
  if (n >= 0) return varintBytes(n);
  let rest = BigInt.asUintN(64, BigInt(n));
  const bytes: number[] = [];
  while (rest > 0x7fn) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  return [...bytes, Number(rest)];
}

function lengthDelimited(field: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...varintBytes(field * 8 + 2), ...varintBytes(data.length)]), data]);
}

/** CommApiData.openapiData.pairs → the call's parameters (each value is JSON). */
export function decodeOpenApiRequest(requestData: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const top of readFields(requestData)) {
    if (top.field !== 2 || !(top.value instanceof Buffer)) continue; // OpenApiData
    for (const pair of readFields(top.value)) {
      if (pair.field !== 1 || !(pair.value instanceof Buffer)) continue; // KeyValuePair
      const kv = readFields(pair.value);
      const key = kv.find((f) => f.field === 1)?.value;
      const value = kv.find((f) => f.field === 2)?.value;
      if (!(key instanceof Buffer)) continue;
      const text = value instanceof Buffer ? value.toString('utf8') : '';
      try {
        params[key.toString('utf8')] = JSON.parse(text);
      } catch {
        params[key.toString('utf8')] = text;
      }
    }
  }
  return params;
}

/** CommOpenApiResp { respData: JSON, contentType: application/json, httpCode: 200 }. */
export function encodeOpenApiResponse(body: unknown): Buffer {
  return Buffer.concat([
    lengthDelimited(1, Buffer.from(JSON.stringify(body))),
    lengthDelimited(2, Buffer.from('application/json')),
    Buffer.from([...varintBytes(4 * 8), ...varintBytes(200)]),
  ]);
}

/** CommOpenApiResp { respData: the image, contentType }: the SDK hands it back as `{ contentType, buffer }`. */
export function encodeOpenApiBinary(data: Buffer, contentType: string): Buffer {
  return Buffer.concat([
    lengthDelimited(1, data),
    lengthDelimited(2, Buffer.from(contentType)),
    Buffer.from([...varintBytes(4 * 8), ...varintBytes(200)]),
  ]);
}

/** wxacode.getUnlimited's rule for `scene`: 1–32 visible characters of this set (WeChat's docs). */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/**
 * What the local cloud answers an open API: `{errcode: 0}` for messages (nothing is sent), and for
 * `wxacode.getUnlimited` a PNG of a QR code holding the scene (WeChat draws its round 小程序码; a
 * plain QR of the same scene is what a test can decode). A scene WeChat would refuse is refused
 * with its errcode 40169 ("invalid length for scene").
 */
export function answerOpenApi(api: string, params: Record<string, unknown>): Buffer {
  if (api !== 'wxacode.getUnlimited') return encodeOpenApiResponse({ errcode: 0, errmsg: 'ok' });
  const scene = params.scene;
  if (typeof scene !== 'string' || !SCENE.test(scene))
    return encodeOpenApiResponse({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' });
  return encodeOpenApiBinary(qrPng(scene), 'image/png');
}

/** CommOpenApiResp { errorCode }: a platform refusal, which the SDK throws as `{ errCode: errorCode }`. */
export function encodeOpenApiError(errorCode: number): Buffer {
  return Buffer.from([...varintBytes(3 * 8), ...int32VarintBytes(errorCode)]);
}

/** The open APIs (`namespace.method`) a function's config.json declares; none without one. */
export function declaredOpenApis(functionsDir: string, functionName: string): string[] {
  const file = path.join(functionsDir, functionName, 'config.json');
  if (!fs.existsSync(file)) return [];
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: unknown } };
  const declared = config.permissions?.openapi;
  return Array.isArray(declared) ? declared.filter((api): api is string => typeof api === 'string') : [];
}

/**
 * The answer to an open API call the caller may not make, or null when it may. A call from a
 * function is checked against that function's config.json; one from no function (a test's own
 * SDK) is let through.
 */
export function openApiRefusal(api: string, functionName: string | undefined, functionsDir: string): Buffer | null {
  if (functionName === undefined || declaredOpenApis(functionsDir, functionName).includes(api)) return null;
  return encodeOpenApiError(OPENAPI_NO_PERMISSION);
}

/** Parts of a multipart/form-data body, by field name. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Record<string, Buffer> = {};
  let start = body.indexOf(marker);
  while (start >= 0) {
    const next = body.indexOf(marker, start + marker.length);
    if (next < 0) break;
    const part = body.subarray(start + marker.length + 2, next - 2); // skip CRLF after marker, before next
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const name = /name="([^"]+)"/.exec(part.subarray(0, split).toString('utf8'))?.[1];
      if (name) parts[name] = part.subarray(split + 4);
    }
    start = next;
  }
  return parts;
}
