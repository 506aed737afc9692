/**
 * Stock moves as single conditional updates on the batch document: "take 3 of i1 and 1 of i2
 * if at least that much is left, the batch is open and before its cut-off". CloudBase applies
 * one document's update atomically, so concurrent orders can never take more than there is.
 */
import { batchPhase } from '../../../core/groupbuy';
import { command } from '../../../server/cloud';
import { updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { BatchDoc, loadBatch } from './model';

export async function takeStock(batchId: string, take: Record<string, number>, at: Date): Promise<boolean> {
  const where: Record<string, unknown> = { _id: batchId, state: 'open', cutoffAt: command.gt(at) };
  const data: Record<string, unknown> = {};
  for (const [itemId, qty] of Object.entries(take)) {
    where[`remaining.${itemId}`] = command.gte(qty);
    data[`remaining.${itemId}`] = command.inc(-qty);
  }
  // Nothing to take still proves the batch is open; the counter makes the update change the document
  // (CloudBase counts only changed documents as updated).
  if (Object.keys(data).length === 0) data.checks = command.inc(1);
  return (await updateWhere('group_batches', where, data)) === 1;
}

export async function giveBackStock(batchId: string, give: Record<string, number>): Promise<void> {
  const data: Record<string, unknown> = {};
  for (const [itemId, qty] of Object.entries(give)) data[`remaining.${itemId}`] = command.inc(qty);
  if (Object.keys(data).length > 0) await updateWhere('group_batches', { _id: batchId }, data);
}

/** Takes the stock, or says why not in the resident's words: cut off, or which item ran out. */
export async function takeStockOrRefuse(batch: BatchDoc, take: Record<string, number>, at: Date): Promise<void> {
  // A lost race for the last units is the answer "sold out"; retry only when the refusal cannot be explained.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await takeStock(batch._id, take, at)) return;
    const fresh = await loadBatch(batch._id);
    if (batchPhase(fresh, at) !== 'open') throw new AppError('FAILED_PRECONDITION', '已截单，不能再下单或修改');
    const short = fresh.items.find((item) => take[item.id] && (fresh.remaining[item.id] ?? 0) < take[item.id]);
    if (short) {
      const left = Math.max(0, fresh.remaining[short.id] ?? 0);
      throw new AppError(
        'RESOURCE_EXHAUSTED',
        left === 0 ? `${short.name}已售罄` : `${short.name}仅剩 ${left}${short.unit}，已售罄部分请减少数量`,
      );
    }
  }
  throw new AppError('CONFLICT', '下单的人太多，请稍后重试');
}
