/**
 * 认领住户信息: a resident the street imported becomes a user by giving their name, ID number and
 * flat exactly as the register has them. Nothing says which of the three was wrong (so the answer
 * does not confirm that an ID number is listed), and five wrong tries in an hour stop further
 * tries for that WeChat user until the hour is over. The household head who claims then acts for
 * the household's dependants without phones, as the acting rules say (the import verified them).
 */
import type { ResidentsContract } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findById, findMany, insertOnce, updateById } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { hashIdNumber } from '../../../server/pii';
import { id, idNumber, input, int, requestId, text, v } from '../../../server/schema';
import { ResidentDoc, StatusDoc, viewOf } from '../../../server/status';
import { inTransaction } from '../../../server/transaction';
import type { UserDoc } from '../../../server/users';
import { ROOM_LABEL } from '../../../core/estate';

export const CLAIM_ATTEMPTS_PER_HOUR = 5;
const HOUR_MS = 3600_000;
type Claimed = ResidentsContract['claim']['response'];

export const claim = {
  who: 'anyone',
  input: input({
    requestId: requestId(),
    name: text('姓名', { min: 2, max: 20 }),
    idNumber: idNumber(),
    enclosureId: id('围合区'),
    buildingId: id('楼栋'),
    unit: int('单元', 1, 30),
    room: v.pipe(text('房号', { max: 8 }), v.regex(ROOM_LABEL, '房号只能包含字母、数字和 -，如 501 或 A12')),
  }),
  run: (input, { openid, user }) => claimRecord(openid, input, user),
} satisfies Def<'residents', 'claim'>;

/** This hour's wrong tries for the WeChat user: one document per user and hour. */
const attemptsId = (openid: string, at: Date) => `${openid}-${Math.floor(at.getTime() / HOUR_MS)}`;

async function countFailure(openid: string, at: Date): Promise<void> {
  const docId = attemptsId(openid, at);
  if (await insertOnce('claim_attempts', { _id: docId, failures: 1, expireAt: new Date(at.getTime() + 2 * HOUR_MS) }))
    return;
  await updateById('claim_attempts', docId, { failures: command.inc(1) });
}

async function claimRecord(
  openid: string,
  request: RequestOf<'residents', 'claim'>,
  loadUser: () => Promise<(UserDoc & { _id: string }) | null>,
): Promise<Claimed> {
  const at = now();
  const user = await loadUser();
  if (user?.residentId) {
    const status = await findById<StatusDoc>('statuses', user.residentId);
    if (user.registerRequestId === request.requestId && status)
      return { residentId: user.residentId, status: viewOf(status) };
    throw new AppError('CONFLICT', '您已完成住户登记');
  }
  const attempts = await findById<{ failures: number }>('claim_attempts', attemptsId(openid, at));
  if ((attempts?.failures ?? 0) >= CLAIM_ATTEMPTS_PER_HOUR)
    throw new AppError('RESOURCE_EXHAUSTED', '核对失败次数过多，请一小时后再试，或联系网格员');
  const [listed] = await findMany<ResidentDoc & { importedAt?: Date }>(
    'residents',
    { idHash: hashIdNumber(request.idNumber), enclosureId: request.enclosureId },
    { limit: 1 },
  );
  const matches =
    !!listed?.importedAt &&
    listed.name === request.name &&
    listed.buildingId === request.buildingId &&
    listed.unit === request.unit &&
    listed.room === request.room;
  if (!matches) {
    await countFailure(openid, at);
    throw new AppError('NOT_FOUND', '未找到与所填信息一致的社区登记，请核对姓名、身份证号和房号');
  }
  if (listed.openid) throw new AppError('CONFLICT', '该住户信息已被认领，如非本人操作请联系网格员');
  const residentId = listed._id;
  await inTransaction(async (w) => {
    const current = await w.get<ResidentDoc>('residents', residentId);
    // Two phones claiming one person at once: the first wins, the second is told.
    if (current?.openid) throw new AppError('CONFLICT', '该住户信息已被认领，如非本人操作请联系网格员');
    // The user read again here: roles granted meanwhile are kept, and one WeChat user claiming two
    // people at once gets only the first.
    const fresh = await w.get<UserDoc>('users', openid);
    if (fresh?.residentId) throw new AppError('CONFLICT', '您已完成住户登记');
    await w.update('residents', residentId, { openid, claimedAt: at });
    const { _id: _ignored, ...kept } = fresh ?? { _id: openid, roles: [] };
    await w.set('users', openid, {
      ...kept,
      roles: [...new Set([...(kept.roles ?? []), 'resident'])],
      residentId,
      homeEnclosureId: listed.enclosureId,
      registerRequestId: request.requestId,
    });
    await w.insert('audit_logs', `aud-claim-${residentId}`, {
      at,
      actor: openid,
      action: 'claim_resident',
      target: residentId,
      before: null,
      after: { residentId },
      note: '',
    });
  });
  const status = await findById<StatusDoc>('statuses', residentId);
  return { residentId, status: viewOf(status!) };
}
