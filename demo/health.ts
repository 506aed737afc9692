/**
 * The demo estate's health picture at a given moment: most residents verified with a fresh
 * declaration (green), some returnees from Wuhan in home isolation (red), a few with a fever
 * (red), some not yet verified or back from elsewhere (yellow). The same people get the same
 * story every time; only the dates follow the clock.
 */
import { DEFAULT_RULES } from '../core/rule-config';
import { isolationNeeds, newOrders } from '../core/isolation';
import { Declaration } from '../core/rules';
import { ResidentDoc, statusDocFor } from '../core/status-doc';
import { DAY_MS } from '../core/time';

type Doc = Record<string, unknown> & { _id: string };
export type Story = 'green' | 'wuhan_returnee' | 'fever' | 'unverified' | 'returnee';

/** Deterministic per resident: the story follows from the resident number. */
export function storyOf(residentNumber: number): Story {
  const r = (residentNumber * 2654435761) % 1000;
  if (r < 25) return 'wuhan_returnee';
  if (r < 32) return 'fever';
  if (r < 70) return 'unverified';
  if (r < 95) return 'returnee';
  return 'green';
}

export function healthAt(
  residents: Doc[],
  now: Date,
): { residents: Doc[]; declarations: Doc[]; statuses: Doc[]; isolationOrders: Doc[]; ruleConfigs: Doc[] } {
  const declarations: Doc[] = [];
  const statuses: Doc[] = [];
  const isolationOrders: Doc[] = [];
  const updated = residents.map((resident) => {
    const n = Number(String(resident._id).replace(/\D/g, ''));
    const story = storyOf(n);
    const registeredAt = new Date(now.getTime() - 40 * DAY_MS);
    const verifiedAt = story === 'unverified' ? undefined : new Date(now.getTime() - 20 * DAY_MS);
    const declaredAt = new Date(now.getTime() - ((n % 10) + 1) * 3600_000);
    const declaration: Declaration = {
      at: declaredAt,
      temperature: story === 'fever' ? 37.9 : 36.3 + (n % 5) / 10,
      symptoms: [],
      trips: [],
    };
    if (story === 'wuhan_returnee') {
      const left = new Date(now.getTime() - ((n % 9) + 2) * DAY_MS);
      declaration.trips = [
        { place: '湖北省武汉市', areaCode: '420100', from: new Date(left.getTime() - 12 * DAY_MS), to: left },
      ];
      declaration.returnedAt = left;
    }
    if (story === 'returnee') declaration.returnedAt = new Date(now.getTime() - ((n % 3) + 1) * DAY_MS);
    const withFacts = { ...resident, registeredAt, ...(verifiedAt ? { verifiedAt } : {}) };
    declarations.push({
      _id: `dec-demo-${resident._id}`,
      ...declaration,
      residentId: resident._id,
      householdId: resident.householdId,
      declaredBy: resident.openid ?? 'demo-household-head',
      expireAt: new Date(now.getTime() + 28 * DAY_MS),
    });
    // As a status computation would: each isolation need becomes an order (ended only on release).
    const orders = newOrders(isolationNeeds([declaration], [], DEFAULT_RULES), [], now);
    for (const order of orders) {
      isolationOrders.push({
        _id: `${resident._id}-${order.needId}`,
        ...order,
        residentId: resident._id,
        buildingId: resident.buildingId,
        unit: resident.unit,
        createdAt: now,
      });
    }
    const facts = {
      registeredAt,
      verifiedAt,
      declarations: [declaration],
      readings: [],
      unitOrders: [],
      isolationOrders: orders,
    };
    statuses.push({
      _id: resident._id,
      ...statusDocFor(resident._id, resident as unknown as ResidentDoc, facts, DEFAULT_RULES, now),
    });
    return withFacts;
  });
  return {
    residents: updated,
    declarations,
    statuses,
    isolationOrders,
    ruleConfigs: [
      {
        _id: `v${DEFAULT_RULES.version}`,
        ...DEFAULT_RULES,
        publishedBy: 'deploy',
        publishedAt: new Date('2020-02-01T00:00:00Z'),
      },
    ],
  };
}
