/** Contracts of the `quarantine` function. */
import type { SymptomCode } from '../core/declaration';
import type { StatusView } from './residents';

export interface MyIsolation {
  residentId: string;
  maskedName: string;
  isolated: boolean;
  /** The colour and its reasons now: red or yellow without an order (a fever, say) is explained, not 无需隔离. */
  status: StatusView;
  orders: {
    text: string;
    plannedEnd: string;
    daysLeft: number;
    state: 'active' | 'extended';
    awaitingDecision: boolean;
    /** A grid worker's extension with its reason (网格员于 2月20日 延长隔离 3 天，理由：…), or null. */
    decision: string | null;
  }[];
  /** Orders a grid worker ended in the last three days, with who lifted them and why. */
  ended: { text: string; decision: string }[];
  /** The window open now, if any. */
  window: { start: string; end: string } | null;
  checkedIn: boolean;
  next: string;
  /** For `wx.requestSubscribeMessage`: the reminder's template id (null when not configured). */
  reminderTemplateId: string | null;
}

export interface RosterPerson {
  residentId: string;
  maskedName: string;
  address: string;
  phoneMasked: string | null;
}

export interface Roster {
  missed: (RosterPerson & { overdueHours: number })[];
  alerts: (RosterPerson & { at: string; detail: string })[];
  awaitingDecision: (RosterPerson & { orderId: string; text: string; plannedEnd: string; why: string })[];
  /** 随访 planned for a day already past and not recorded. */
  overdueVisits: (RosterPerson & { followupId: string; dueOn: string; note: string })[];
  /** 关爱对象 whose planned visit or call day has passed with no contact made (care.logContact). */
  overdueCare: (RosterPerson & { dueOn: string; way: string; volunteerName: string })[];
  /** The worker's buildings in service, for the 单元隔离 pickers. */
  buildings: { id: string; name: string; units: number }[];
}

export interface QuarantineContract {
  mine: { request: { action: 'mine'; residentId?: string }; response: MyIsolation };
  checkin: {
    request: { action: 'checkin'; residentId?: string; temperature: number; symptoms: SymptomCode[] };
    /** `alerted`: the rules found this reading abnormal and the grid worker was alerted. */
    response: { duplicate: boolean; status: StatusView | null; alerted: boolean };
  };
  isolateUnit: {
    request: {
      action: 'isolateUnit';
      requestId: string;
      buildingId: string;
      unit: number;
      reason: string;
      days?: number;
    };
    response: { orderId: string; isolated: number; plannedEnd: string };
  };
  roster: { request: { action: 'roster' }; response: Roster };
  subscribe: { request: { action: 'subscribe'; accepted: number }; response: { remaining: number } };
  /** A grid worker for their buildings; a volunteer for whoever asked them for care (a live task). */
  callResident: { request: { action: 'callResident'; residentId: string }; response: { phone: string } };
  decide: {
    request: {
      action: 'decide';
      /** One per decision the worker makes: a resent decision is applied once (never extends twice). */
      requestId: string;
      orderId: string;
      decision: 'end' | 'extend';
      days?: number;
      why: string;
    };
    response: { orderId: string; state: string; colour: string };
  };
  /**
   * Server only: the timer (every minute). One run per quarter-hour over every open order, a slice
   * per invocation; the counts are the run's so far (released, held for a decision, missed
   * check-ins found, reminders sent, open orders gone through), `done` once it reached the last.
   */
  tick: {
    request: { action: 'tick'; budgetMs?: number };
    response: {
      run: string;
      done: boolean;
      invocations: number;
      released: number;
      held: number;
      missedFound: number;
      reminded: number;
      open: number;
    };
  };
}
