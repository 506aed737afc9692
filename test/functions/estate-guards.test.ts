/** What an estate edit may not do once people live there: renumber their rooms, or retire a building a grid still serves. */
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
}, 60_000);
afterAll(() => estate.cloud.stop());

const save = (fields: Record<string, unknown>) =>
  estate.call('estate', 'demo-admin', { action: 'save', requestId: requestId(), ...fields });

test('a lived-in building keeps its room numbering: 501 cannot silently become a door label', async () => {
  const before = countDocs(estate.cloud, 'audit_logs');
  const res = await save({
    kind: 'building',
    id: 'enc-chunhua-b01',
    enclosureId: 'enc-chunhua',
    name: '1栋',
    units: 2,
    floors: 8,
    roomScheme: 'labelled',
  });
  expect(res).toMatchObject({
    code: 'FAILED_PRECONDITION',
    field: 'roomScheme',
    message: '该楼已有住户登记，不能更改房号方式',
  });
  expect(countDocs(estate.cloud, 'audit_logs')).toBe(before);
});

test('a building a live grid still holds is not retired until the grid lets it go', async () => {
  const empty = await save({
    kind: 'building',
    enclosureId: 'enc-lixin',
    name: '9栋',
    units: 1,
    floors: 3,
    roomScheme: 'labelled',
  });
  const grid = await save({
    kind: 'grid',
    enclosureId: 'enc-lixin',
    name: '立新村第3网格',
    buildingIds: [empty.data.id],
  });
  const retire = () =>
    estate.call('estate', 'demo-admin', { action: 'retire', kind: 'building', id: empty.data.id, reason: '拆除' });
  expect(await retire()).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '该楼栋仍属于「立新村第3网格」，请先从网格移出',
  });
  await save({ kind: 'grid', id: grid.data.id, enclosureId: 'enc-lixin', name: '立新村第3网格', buildingIds: [] });
  expect((await retire()).code).toBe(0);
});
