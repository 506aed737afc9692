/** 防疫地图's counts: someone who never declared is counted apart, not as "never left the city". */
import { buildingStats } from '../../core/building-stats';
import type { StatusDoc } from '../../core/status-doc';

const NOW = new Date('2020-02-20T10:00:00+08:00');
const status = (id: string, more: Partial<StatusDoc>): StatusDoc => ({
  colour: 'green',
  reasons: [],
  until: null,
  ruleVersion: 1,
  computedAt: NOW,
  reviewAt: null,
  residentId: id,
  householdId: 'h1',
  enclosureId: 'enc-a',
  buildingId: 'b1',
  buildingName: '1栋',
  unit: 1,
  room: '101',
  maskedName: '王*',
  declarationExpiresAt: new Date(NOW.getTime() + 3600_000),
  floor: 1,
  travelled: false,
  ...more,
});
const missing = {
  colour: 'yellow' as const,
  reasons: [
    { rule: 'declaration_missing', colour: 'yellow' as const, text: '尚未进行健康申报', since: NOW, until: null },
  ],
  declarationExpiresAt: null,
};

test('居住 = 未离开本市 + 离开后返回 + 从未申报: one who never declared is not counted as never having left', () => {
  const stats = buildingStats(
    { _id: 'b1', enclosureId: 'enc-a', name: '1栋' },
    [status('stayed', {}), status('back', { travelled: true }), status('silent', missing as Partial<StatusDoc>)],
    NOW,
  );
  expect(stats).toMatchObject({ residents: 3, neverLeft: 1, returned: 1, undeclared: 1, declarationMissing: 1 });
  expect(stats.byFloor['1']).toMatchObject({ neverLeft: 1, returned: 1, undeclared: 1 });
});
