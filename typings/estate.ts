/**
 * Contracts of the `estate` function: the street office's console for the estate itself — 社区,
 * 围合区, buildings, gates and grids — created, edited and retired (never deleted), every change
 * audited. The street admin works on all of it; a community admin on their own 社区.
 */
import type { PlanPosition } from '../core/site-plan';
import type { EnclosureType, RoomScheme } from '../core/estate';
import type { GridContract } from './grid';

export type EstateKind = 'community' | 'enclosure' | 'building' | 'gate' | 'grid';

/** Someone residents turn to: the 联系人 of a place, or its 包干责任人 (who answers for it). */
export interface Person {
  name: string;
  phone: string;
}
/** The two people of an enclosure or a building; either may be unset (null). */
export interface ResponsiblePersons {
  contact?: Person | null;
  responsible?: Person | null;
}

export interface CommunityFields {
  name: string;
}
export interface EnclosureFields extends ResponsiblePersons {
  communityId: string;
  name: string;
  /** 小区, 城中村 or 开放式楼院. */
  type: EnclosureType;
  address: string;
}
export interface BuildingFields extends ResponsiblePersons {
  enclosureId: string;
  name: string;
  units: number;
  floors: number;
  roomScheme: RoomScheme;
}
export interface GateFields {
  enclosureId: string;
  name: string;
  /** Whether vehicles pass here (a 车行卡口) as well as people. */
  vehicles: boolean;
}
export interface GridFields {
  enclosureId: string;
  name: string;
  buildingIds: string[];
}

/**
 * One thing to create (no `id`; `requestId` makes a resend create it once; `code`, the street's own
 * numbering, becomes its id) or to edit (`id`). The
 * parent (`communityId`, `enclosureId`) is fixed once created: residents and logs refer to it.
 */
export type SaveRequest =
  | ({ action: 'save'; kind: 'community'; id?: string; code?: string; requestId: string } & CommunityFields)
  | ({ action: 'save'; kind: 'enclosure'; id?: string; code?: string; requestId: string } & EnclosureFields)
  | ({ action: 'save'; kind: 'building'; id?: string; code?: string; requestId: string } & BuildingFields)
  | ({ action: 'save'; kind: 'gate'; id?: string; code?: string; requestId: string } & GateFields)
  | ({ action: 'save'; kind: 'grid'; id?: string; code?: string; requestId: string } & GridFields);

export interface Saved {
  kind: EstateKind;
  id: string;
  created: boolean;
}

export interface RetireRequest {
  action: 'retire';
  kind: EstateKind;
  id: string;
  reason: string;
}

export interface EnclosureSummary {
  id: string;
  name: string;
  type: EnclosureType;
  address: string;
  retired: boolean;
  buildings: number;
  gates: number;
  grids: number;
}
export interface CommunitySummary {
  id: string;
  name: string;
  retired: boolean;
  enclosures: EnclosureSummary[];
}
/** The street's 社区 and their enclosures, as far as the caller's scope reaches. */
export interface EstateTree {
  communities: CommunitySummary[];
}

/** Staff see the full phone numbers (they call these people); residents see them masked. */
export interface BuildingView extends Omit<BuildingFields, 'contact' | 'responsible'> {
  id: string;
  retired: boolean;
  contact: Person | null;
  responsible: Person | null;
}
export interface GateView extends GateFields {
  id: string;
  retired: boolean;
}
export interface GridView extends GridFields {
  id: string;
  retired: boolean;
}
/** One enclosure with everything in it, retired things included (marked) so history reads right. */
export interface EnclosureDetail {
  enclosure: EnclosureSummary & { communityId: string; contact: Person | null; responsible: Person | null };
  buildings: BuildingView[];
  gates: GateView[];
  grids: GridView[];
}

/** The counts the street watches, per enclosure (from the 防疫地图 snapshots). */
export interface Tally {
  residents: number;
  returned: number;
  isolated: number;
  red: number;
  yellow: number;
  /** 今日未申报: residents whose declaration is missing or stale. */
  declarationMissing: number;
}
export interface EnclosureTally extends Tally {
  enclosureId: string;
  name: string;
  communityName: string;
  retired: boolean;
}
/** 街道总览: every enclosure in the caller's scope, and their sum. */
export interface StreetOverview {
  enclosures: EnclosureTally[];
  totals: Tally;
}

export interface EstateContract {
  tree: { request: { action: 'tree' }; response: EstateTree };
  enclosure: { request: { action: 'enclosure'; enclosureId: string }; response: EnclosureDetail };
  save: { request: SaveRequest; response: Saved };
  retire: { request: RetireRequest; response: { kind: EstateKind; id: string; retiredAt: string } };
  overview: { request: { action: 'overview' }; response: StreetOverview };
  /** Any enclosure's 防疫地图, as its grid workers see theirs. */
  map: {
    request: { action: 'map'; enclosureId: string };
    response: GridContract['map']['response'] & { enclosureName: string };
  };
  /** Where the enclosure's buildings stand on its site plan; `placed` false for the automatic rows. */
  placement: {
    request: { action: 'placement'; enclosureId: string };
    response: {
      enclosureName: string;
      buildings: { id: string; name: string; position: PlanPosition; placed: boolean }[];
    };
  };
  /** Places buildings on the plan (percent of its width and height), at most 100 a call. */
  place: {
    request: { action: 'place'; enclosureId: string; positions: { buildingId: string; x: number; y: number }[] };
    response: { placed: number };
  };
}
