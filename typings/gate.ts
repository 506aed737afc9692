/** Contracts of the `gate` function: what a guard's scan sends and the verdict it shows. */
import type { Colour } from './residents';
import type { GateOfflineContract } from './gate-offline';

export type Direction = 'in' | 'out';

export interface ScanRequest {
  action: 'scan';
  gateId: string;
  direction: Direction;
  /** The QR code's content. */
  token: string;
  /** Measured at the gate (℃, 34–43); at or above the fever threshold the person is refused. */
  temperature: number;
  /** Aboard a vehicle let through just before (its gate log): the person's log names it. */
  vehicleLogId?: string;
  /** The phone's id for this scan, kept with the log: an offline copy of it is never stored twice. */
  scanId?: string;
}

/** Everything the guard sees: no ID number, no phone, no full name. */
export interface Verdict {
  allowed: boolean;
  colour: Colour | null;
  /** One line for the guard, in Chinese: why allowed or refused, and what to do. */
  reason: string;
  maskedName: string | null;
  household: string | null;
  buildingUnit: string | null;
  /** The temperature this scan was logged with. */
  temperature: number;
  logId: string;
}

/** A visitor at the gate, found by the phone number they give the guard. */
export interface VisitorRequest {
  action: 'visitor';
  gateId: string;
  direction: Direction;
  visitorPhone: string;
  /** Measured at the gate (℃, 34–43). */
  temperature: number;
}

export interface RegisterVisitorRequest {
  action: 'registerVisitor';
  requestId: string;
  householdId: string;
  visitorName: string;
  visitorPhone: string;
  reason: string;
  /** 1–3 days from now. */
  days: number;
}

export type VisitState = 'pending' | 'approved' | 'refused' | 'cancelled';

/** One visit as the host and the grid worker see it: the visitor masked, never their number. */
export interface VisitEntry {
  id: string;
  state: VisitState;
  visitorMaskedName: string;
  visitorPhoneMasked: string;
  reason: string;
  /** China days, "YYYY-MM-DD", both included. */
  fromDate: string;
  toDate: string;
  /** The host's flat, e.g. "2栋1单元101室". */
  household: string;
  hostMaskedName: string;
  /** The grid worker's reason, when refused. */
  answer: string | null;
  createdAt: string;
}

export interface RequestVisitRequest {
  action: 'requestVisit';
  requestId: string;
  visitorName: string;
  visitorPhone: string;
  fromDate: string;
  toDate: string;
  reason: string;
}

export interface DecideVisitRequest {
  action: 'decideVisit';
  visitId: string;
  decision: 'approve' | 'refuse';
  /** Required to refuse: the host reads it. */
  answer?: string;
}

type VisitAnswer = { visitId: string; state: VisitState };

export type VehicleKind = 'resident' | 'supply';

/** A household's car (in the worker's grid), or a supply vehicle of the worker's enclosure. */
export type RegisterVehicleRequest =
  | { action: 'registerVehicle'; kind: 'resident'; plate: string; buildingId: string; unit: number; room: string }
  | {
      action: 'registerVehicle';
      kind: 'supply';
      plate: string;
      supplier: string;
      driverName: string;
      driverPhone: string;
      /** China days, "YYYY-MM-DD", both included: at most 31 days. */
      fromDate: string;
      toDate: string;
    };

export interface VehicleEntry {
  id: string;
  /** As painted: "粤B·12345". */
  plate: string;
  kind: VehicleKind;
  /** A resident's car: the flat. */
  household: string | null;
  supplier: string | null;
  /** The driver, masked: "李*强 138****5678". */
  driver: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export interface VehicleRequest {
  action: 'vehicle';
  gateId: string;
  direction: Direction;
  plate: string;
}

export interface VehicleVerdict {
  allowed: boolean;
  reason: string;
  plate: string;
  kind: VehicleKind | null;
  /** Whose: the flat, or the supplier and masked driver. */
  who: string | null;
  /** Sent with the scans of the people aboard. */
  logId: string;
}

export interface GateContract extends GateOfflineContract {
  scan: { request: ScanRequest; response: Verdict };
  visitor: { request: VisitorRequest; response: Verdict };
  registerVisitor: { request: RegisterVisitorRequest; response: { exceptionId: string; validUntil: string } };
  /** The host resident asks; a grid worker of the host's grid decides. */
  requestVisit: { request: RequestVisitRequest; response: VisitAnswer };
  /** The host household's visits, open and of the last days. */
  myVisits: { request: { action: 'myVisits' }; response: VisitEntry[] };
  cancelVisit: { request: { action: 'cancelVisit'; visitId: string }; response: VisitAnswer };
  /** A grid worker's: the requests waiting, and the approved visits still to come or under way. */
  visits: { request: { action: 'visits' }; response: { pending: VisitEntry[]; approved: VisitEntry[] } };
  decideVisit: { request: DecideVisitRequest; response: VisitAnswer };
  /** 车辆登记 (grid workers): register, list, remove; and a plate at the gate. */
  registerVehicle: { request: RegisterVehicleRequest; response: { vehicleId: string } };
  vehicles: { request: { action: 'vehicles' }; response: VehicleEntry[] };
  removeVehicle: {
    request: { action: 'removeVehicle'; vehicleId: string; reason: string };
    response: { vehicleId: string };
  };
  vehicle: { request: VehicleRequest; response: VehicleVerdict };
}
