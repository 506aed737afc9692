/**
 * The group-order storm: households of one enclosure ordering from a batch at once, as when a
 * batch is shared into the building chats in the evening. Every household orders once.
 */
import { VEGETABLES, demoBatch } from '../../demo/batch';
import { demoEstate } from '../../demo/estate';
import { Result, gatewayCall, saturate } from './lib';

const ORGANISER = 'demo-grid-11';
const HOUR = 3600_000;

/** One WeChat user per household of 春华苑, as the building chats would reach them. */
function shoppers(): string[] {
  const seen = new Set<string>();
  return demoEstate()
    .collections.residents.filter((r) => r.enclosureId === 'enc-chunhua' && r.openid)
    .filter((r) => !seen.has(String(r.householdId)) && seen.add(String(r.householdId)))
    .map((r) => String(r.openid));
}

async function openBatch(url: string, stock: number): Promise<string> {
  const { body } = await gatewayCall(
    url,
    'groupbuy',
    ORGANISER,
    demoBatch(Date.now() + 6 * HOUR, `bench-${stock}-${Date.now()}`, {
      title: '压测蔬菜包',
      items: [
        { ...VEGETABLES[0], stock },
        { ...VEGETABLES[1], stock: 100_000 },
      ],
    }),
  );
  return (body.data as { batchId: string }).batchId;
}

export async function orderStorm(url: string): Promise<Result[]> {
  const households = shoppers();
  const results: Result[] = [];
  // Warm the instances first: a cold start loads wx-server-sdk, which is not what we measure.
  await Promise.all(
    households.slice(0, 16).map((openid) => gatewayCall(url, 'groupbuy', openid, { action: 'batches' })),
  );
  for (const [name, stock, count] of [
    ['groupbuy order, plenty of stock', 100_000, Math.min(households.length, 1000)],
    ['groupbuy order, stock 50 (sold out)', 50, Math.min(households.length, 600)],
  ] as const) {
    const batchId = await openBatch(url, stock);
    let ops = 0;
    const codes = new Map<string, number>();
    const result = await saturate(`${name}`, count, 16, async (i) => {
      const { body, dbOps } = await gatewayCall(url, 'groupbuy', households[i], {
        action: 'order',
        batchId,
        requestId: `bench-order-${stock}-${i}`,
        baseVersion: 0,
        lines: [
          { itemId: 'i1', qty: 1 },
          { itemId: 'i2', qty: 1 },
        ],
      });
      ops += dbOps;
      codes.set(String(body.code), (codes.get(String(body.code)) ?? 0) + 1);
    });
    result.dbOpsPerRequest = +(ops / result.requests).toFixed(2);
    result.name += ` — ${[...codes].map(([code, n]) => `${code === '0' ? 'ordered' : code} ${n}`).join(', ')}`;
    results.push(result);
  }
  return results;
}
