/**
 * 隐患与线索: a resident reports a hazard (a gathering, rubbish, a gate left open) or a clue (someone
 * back from a risk area who has not registered) at a place of their enclosure; the grid worker of
 * that place takes it, handles it and answers, and the reporter reads the answer. The reporter is
 * never shown to other residents; staff see them masked.
 */
export const CLUE_KINDS = ['gathering', 'no_mask', 'sanitation', 'gate', 'returnee', 'fever', 'other'] as const;
export type ClueKind = (typeof CLUE_KINDS)[number];

export const CLUE_OUTCOMES = ['resolved', 'unfounded', 'referred'] as const;
export type ClueOutcome = (typeof CLUE_OUTCOMES)[number];

/** 待受理 → 处理中 (taken by, or given to, one grid worker) → 已办结 (with an outcome and an answer). */
export type ClueState = 'open' | 'assigned' | 'closed';

/** Reports one resident may make in a day (China time): enough for real concerns, not a flood. */
export const DAILY_CLUE_LIMIT = 5;

/** A photo: what a phone's compressed picture fits in with room to spare. */
export const CLUE_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export type ClueEvent = { kind: 'assign' } | { kind: 'handle' };

/**
 * The state after an event, or null when the event does not apply: a closed report stays closed
 * (its answer has been read), and anything open may be given to someone or handled.
 */
export function clueStateAfter(state: ClueState, event: ClueEvent): ClueState | null {
  if (state === 'closed') return null;
  return event.kind === 'assign' ? 'assigned' : 'closed';
}

/** Whether the bytes begin as a JPEG, PNG or WebP picture does (a photo, not any file). */
export function isPicture(head: Uint8Array): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return (
    starts(0xff, 0xd8, 0xff) ||
    starts(0x89, 0x50, 0x4e, 0x47) ||
    (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50)
  );
}
