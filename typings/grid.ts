/** Contracts of the `grid` function (the grid worker's console). */
import type { BuildingStats } from '../core/building-stats';
import type { Person } from './estate';
import type { PublicPlan, SitePlan } from './site-plan';
/** A building on the map, as the grid worker reads it (see core/building-stats.ts for the counts). */
export type MapCounts = Omit<BuildingStats, 'byFloor' | 'computedAt'> & { computedAt: string };
/** With its 联系人 and 包干责任人 (有事找谁), numbers in full: only staff read the map. */
export type MapBuilding = MapCounts & BuildingPeople;
export interface BuildingPeople {
  contact: Person | null;
  responsible: Person | null;
}

export interface QueueEntry {
  residentId: string;
  maskedName: string;
  address: string;
  reasons: string[];
  waitingDays: number;
  since: string;
}

/** A resident of my grid without a phone, who may need a printed 爱心码. */
export interface CardHolder {
  residentId: string;
  maskedName: string;
  address: string;
  relation: string;
  birthYear: number;
  /** The card in force, if any. */
  card: { cardId: string; expiresAt: string } | null;
}

/** A printed pass card as the worker prints it: `token` is the QR's content, null once it no longer works. */
export interface CardView {
  cardId: string;
  maskedName: string;
  address: string;
  issuedAt: string;
  expiresAt: string;
  state: 'active' | 'expired' | 'revoked';
  token: string | null;
}

/** Counts on a grid worker's 首页 entries, each what the list it opens holds. */
export interface GridTodo {
  toVerify: number;
  appeals: number;
  /** 隔离名单's three sections together: awaiting a decision, abnormal temperatures, missed check-ins. */
  roster: number;
  /** 访客审批: visit requests waiting for a decision. */
  visits: number;
  /** 隐患线索: reports of the worker's places not yet handled. */
  clues: number;
}

export interface AppealEntry {
  id: string;
  residentId: string;
  maskedName: string;
  reason: string;
  statusAtAppeal: { colour: string; reasons: string[] } | null;
  createdAt: string;
}

export interface GateLogEntry {
  at: string;
  direction: 'in' | 'out';
  colour: string | null;
  allowed: boolean;
  code: string;
  maskedName: string | null;
  visitor: boolean;
  /** The temperature measured at this scan (℃), when the log has one. */
  temperature?: number;
  /** A vehicle's passage: its plate as painted; or, on a person's scan, the vehicle they were aboard. */
  plate?: string;
  aboard?: string;
  /** Judged offline on the guard's phone: and whether the cloud, judging it later, agreed. */
  offline?: 'agrees' | 'differs';
}

export interface GridContract {
  map: {
    request: { action: 'map' };
    response: {
      totals: { residents: number; isolated: number; red: number; yellow: number; returned: number };
      buildings: MapBuilding[];
      /** The enclosure's own two people. */
      enclosurePeople: BuildingPeople;
    };
  };
  /** The enclosure's site plan, every building coloured by its state (grid workers of the enclosure). */
  plan: { request: { action: 'plan' }; response: SitePlan };
  /** The residents' version of one's own enclosure: counts only, none under five; printable. */
  publicPlan: { request: { action: 'publicPlan' }; response: PublicPlan };
  building: {
    request: { action: 'building'; buildingId: string };
    response: MapCounts & { byFloor: BuildingStats['byFloor'] };
  };
  verificationQueue: { request: { action: 'verificationQueue' }; response: QueueEntry[] };
  appeals: { request: { action: 'appeals' }; response: AppealEntry[] };
  todo: { request: { action: 'todo' }; response: GridTodo };
  cardHolders: { request: { action: 'cardHolders' }; response: CardHolder[] };
  /** Issues a card, or reissues one (the resident's other cards stop working); a resent request issues once. */
  issueCard: {
    request: { action: 'issueCard'; requestId: string; residentId: string; days?: number };
    response: CardView;
  };
  card: { request: { action: 'card'; cardId: string }; response: CardView };
  revokeCard: {
    request: { action: 'revokeCard'; cardId: string; reason: string };
    response: { cardId: string; state: 'revoked' };
  };
  answerAppeal: {
    request: {
      action: 'answerAppeal';
      appealId: string;
      decision: 'accept' | 'reject';
      answer: string;
      colour?: 'green' | 'yellow' | 'red';
      days?: number;
    };
    response: { appealId: string; state: string; colour?: string };
  };
  gateLogs: {
    request: {
      action: 'gateLogs';
      gateId: string;
      from: string;
      to: string;
      colour?: 'green' | 'yellow' | 'red';
      direction?: 'in' | 'out';
      page?: number;
      pageSize?: number;
    };
    response: { page: number; hasMore: boolean; logs: GateLogEntry[] };
  };
  export: {
    request:
      | { action: 'export'; kind: 'map' }
      | {
          action: 'export';
          kind: 'gateLogs';
          gateId: string;
          from: string;
          to: string;
          colour?: 'green' | 'yellow' | 'red';
          direction?: 'in' | 'out';
          /** The same for every call of one export: each call goes on where the last stopped. */
          requestId: string;
          /** Server callers may shorten a call's working time (ms); the job's own budget is the most. */
          budgetMs?: number;
        };
    /** A gate-log export of many rows takes several calls: call again with the same request until done. */
    response: { done: true; fileID: string; url: string; rows: number } | { done: false; rows: number; total: number };
  };
  /**
   * Server only: retention within one invocation's budget (what was removed, by collection);
   * `finished` false means expired records remain for the next call. `budgetMs` may only shorten it.
   */
  retention: {
    request: { action: 'retention'; budgetMs?: number };
    response: { retentionDays: number; cutoff: string; removed: Record<string, number>; finished: boolean };
  };
  /**
   * Server only: the nightly timer (every 5 minutes from 03:00 to 05:55) — retention, then the
   * map's recount, one slice per invocation; totals are the night's so far, `done` once all ran.
   */
  nightly: {
    request: { action: 'nightly'; budgetMs?: number };
    response: GridContract['retention']['response'] & {
      run: string;
      done: boolean;
      invocations: number;
      recountedBuildings: number;
    };
  };
}
