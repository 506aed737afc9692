/**
 * Retiring something from the console, the same on both estate pages: a confirmation that asks
 * for the reason (at least 2 characters) and says what retiring stops, then `estate.retire`.
 */
import type { EstateKind } from '../../../typings';
import { call } from '../../services/cloud';
import { KIND_LABELS } from './estate-forms';

const RETIRE_HINTS: Record<EstateKind, string> = {
  community: '停用后不能再新增围合区，请填写原因',
  enclosure: '停用后不能再新增楼栋、卡口和网格，请填写原因',
  building: '停用后不能再登记住户，请填写原因',
  gate: '停用后不能在此核验通行，请填写原因',
  grid: '停用后楼栋可划入其他网格，请填写原因',
};

/**
 * Asks and retires. Answers null when the officer cancelled, '' when it was retired, else what to
 * show beside the item (a reason too short, or the server's refusal). `calling` brackets the call.
 */
export async function retireWithReason(
  kind: EstateKind,
  id: string,
  name: string,
  calling: (busy: boolean) => void,
): Promise<string | null> {
  const answer = await wx.showModal({
    title: `停用${KIND_LABELS[kind]}「${name}」`,
    editable: true,
    placeholderText: RETIRE_HINTS[kind],
    confirmText: '停用',
  });
  if (!answer.confirm) return null;
  const reason = (answer.content ?? '').trim();
  if (reason.length < 2) return '请填写停用原因（至少 2 个字）';
  calling(true);
  const res = await call('estate', 'retire', { kind, id, reason });
  calling(false);
  return res.code === 0 ? '' : res.message;
}
