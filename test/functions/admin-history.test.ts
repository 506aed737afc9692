/** The rules' version history, and a publish made against a version that is no longer the newest. */
import { Estate, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
}, 60_000);
afterAll(() => estate.cloud.stop());

const publish = (fields: Record<string, unknown>) =>
  estate.call('admin', 'demo-admin', { action: 'publishRules', ...fields });

test('two admins editing version 1 at once: the second is told, not silently stacked on the first', async () => {
  expect((await publish({ rules: { isolationDays: 21 }, note: '延长观察', baseVersion: 1 })).code).toBe(0);
  expect(await publish({ rules: { feverThresholdCelsius: 37.5 }, note: '调整阈值', baseVersion: 1 })).toMatchObject({
    code: 'CONFLICT',
    field: 'baseVersion',
    message: '规则已更新为第 2 版，请刷新后核对再发布',
  });
  expect(estate.cloud.db.count('rule_configs', {}).total).toBe(2);
});

test('the history lists every version newest first, with who published it, when and why', async () => {
  const res = await estate.call('admin', 'demo-admin', { action: 'history' });
  expect(res.code).toBe(0);
  expect(
    res.data.map((v: { config: { version: number; isolationDays: number }; publishedBy: string; note: string }) => [
      v.config.version,
      v.config.isolationDays,
      v.publishedBy,
      v.note,
    ]),
  ).toEqual([
    [2, 21, '街道管理员', '延长观察'],
    [1, 14, '部署脚本', ''],
  ]);
  expect((await estate.call('admin', 'demo-community-admin', { action: 'history' })).code).toBe('PERMISSION_DENIED');
});
