/**
 * A group-order batch as an organiser of the demo estate would open it (`groupbuy.create`):
 * vegetables, eggs and rice from a market stall, cut off at `cutoffAt`, delivered the next
 * morning at the east gate. Used by the tests, the browser journeys and the benchmark.
 */
import type { BatchItemInput, CreateBatchRequest } from '../typings';

const HOUR = 3600_000;

export const VEGETABLES: BatchItemInput[] = [
  { name: '青菜', unit: '斤', priceFen: 350, stock: 50, limit: 3 },
  { name: '鸡蛋', unit: '盒', priceFen: 1290, stock: 100, limit: 2 },
  { name: '大米', unit: '袋', priceFen: 4999, stock: 20, limit: 1 },
];

export function demoBatch(
  cutoffAt: number,
  requestId: string,
  overrides: Partial<CreateBatchRequest> = {},
): CreateBatchRequest {
  return {
    action: 'create',
    requestId,
    title: '明日蔬菜包',
    items: VEGETABLES,
    cutoffAt: new Date(cutoffAt).toISOString(),
    deliveryStart: new Date(cutoffAt + 12 * HOUR).toISOString(),
    deliveryEnd: new Date(cutoffAt + 14 * HOUR).toISOString(),
    pickupPoint: '东门卡口',
    supplier: { name: '福田农批市场蔬菜行', licence: 'JY14403040012345', contact: '0755-83210000' },
    ...overrides,
  };
}
