/** Contracts of the `care` function: help for isolated households and 关爱对象 (the vulnerable not isolated). */
import type { CareCategory, CareOutcome, CareWay } from '../core/care';

export type { CareCategory, CareOutcome, CareWay } from '../core/care';
export type CareKind = 'supplies' | 'meal' | 'medicine' | 'rubbish';

export interface CareTask {
  id: string;
  address: string;
  maskedName: string;
  kind: string;
  note: string;
  state: 'open' | 'accepted';
  /** Who asked: 拨打 reveals their number through `quarantine.callResident` (null on older requests). */
  residentId: string | null;
  /** Their number masked (the head's when they have none); null when none is registered. */
  phoneMasked: string | null;
}

export interface CareContract {
  contact: { request: { action: 'contact' }; response: { volunteerName: string } };
  request: {
    request: {
      action: 'request';
      requestId: string;
      kind: CareKind;
      note?: string;
    };
    response: { requestId: string; volunteerName: string };
  };
  tasks: { request: { action: 'tasks' }; response: CareTask[] };
  accept: { request: { action: 'accept'; id: string }; response: { id: string; state: string } };
  complete: { request: { action: 'complete'; id: string }; response: { id: string; state: string } };
  /** A grid worker registers (or re-plans) a 关爱对象 of their grid: who, why, how often, by whom. */
  enrol: {
    request: {
      action: 'enrol';
      residentId: string;
      categories: CareCategory[];
      way: CareWay;
      everyDays: number;
      /** A volunteer of the enclosure; omitted, the household's volunteer (or the least busy one). */
      volunteerOpenid?: string;
      note?: string;
    };
    response: { residentId: string; volunteerName: string; nextDueOn: string };
  };
  /** Ends the care (moved away, family back): the plan and its open contacts go; the audit log keeps why. */
  unenrol: {
    request: { action: 'unenrol'; residentId: string; reason: string };
    response: { residentId: string; removed: boolean };
  };
  /** The grid worker's 关爱对象 of their buildings, or the volunteer's own, most overdue first. */
  subjects: { request: { action: 'subjects' }; response: CareSubject[] };
  /** Who lives in a flat of the worker's grid, for picking the person to enrol. */
  flat: {
    request: { action: 'flat'; buildingId: string; unit: number; room: string };
    response: FlatMember[];
  };
  /** The volunteer's visit or call, one per attempt; 未联系上 and 身体不适 alert the grid worker. */
  logContact: {
    request: {
      action: 'logContact';
      requestId: string;
      residentId: string;
      way: CareWay;
      outcome: CareOutcome;
      note?: string;
      /** Something to bring (有生活需求): opens a care task for this volunteer, as a household's request does. */
      need?: CareKind;
    };
    response: { residentId: string; nextDueOn: string; escalated: boolean; taskId: string | null };
  };
}

export interface CareSubject {
  residentId: string;
  maskedName: string;
  address: string;
  /** The categories' names, e.g. 独居老人. */
  categories: string[];
  way: CareWay;
  /** 上门探访 or 电话问候. */
  wayName: string;
  everyDays: number;
  volunteerName: string;
  nextDueOn: string;
  /** Days past the planned contact with none made (0: due today or later). */
  overdueDays: number;
  /** Due today (and not overdue). */
  dueToday: boolean;
  lastContact: { on: string; outcome: string; byName: string } | null;
  note: string;
  phoneMasked: string | null;
}

export interface FlatMember {
  residentId: string;
  maskedName: string;
  relation: string;
  birthYear: number | null;
  enrolled: boolean;
}
