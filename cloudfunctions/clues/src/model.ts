/** The stored report and how each side reads it. */
import type { ClueKind, ClueOutcome, ClueState } from '../../../core/clue';
import type { ClueCase, MyClue } from '../../../typings';
import { CLUE_KIND_NAMES, CLUE_OUTCOME_NAMES, CLUE_STATE_NAMES } from '../../../miniprogram/shared/clue-names';
import type { Stored } from '../../../server/db';

export interface ClueDoc {
  kind: ClueKind;
  text: string;
  /** 3栋, or the public place as the reporter wrote it (东门外垃圾站). */
  place: string;
  /** A building's report, or a public place's (routed to every grid worker of the enclosure). */
  placeKind: 'building' | 'public';
  buildingId: string | null;
  enclosureId: string;
  communityId: string | null;
  photoFileId: string | null;
  reporterResidentId: string;
  reporterMasked: string;
  state: ClueState;
  at: Date;
  assigneeOpenid: string | null;
  assigneeName: string | null;
  outcome: ClueOutcome | null;
  answer: string | null;
  handledBy: string | null;
  /** When it was closed: the retention period counts from here (an open report never expires). */
  closedAt: Date | null;
  seenByReporter: boolean;
}

export const myClueOf = (c: Stored<ClueDoc>): MyClue => ({
  id: c._id,
  kind: c.kind,
  kindName: CLUE_KIND_NAMES[c.kind],
  place: c.place,
  text: c.text,
  state: c.state,
  stateName: CLUE_STATE_NAMES[c.state],
  at: c.at.toISOString(),
  outcomeName: c.outcome ? CLUE_OUTCOME_NAMES[c.outcome] : null,
  answer: c.answer,
  unseen: c.state === 'closed' && !c.seenByReporter,
});

export const caseOf = (c: Stored<ClueDoc>, photoUrl: string | null = null): ClueCase => ({
  id: c._id,
  kind: c.kind,
  kindName: CLUE_KIND_NAMES[c.kind],
  place: c.place,
  text: c.text,
  photoUrl,
  reporter: c.reporterMasked,
  state: c.state,
  stateName: CLUE_STATE_NAMES[c.state],
  at: c.at.toISOString(),
  assigneeName: c.assigneeName,
  outcomeName: c.outcome ? CLUE_OUTCOME_NAMES[c.outcome] : null,
  answer: c.answer,
});
