/** Contracts of the `clues` function (隐患与线索). */
import type { ClueKind, ClueOutcome, ClueState } from '../core/clue';

export type { ClueKind, ClueOutcome, ClueState } from '../core/clue';

/** A report as its reporter sees it: what they said, and the answer once it is handled. */
export interface MyClue {
  id: string;
  kind: ClueKind;
  kindName: string;
  place: string;
  text: string;
  state: ClueState;
  stateName: string;
  at: string;
  outcomeName: string | null;
  answer: string | null;
  /** Answered since the reporter last looked. */
  unseen: boolean;
}

/** A report as staff see it: the reporter masked, never named. */
export interface ClueCase {
  id: string;
  kind: ClueKind;
  kindName: string;
  place: string;
  text: string;
  /** A temporary link to the photo (CloudBase's, valid about 2 hours), or null. */
  photoUrl: string | null;
  reporter: string;
  state: ClueState;
  stateName: string;
  at: string;
  assigneeName: string | null;
  outcomeName: string | null;
  answer: string | null;
}

export interface CluesContract {
  /**
   * A resident reports at a building of their enclosure or a public place of it (text), with an
   * optional photo they uploaded under clues/; once per request id, at most 5 a day.
   */
  report: {
    request: {
      action: 'report';
      requestId: string;
      kind: ClueKind;
      buildingId?: string;
      placeText?: string;
      text: string;
      photoFileId?: string;
    };
    response: { id: string; remainingToday: number };
  };
  /** The resident's own reports of the last 30 days, newest first; `markSeen` (the page) marks the answers seen. */
  mine: {
    request: { action: 'mine'; markSeen?: boolean };
    /** `buildings`: those of the resident's enclosure, the places a report may name. */
    response: { clues: MyClue[]; unseen: number; buildings: { id: string; name: string }[] };
  };
  /**
   * Staff: the open reports first, then the closed of the last 7 days — a grid worker's buildings and
   * their enclosure's public places, a 社区 admin's 社区, the street admin's street.
   */
  queue: { request: { action: 'queue'; closed?: boolean }; response: ClueCase[] };
  /** A grid worker takes a report, or gives it to another grid worker of the enclosure. */
  assign: {
    request: { action: 'assign'; id: string; assigneeOpenid?: string };
    response: ClueCase;
  };
  /** Handled: an outcome and the answer the reporter reads. A resend answers the same. */
  handle: {
    request: { action: 'handle'; id: string; outcome: ClueOutcome; answer: string };
    response: ClueCase;
  };
}
