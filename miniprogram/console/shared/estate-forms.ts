/**
 * What the two estate console pages share: how enclosure types and room schemes are named on
 * screen, and where a refusal of a save is shown. The labels mirror core/estate.ts, which the
 * mini-program cannot import at run time (it is outside miniprogram/); a page test keeps them equal.
 */
import type { BuildingFields, EnclosureSummary, EstateKind, Failure, SaveRequest } from '../../../typings';
import { fieldErrors } from '../../utils/errors';

export type EnclosureType = EnclosureSummary['type'];
export type RoomScheme = BuildingFields['roomScheme'];

/** In the order the type picker offers them. */
export const ENCLOSURE_TYPES: EnclosureType[] = ['estate', 'village', 'open'];
export const ENCLOSURE_TYPE_LABELS: Record<EnclosureType, string> = {
  estate: '小区',
  village: '城中村',
  open: '开放式楼院',
};

export const ROOM_SCHEMES: RoomScheme[] = ['numbered', 'labelled'];
export const ROOM_SCHEME_LABELS: Record<RoomScheme, string> = {
  numbered: '按楼层编号（如501）',
  labelled: '按门牌（如A12）',
};

export const KIND_LABELS: Record<EstateKind, string> = {
  community: '社区',
  enclosure: '围合区',
  building: '楼栋',
  gate: '卡口',
  grid: '网格',
};

/** A save request without its action and request id: what a form fills in. */
export type SaveBody = SaveRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'action' | 'requestId'>
    : never
  : never;

/**
 * The refusal by field, for showing beside the form's fields; `form` (under the form) carries the
 * message when it names none of them (a permission refusal, a retired parent, a stale request id).
 */
export function formErrors(failure: Failure, shown: readonly string[]): Record<string, string> {
  const errors = fieldErrors(failure);
  if (!Object.keys(errors).some((field) => shown.includes(field))) errors.form = failure.message;
  return errors;
}

/**
 * The request id for this submission: the form's own until one succeeds, so a resend after a lost
 * answer is stored once, even if the officer corrected a field meanwhile (a duplicate 楼栋 could
 * only be retired, never deleted). A refused id (请求编号重复) is the one thing that needs a new one.
 */
export function requestIdAfter(failure: Failure, current: string): string {
  return failure.field === 'requestId' ? '' : current;
}
