/** wxacode.getUnlimited on the local cloud: a real, decodable image of the scene, and WeChat's refusal of a bad scene. */
import { answerOpenApi } from '../src/openapi';
import { decodeQrPng } from './qr-decode';

/** The respData / contentType / errcode the SDK would read from the protobuf answer. */
function fields(answer: Buffer): { data: Buffer; contentType: string } {
  // CommOpenApiResp: field 1 respData, field 2 contentType (both length-delimited, one-byte tags).
  const read = (at: number) => {
    let len = 0;
    let shift = 0;
    let pos = at + 1;
    for (;;) {
      const byte = answer[pos++];
      len |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    return { value: answer.subarray(pos, pos + len), next: pos + len };
  };
  const data = read(0);
  const type = read(data.next);
  return { data: data.value, contentType: type.value.toString('utf8') };
}

test('the answer is a PNG whose QR code reads back as the scene', () => {
  const { data, contentType } = fields(
    answerOpenApi('wxacode.getUnlimited', { scene: 'i=k3v9q2m7x4b8n6c1', page: 'pages/invite/invite' }),
  );
  expect(contentType).toBe('image/png');
  expect(decodeQrPng(data)).toBe('i=k3v9q2m7x4b8n6c1');
});

test('a scene longer than 32 characters, or with characters WeChat refuses, is answered with errcode 40169', () => {
  for (const scene of ['x'.repeat(33), '邀请码', '', 42]) {
    const { data, contentType } = fields(answerOpenApi('wxacode.getUnlimited', { scene }));
    expect(contentType).toBe('application/json');
    expect(JSON.parse(data.toString('utf8')).errcode).toBe(40169);
  }
});

test('other open APIs still answer errcode 0 (nothing is sent)', () => {
  const { data } = fields(answerOpenApi('subscribeMessage.send', { touser: 'o1' }));
  expect(JSON.parse(data.toString('utf8'))).toEqual({ errcode: 0, errmsg: 'ok' });
});
