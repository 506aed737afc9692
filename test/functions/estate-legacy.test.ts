/** Enclosures stored before the 社区 level existed: only the street admin places them in a 社区. */
import { Estate, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
  estate.cloud.importDocuments({ enclosures: [{ _id: 'enc-old-yard', name: '老院子', street: '园岭街道' }] });
}, 60_000);
afterAll(() => estate.cloud.stop());

const edit = (openid: string) =>
  estate.call('estate', openid, {
    action: 'save',
    kind: 'enclosure',
    id: 'enc-old-yard',
    requestId: requestId(),
    communityId: 'com-hongli',
    name: '老院子',
    type: 'open',
    address: '',
  });

test('a community admin cannot claim an enclosure that has no 社区 by naming their own', async () => {
  expect(await edit('demo-community-admin')).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '请由街道管理员指定所属社区',
  });
  const [stored] = estate.cloud.db.find('enclosures', { _id: 'enc-old-yard' }, { limit: 1 }).docs;
  expect(stored).not.toHaveProperty('communityId');
});

test('the street admin places it, and from then on its 社区 is fixed', async () => {
  expect((await edit('demo-admin')).code).toBe(0);
  const [stored] = estate.cloud.db.find('enclosures', { _id: 'enc-old-yard' }, { limit: 1 }).docs;
  expect(stored).toMatchObject({ communityId: 'com-hongli', community: '红荔社区', type: 'open' });
  const tree = await estate.call('estate', 'demo-community-admin', { action: 'tree' });
  expect(tree.data.communities[0].enclosures.map((e: { id: string }) => e.id)).toContain('enc-old-yard');
});
