/** Managing staff: the list per scope, handing a leaving grid worker's grids and gates over, suspending. */
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
}, 60_000);
afterAll(() => estate.cloud.stop());

const userDoc = (id: string) => estate.cloud.db.find('users', { _id: id }, { limit: 1 }).docs[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const gridDoc = (id: string) =>
  estate.cloud.db.find('grids', { _id: id }, { limit: 1 }).docs[0] as { workerOpenids: string[] };

test('a community admin lists the grid workers and volunteers of their 社区 with where they work', async () => {
  const res = await estate.call('staff', 'demo-community-admin', { action: 'members' });
  expect(res.code).toBe(0);
  const worker = res.data.find((m: { userId: string }) => m.userId === 'demo-grid-11');
  expect(worker).toMatchObject({
    roles: ['grid_worker'],
    enclosureName: '春华苑',
    grids: [{ id: 'enc-chunhua-grid-1', name: '春华苑第1网格' }],
  });
  expect(res.data.map((m: { roles: string[] }) => m.roles).flat()).not.toContain('admin');
});

test('a leaving grid worker’s grids and gates go to a colleague of the same enclosure, and only there', async () => {
  const refused = await estate.call('staff', 'demo-community-admin', {
    action: 'handOver',
    fromUserId: 'demo-grid-11',
    toUserId: 'demo-grid-21',
  });
  expect(refused).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'toUserId',
    message: '接手人须为同一围合区的网格员',
  });
  const audits = countDocs(estate.cloud, 'audit_logs');
  const res = await estate.call('staff', 'demo-community-admin', {
    action: 'handOver',
    fromUserId: 'demo-grid-11',
    toUserId: 'demo-grid-12',
  });
  expect(res.code).toBe(0);
  expect(userDoc('demo-grid-11')).toMatchObject({ gridIds: [], gateIds: [] });
  expect(userDoc('demo-grid-12').gridIds).toEqual(['enc-chunhua-grid-2', 'enc-chunhua-grid-1']);
  expect(gridDoc('enc-chunhua-grid-1').workerOpenids).toEqual(['demo-grid-12']);
  expect(countDocs(estate.cloud, 'audit_logs')).toBe(audits + 1);
  // The one who left can no longer scan at the gate they guarded.
  const me = await estate.call('account', 'demo-grid-11', { action: 'me' });
  expect(me.data.gates).toEqual([]);
});

test('suspending takes the staff role away; a community admin cannot suspend the street admin or themselves', async () => {
  expect(
    await estate.call('staff', 'demo-community-admin', { action: 'suspend', userId: 'demo-admin', reason: '试图越权' }),
  ).toMatchObject({ code: 'PERMISSION_DENIED', message: '只能管理本社区围合区的工作人员' });
  expect(
    await estate.call('staff', 'demo-admin', { action: 'suspend', userId: 'demo-admin', reason: '自己停用自己' }),
  ).toMatchObject({ code: 'PERMISSION_DENIED', message: '不能对自己办理' });
  expect(userDoc('demo-admin').roles).toEqual(['admin']);

  const res = await estate.call('staff', 'demo-community-admin', {
    action: 'suspend',
    userId: 'demo-volunteer-1',
    reason: '志愿服务结束',
  });
  expect(res).toMatchObject({ code: 0, data: { userId: 'demo-volunteer-1', roles: [] } });
  expect((await estate.call('care', 'demo-volunteer-1', { action: 'tasks' })).code).toBe('PERMISSION_DENIED');
  const again = await estate.call('staff', 'demo-community-admin', {
    action: 'suspend',
    userId: 'demo-volunteer-1',
    reason: '志愿服务结束',
  });
  expect(again).toMatchObject({ code: 'NOT_FOUND', message: '该工作人员不存在或已停用' });
});

test('staff of one 社区 cannot take a role in another by accepting an invitation', async () => {
  const community = await estate.call('estate', 'demo-admin', {
    action: 'save',
    kind: 'community',
    requestId: `req-other-community-${Date.now()}`,
    name: '园东社区',
  });
  const invitation = await estate.call('staff', 'demo-admin', {
    action: 'invite',
    requestId: `req-other-admin-${Date.now()}`,
    role: 'community_admin',
    name: '园东社区管理员',
    communityId: community.data.id,
  });
  const before = userDoc('demo-grid-12');
  expect(await estate.call('staff', 'demo-grid-12', { action: 'accept', code: invitation.data.code })).toMatchObject({
    code: 'CONFLICT',
    message: '您已是其他围合区或社区的工作人员，如需调动请由管理员办理交接',
  });
  expect(userDoc('demo-grid-12')).toEqual(before);
  // An invitation to be an admin is taken back only by the street that issued it.
  expect(
    await estate.call('staff', 'demo-community-admin', {
      action: 'revoke',
      invitationId: invitation.data.invitationId,
    }),
  ).toMatchObject({ code: 'PERMISSION_DENIED', message: '管理员的邀请只能由街道管理员撤销' });
});
