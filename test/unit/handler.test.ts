/**
 * What every function answers when the database reports a race: a conflict that outlasts the
 * retries is CONFLICT with a Chinese message, never INTERNAL. The errors are shaped exactly as
 * wx-server-sdk hands them to function code (see localcloud/test/conflicts.test.ts).
 */
jest.mock('../../server/cloud', () => ({ db: {}, command: {} }));
import { format } from 'node:util';
import { createMain } from '../../server/handler';

const insideCallback = Object.assign(
  new Error(
    'document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  ),
  { errCode: -501001 },
);
(insideCallback as unknown as { errMsg: string }).errMsg = insideCallback.message;
const atCommit = Object.assign(new Error('[ResourceUnavailable.TransactionConflict] Transaction is conflict'), {
  code: 'DATABASE_TRANSACTION_CONFLICT',
});

test.each([
  ['inside the transaction', insideCallback],
  ['at commit', atCommit],
])('a conflict %s that outlasts the retries is answered CONFLICT', async (_where, error) => {
  const main = createMain('t', { write: async () => Promise.reject(error) }, () => ({ openid: 'o-1' }));
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(await main({ action: 'write' })).toEqual({
    code: 'CONFLICT',
    data: null,
    message: '同时操作的人较多，请稍后重试',
  });
  expect(spy).not.toHaveBeenCalled();
  spy.mockRestore();
});

test('any other unexpected error is INTERNAL and logged without the event', async () => {
  const main = createMain('t', { boom: async () => Promise.reject(new Error('disk on fire')) }, () => ({
    openid: 'o-1',
  }));
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(await main({ action: 'boom', idNumber: '110105198001010011' })).toMatchObject({ code: 'INTERNAL' });
  expect(spy).toHaveBeenCalledTimes(1);
  const logged = spy.mock.calls.map((args) => format(...args)).join(' ');
  expect(logged).toContain('disk on fire');
  expect(logged).not.toContain('110105198001010011');
  spy.mockRestore();
});

test("the platform's userInfo is not input: a handler never sees it", async () => {
  let seen: Record<string, unknown> = {};
  const main = createMain(
    't',
    {
      look: async (payload) => {
        seen = payload;
        return null;
      },
    },
    () => ({ openid: 'o-1' }),
  );
  await main({ action: 'look', userInfo: { openId: 'forged', appId: 'x' }, n: 1 });
  expect(seen).toEqual({ action: 'look', n: 1 });
});
