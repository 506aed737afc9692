/** The pass and household answers the pass-showing pages (通行码, 首页) are tested with. */
import { issueToken } from '../../core/pass-token';
import type { PassView } from '../../typings';
import { ok } from './cloud-mock';

export const SECRET = 'page-test-secret-0123456789abcdef';

export function passReply(overrides: Partial<PassView> = {}, refreshInMs = 90_000, serverNow = Date.now()) {
  const { token, expiresAt } = issueToken(
    { residentId: 'res-00042', householdId: 'h1', enclosureId: 'enc-a' },
    new Date(serverNow),
    SECRET,
  );
  return ok<PassView>({
    residentId: 'res-00042',
    maskedName: '李*华',
    address: { enclosureName: '春华苑', building: '3栋', unit: 2, room: '501' },
    status: {
      colour: 'red',
      ruleVersion: 1,
      until: '2020-02-24T16:00:00.000Z',
      reasons: [
        {
          rule: 'key_area_travel',
          colour: 'red',
          text: '2月10日离开重点地区湖北省武汉市，居家隔离14天',
          // An isolation ends on release, so the server sends its planned end, not a hard end.
          until: null,
          plannedEnd: '2020-02-24T16:00:00.000Z',
        },
      ],
    },
    token,
    expiresAt: expiresAt.toISOString(),
    refreshAt: new Date(serverNow + refreshInMs).toISOString(),
    serverTime: new Date(serverNow).toISOString(),
    ...overrides,
  });
}

/** residents.me for a household: the chips above the pass. */
export const me = (
  members: { residentId: string; maskedName: string; relation: 'head' | 'child' | 'elder'; self: boolean }[],
) =>
  ok({
    registered: true,
    residentId: 'res-00042',
    isHead: true,
    pending: false,
    address: { enclosureName: '春华苑', building: '3栋', unit: 2, room: '501' },
    members: members.map((m) => ({ ...m, colour: 'green' as const, actFor: true, pending: false })),
    contacts: [],
  });

/** The head alone, and the head with a child they show the pass for. */
export const HEAD = { residentId: 'res-00042', maskedName: '李*华', relation: 'head' as const, self: true };
export const CHILD = { residentId: 'res-00043', maskedName: '李*', relation: 'child' as const, self: false };
