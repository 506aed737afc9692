/**
 * `admin.publishRules` refuses, naming the field, whatever is not exactly a parameter of the right
 * type and range — and publishes nothing then; `retentionDays` is a published parameter that the
 * nightly retention job uses.
 */
import { keyOf } from '../../localcloud/src/store';
import { DAY_MS } from '../../core/time';
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const publish = (rules: unknown, extra: object = {}) =>
  estate.call('admin', 'demo-admin', { action: 'publishRules', rules, ...extra });
const WUHAN = { code: '420100', name: '湖北省武汉市' };

test.each([
  ['a key area that is null', 'rules.keyAreas[0]', { keyAreas: [null] }],
  ['a key area named by an object', 'rules.keyAreas[0].name', { keyAreas: [{ code: '420100', name: { $gt: '' } }] }],
  ['a key area code given as a number', 'rules.keyAreas[0].code', { keyAreas: [{ code: 420100, name: '武汉' }] }],
  ['an unknown key in a key area', 'rules.keyAreas[0].level', { keyAreas: [{ ...WUHAN, level: 'high' }] }],
  [
    'a key area name of 90,000 characters',
    'rules.keyAreas[0].name',
    { keyAreas: [{ code: '420100', name: 'w'.repeat(90_000) }] },
  ],
  ['key areas that are not a list', 'rules.keyAreas', { keyAreas: { 0: WUHAN } }],
  ['isolation days as a string', 'rules.isolationDays', { isolationDays: '7' }],
  ['isolation days as an array', 'rules.isolationDays', { isolationDays: [7] }],
  ['isolation days of 7.5', 'rules.isolationDays', { isolationDays: 7.5 }],
  ['a fever threshold as a string', 'rules.feverThresholdCelsius', { feverThresholdCelsius: '37.5' }],
  ['a fever threshold as an array', 'rules.feverThresholdCelsius', { feverThresholdCelsius: [37.5] }],
  ['declaration validity as a string', 'rules.declarationValidityHours', { declarationValidityHours: '24' }],
  ['an outing quota with a string', 'rules.outingQuota.exits', { outingQuota: { exits: '1', periodDays: 2 } }],
  ['an outing quota with an unknown key', 'rules.outingQuota.x', { outingQuota: { exits: 1, periodDays: 2, x: 1 } }],
  [
    'an outing period longer than the gate counts',
    'rules.outingQuota.periodDays',
    { outingQuota: { exits: 1, periodDays: 30 } },
  ],
  ['an unknown parameter', 'rules.quarantineDays', { isolationDays: 14, quarantineDays: 7 }],
  ['the version itself', 'rules.version', { version: 99 }],
  ['retention as a string', 'rules.retentionDays', { retentionDays: '30' }],
  ['retention of 3 days', 'rules.retentionDays', { retentionDays: 3 }],
  ['rules as a list', 'rules', []],
  ['no parameter at all', 'rules', {}],
])('refused: %s (field %s); nothing published', async (_what, field, rules) => {
  const res = await publish(rules);
  expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', data: null, field });
  expect(typeof res.message).toBe('string');
  expect(res.message).toMatch(/[\u4e00-\u9fff]/);
  expect(countDocs(estate.cloud, 'rule_configs')).toBe(1);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'publish_rules' })).toBe(0);
});

test('a note of 90,000 characters and an unknown top-level key are refused', async () => {
  expect(await publish({ isolationDays: 10 }, { note: 'n'.repeat(90_000) })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'note',
    message: '修改说明不能超过200个字',
  });
  expect(await publish({ isolationDays: 10 }, { reason: '试' })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'reason',
  });
  expect(countDocs(estate.cloud, 'rule_configs')).toBe(1);
});

test('retention shorter than an isolation plus two days is refused (it would delete what the isolation rests on)', async () => {
  expect(await publish({ isolationDays: 21, retentionDays: 20 })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: '数据保留天数不能少于隔离天数加 2 天',
  });
  expect(countDocs(estate.cloud, 'rule_configs')).toBe(1);
});

test('retentionDays is published, kept by later versions, and used by the nightly retention job', async () => {
  const published = await publish({ retentionDays: 21 }, { note: '街道决定：个人记录保留 21 天' });
  expect(published).toMatchObject({ code: 0, data: { version: 2, retentionDays: 21, isolationDays: 14 } });
  // A later change of something else keeps it.
  const later = await publish({ keyAreas: [WUHAN] });
  expect(later).toMatchObject({ code: 0, data: { version: 3, retentionDays: 21, keyAreas: [WUHAN] } });
  expect((await estate.call('admin', 'demo-admin', { action: 'getRules' })).data).toMatchObject({
    version: 3,
    retentionDays: 21,
  });
  const now = Date.now();
  const logs = [
    { _id: 'ret-22', at: new Date(now - 22 * DAY_MS), gateId: 'g' },
    { _id: 'ret-20', at: new Date(now - 20 * DAY_MS), gateId: 'g' },
  ];
  estate.cloud.db.store.commit(logs.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  const run = await fetch(`${estate.cloud.url}/_localcloud/triggers/grid`, { method: 'POST' }).then((r) => r.json());
  expect(run).toMatchObject({ code: 0, data: { retentionDays: 21 } });
  expect(countDocs(estate.cloud, 'gate_logs', { _id: { $in: ['ret-22', 'ret-20'] } })).toBe(1);
  expect(countDocs(estate.cloud, 'gate_logs', { _id: 'ret-20' })).toBe(1);
});
