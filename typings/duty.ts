/** Contracts of the `duty` function (值守与巡查). */
import type { RoundKind, RoundState, ShiftSlot, ShiftState } from '../core/duty';

export type { RoundKind, RoundState, ShiftSlot, ShiftState } from '../core/duty';

export interface Shift {
  id: string;
  gateId: string;
  gateName: string;
  date: string;
  slot: ShiftSlot;
  slotName: string;
  startAt: string;
  endAt: string;
  staffOpenid: string;
  staffName: string;
  state: ShiftState;
  stateName: string;
  /** This shift's 交班 note, once handed over. */
  handOverNote: string | null;
  /** The caller's own shift: theirs to 上岗 and 交班. */
  own: boolean;
}

export interface RoundDue {
  planId: string;
  kind: RoundKind;
  kindName: string;
  place: string;
  due: string;
  assigneeOpenid: string;
  assigneeName: string;
  state: RoundState;
  stateName: string;
  checkedAt: string | null;
  checkedByName: string | null;
  note: string | null;
  hasPhoto: boolean;
}

/** Someone who may hold a gate or walk a round: the enclosure's grid workers and volunteers. */
export interface DutyPerson {
  openid: string;
  name: string;
}

export interface DutyContract {
  /** The enclosure's people for the pickers, and its gates. */
  people: {
    request: { action: 'people' };
    response: { people: DutyPerson[]; gates: { id: string; name: string }[] };
  };
  /** Puts someone on a gate for a shift: one person once per gate and shift (a resend answers the same). */
  planShift: {
    request: { action: 'planShift'; gateId: string; date: string; slot: ShiftSlot; staffOpenid: string };
    response: Shift;
  };
  /** Takes a shift off the plan before it starts. */
  cancelShift: { request: { action: 'cancelShift'; shiftId: string }; response: { cancelled: true } };
  /** The enclosure's shifts of a day (grid workers, the 社区 admin), or one's own (anyone on duty). */
  shifts: { request: { action: 'shifts'; date: string; mine?: boolean }; response: Shift[] };
  /** 上岗: the person on the shift, from an hour before it until it ends. */
  startShift: { request: { action: 'startShift'; shiftId: string }; response: Shift };
  /** 交班 with a note for the next shift; once. */
  handOver: { request: { action: 'handOver'; shiftId: string; note: string }; response: Shift };
  /** Who holds this gate now, and the last hand-over note: the scan page's line. */
  onDuty: {
    request: { action: 'onDuty'; gateId: string };
    response: { names: string[]; handOverNote: string | null; handedOverBy: string | null };
  };
  /** A patrol or disinfection round at a place, at times of day, for some days, by one person. */
  planRound: {
    request: {
      action: 'planRound';
      requestId: string;
      kind: RoundKind;
      place: string;
      times: string[];
      fromDate: string;
      days: number;
      assigneeOpenid: string;
    };
    response: { planId: string };
  };
  /** Ends a round plan from now on; what was checked stays. */
  endRound: { request: { action: 'endRound'; planId: string }; response: { ended: true } };
  /** The rounds due on a day: the enclosure's, or one's own. */
  rounds: { request: { action: 'rounds'; date: string; mine?: boolean }; response: RoundDue[] };
  /** Checked off at the place: once per round and time, with a note and an optional photo. */
  checkRound: {
    request: { action: 'checkRound'; planId: string; due: string; note?: string; photoFileId?: string };
    response: RoundDue;
  };
  /** The grid worker's list: shifts nobody started and rounds nobody checked, in the last 7 days. */
  missed: { request: { action: 'missed' }; response: { shifts: Shift[]; rounds: RoundDue[] } };
}
