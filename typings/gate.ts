/** Contracts of the `gate` function: what a guard's scan sends and the verdict it shows. */
import type { Colour } from './residents';

export type Direction = 'in' | 'out';

export interface ScanRequest {
  action: 'scan';
  gateId: string;
  direction: Direction;
  /** The QR code's content. */
  token: string;
  /** Measured at the gate (℃, 34–43); at or above the fever threshold the person is refused. */
  temperature: number;
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

export interface VisitorRequest {
  action: 'visitor';
  gateId: string;
  direction: Direction;
  householdId: string;
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

export interface GateContract {
  scan: { request: ScanRequest; response: Verdict };
  visitor: { request: VisitorRequest; response: Verdict };
  registerVisitor: { request: RegisterVisitorRequest; response: { exceptionId: string; validUntil: string } };
}
