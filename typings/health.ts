/** Contract of the `health` function: medical clearance, nucleic-acid tests, health-station stays. */
import type { StatusView } from './residents';

export type TestResultCode = 'negative' | 'positive' | 'invalid';

/** One line of a lab's result sheet (or one result typed in): the tube, the result, the day tested. */
export interface ResultRow {
  tubeCode: string;
  result: TestResultCode;
  /** The lab's day, "YYYY-MM-DD" (China time): not before the sample, not after today. */
  testedOn: string;
}

export interface HealthPerson {
  residentId: string;
  maskedName: string;
  address: string;
}

/** The medic's day in one enclosure. */
export interface HealthDesk {
  enclosureName: string;
  /** Isolated people whose sampling day (of `samplingDays`) has come and who have no sample since. */
  due: (HealthPerson & { day: number })[];
  /** Samples taken and waiting for the lab. */
  awaitingResult: (HealthPerson & { tubeCode: string; sampledAt: string })[];
  /** Red for a fever, symptoms or a positive test: a medic's assessment ends it. */
  toAssess: (HealthPerson & { reason: string })[];
  /** At a 健康驿站 now, with the days so far. */
  atStation: (HealthPerson & { station: string; since: string; days: number })[];
  /** Transferred to central isolation and not back yet. */
  central: (HealthPerson & { place: string; since: string })[];
  samplingDays: number[];
}

/** 随访 outcomes: the three-person team's visit to an isolated household. */
export type VisitOutcome = 'normal' | 'symptoms' | 'refused' | 'absent' | 'transferred';

export interface FollowUp extends HealthPerson {
  id: string;
  /** "YYYY-MM-DD" (China day) the visit is planned for. */
  dueOn: string;
  note: string;
  overdue: boolean;
  plannedByName: string;
}

export interface HealthContract {
  desk: { request: { action: 'desk' }; response: HealthDesk };
  /** 医学评估: a medic clears a fever, symptoms or a positive test, with a note; audited. */
  clear: {
    request: { action: 'clear'; requestId: string; residentId: string; note: string };
    response: { residentId: string; status: StatusView };
  };
  /** 采样: by the person's pass or card (scanned) or their id from the desk; one sample a day. */
  sample: {
    request: { action: 'sample'; tubeCode: string; residentId?: string; token?: string };
    response: { sampleId: string; maskedName: string; duplicate: boolean };
  };
  /** Results typed in or from the lab's sheet (at most 500 rows a call): all rows or none. */
  results: {
    request: { action: 'results'; rows: ResultRow[] };
    response: { entered: number; unchanged: number; positives: number };
  };
  /** 健康驿站: check a person in (with the station's name) or out. */
  stationIn: {
    request: { action: 'stationIn'; residentId: string; station: string };
    response: { residentId: string; status: StatusView };
  };
  /** 转运: a close contact taken to a central isolation site (where; when and by whom are recorded). */
  transfer: {
    request: { action: 'transfer'; residentId: string; place: string };
    response: { residentId: string; status: StatusView };
  };
  /** Back home from central isolation. */
  returnHome: {
    request: { action: 'returnHome'; residentId: string };
    response: { residentId: string; status: StatusView };
  };
  /** 随访: a grid worker or medic plans a visit to an isolated resident of their scope. */
  planVisit: {
    request: { action: 'planVisit'; requestId: string; residentId: string; dueOn: string; note?: string };
    response: { followupId: string; dueOn: string };
  };
  /** The visit done, with its outcome: anything but normal alerts the grid worker. */
  recordVisit: {
    request: { action: 'recordVisit'; followupId: string; outcome: VisitOutcome; note: string };
    response: { followupId: string; outcome: VisitOutcome; escalated: boolean };
  };
  /** Planned visits in the caller's scope (their grids, or a medic's enclosure), the overdue first. */
  visits: { request: { action: 'visits' }; response: FollowUp[] };
  stationOut: {
    request: { action: 'stationOut'; residentId: string };
    response: { residentId: string; status: StatusView; days: number };
  };
}
