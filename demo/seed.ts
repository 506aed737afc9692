/** Writes the demo estate into an empty local cloud through its public import (one commit per collection). */
import type { LocalCloud } from '../localcloud/src';
import { buildingStats } from '../core/building-stats';
import type { StatusDoc } from '../core/status-doc';
import { DemoData, demoEstate } from './estate';
import { healthAt, storyOf } from './health';

export interface SeededDemo extends DemoData {
  /** A resident with a login for each story, for people trying the demo and for tests. */
  examples: Record<string, { residentId: string; openid: string }>;
}

/** Seeds when the database holds no residents yet; answers what was written, or null. */
export function seedDemo(cloud: LocalCloud, now = new Date(Date.now() + cloud.clockOffsetMs)): SeededDemo | null {
  if (cloud.db.count('residents', {}).total > 0) return null;
  const demo = demoEstate();
  const health = healthAt(demo.collections.residents as (Record<string, unknown> & { _id: string })[], now);
  const buildingStatsDocs = demo.collections.buildings.map((b) => {
    const stats = buildingStats(
      b as { _id: string; enclosureId: string; name: string },
      health.statuses.filter((st) => st.buildingId === b._id) as unknown as StatusDoc[],
      now,
    );
    return { _id: stats.buildingId, ...stats };
  });
  const collections = {
    ...demo.collections,
    residents: health.residents,
    declarations: health.declarations,
    statuses: health.statuses,
    isolation_orders: health.isolationOrders,
    rule_configs: health.ruleConfigs,
    building_stats: buildingStatsDocs,
  };
  cloud.importDocuments(collections as Record<string, (Record<string, unknown> & { _id: string })[]>);
  const { examples, logins } = demoLogins(demo);
  return { collections, logins, examples };
}

/**
 * Who one can be in the demo: a resident for each story (green, red, yellow…), then every grid
 * worker, volunteer and the admin. Pure: the same estate every time, seeded or not.
 */
export function demoLogins(demo: DemoData = demoEstate()): Pick<SeededDemo, 'examples' | 'logins'> {
  const examples: SeededDemo['examples'] = {};
  for (const resident of demo.collections.residents) {
    const story = storyOf(Number(String(resident._id).replace(/\D/g, '')));
    if (resident.openid && !examples[story])
      examples[story] = { residentId: String(resident._id), openid: String(resident.openid) };
  }
  const storyLabels: Record<string, string> = {
    green: '绿码',
    wuhan_returnee: '红码·武汉返回',
    fever: '红码·发热',
    unverified: '黄码·待核实',
    returnee: '黄码·返回待核实',
  };
  const logins = [
    ...Object.entries(examples).map(([story, e]) => ({
      openid: e.openid,
      role: 'resident',
      label: `居民（${storyLabels[story]}）`,
    })),
    ...demo.logins.filter((l) => l.role !== 'resident'),
  ];
  return { examples, logins };
}
