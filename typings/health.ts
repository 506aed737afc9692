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
  samplingDays: number[];
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
  stationOut: {
    request: { action: 'stationOut'; residentId: string };
    response: { residentId: string; status: StatusView; days: number };
  };
}
