/** Contracts of the `residents` function: registration, household, self-report, pass, verification. */
import type { RoomScheme } from '../core/estate';
import type { ReportInput } from '../core/declaration';

import type { Colour } from '../core/facts';
import type { Relation } from '../core/status-doc';
import type { TestResultCode } from './health';

/** One Colour and one Relation, defined in core/ (the rules use them) and read here. */
export type { Colour, Relation };

export interface ReasonView {
  rule: string;
  colour: 'yellow' | 'red';
  text: string;
  /** ISO time; null while it lasts until someone acts. */
  until: string | null;
  /** An isolation's planned end (ISO): it ends then only if the last check-ins were normal. */
  plannedEnd?: string | null;
}

export interface StatusView {
  colour: Colour;
  reasons: ReasonView[];
  until: string | null;
  ruleVersion: number;
  /** Set while a grid worker's review (an accepted appeal) decides the colour: when it ends. */
  overrideUntil?: string;
  /** The newest nucleic-acid result and when it was sampled (shown beside the colour). */
  test?: { result: TestResultCode; sampledAt: string };
  /** Days at a 健康驿站 that count toward the isolation in force. */
  stationDays?: number;
}

export interface MemberView {
  residentId: string;
  maskedName: string;
  relation: Relation;
  colour: Colour;
  self: boolean;
  /** The caller may open this member's pass and declare for them (themselves, or a verified head for a dependant). */
  actFor: boolean;
  /** Registered at this flat and waiting for the head's acceptance or a grid worker's verification. */
  pending: boolean;
}

export interface AddressView {
  enclosureName: string;
  building: string;
  unit: number;
  room: string;
}

/** 有事找谁: the people of the resident's building and enclosure (phones masked). */
export interface ContactView {
  /** E.g. 3栋联系人, 春华苑包干责任人. */
  label: string;
  name: string;
  phoneMasked: string;
}

export interface MeView {
  registered: boolean;
  residentId: string | null;
  isHead: boolean;
  /** The caller is a newcomer at an occupied flat, not yet accepted: they see only themselves. */
  pending: boolean;
  address: AddressView | null;
  members: MemberView[];
  contacts: ContactView[];
}

export interface RegisterRequest {
  action: 'register';
  requestId: string;
  name: string;
  idNumber: string;
  phone: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  room: string;
}

/**
 * 认领: someone the street imported (一人一档) becomes a user by naming themselves as the register
 * does — name, ID number and flat. No phone: the register may not have one.
 */
export interface ClaimRequest {
  action: 'claim';
  requestId: string;
  name: string;
  idNumber: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  room: string;
}

export interface AddDependantRequest {
  action: 'addDependant';
  requestId: string;
  name: string;
  idNumber?: string;
  relation: Exclude<Relation, 'head'>;
  birthYear: number;
}

export type ReportRequest = { action: 'report' } & Omit<ReportInput, 'symptoms'> & { symptoms: string[] };

export interface PassRequest {
  action: 'pass';
  residentId?: string;
}

export interface PassView {
  residentId: string;
  maskedName: string;
  address: AddressView;
  status: StatusView;
  /** What the QR code shows: proves who, not the colour. */
  token: string;
  expiresAt: string;
  /** Ask for a new token at this time, before it expires (the server's clock). */
  refreshAt: string;
  /** The server's clock when it answered: the phone waits refreshAt − serverTime, whatever its own clock says. */
  serverTime: string;
}

export interface VerifyRequest {
  action: 'verify';
  residentId: string;
  note: string;
}

export interface DirectoryView {
  enclosures: {
    id: string;
    name: string;
    buildings: { id: string; name: string; units: number; floors: number; roomScheme: RoomScheme }[];
  }[];
}

/** One person registered at the door by a grid worker. */
export interface DoorPerson {
  name: string;
  relation: 'head' | 'member' | 'child' | 'elder';
  birthYear: number;
  idNumber?: string;
  phone?: string;
}

export interface ResidentsContract {
  directory: { request: { action: 'directory' }; response: DirectoryView };
  /** A grid worker registers a household at its door or the gate: verified at once, audited. */
  registerAtDoor: {
    request: {
      action: 'registerAtDoor';
      requestId: string;
      buildingId: string;
      unit: number;
      room: string;
      place: 'door' | 'gate';
      consent: true;
      people: DoorPerson[];
    };
    response: { residents: { residentId: string; maskedName: string; status: StatusView | null }[] };
  };
  me: { request: { action: 'me' }; response: MeView };
  register: { request: RegisterRequest; response: { residentId: string; status: StatusView } };
  claim: { request: ClaimRequest; response: { residentId: string; status: StatusView } };
  addDependant: { request: AddDependantRequest; response: { residentId: string; status: StatusView } };
  report: { request: ReportRequest; response: { residentId: string; status: StatusView; duplicate: boolean } };
  pass: { request: PassRequest; response: PassView };
  acceptMember: {
    request: { action: 'acceptMember'; residentId: string };
    response: { residentId: string; accepted: true };
  };
  verify: { request: VerifyRequest; response: { residentId: string; status: StatusView } };
  appeal: {
    request: { action: 'appeal'; requestId: string; reason: string; residentId?: string };
    response: { appealId: string; state: string };
  };
  history: {
    request: { action: 'history'; residentId?: string };
    response: {
      appeals: { id: string; reason: string; state: string; answer: string | null; createdAt: string }[];
      changes: { at: string; action: string; before: unknown; after: unknown; why: string }[];
    };
  };
}
