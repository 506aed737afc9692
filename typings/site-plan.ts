/** The 防疫地图 as a picture: the enclosure's site plan, for staff and (counts only) for residents. */
import type { BuildingTone, PlanPosition, PublicCount } from '../core/site-plan';
import type { BuildingPeople } from './grid';

export type { BuildingTone, PlanPosition, PublicCount } from '../core/site-plan';

export interface PlanBuilding extends BuildingPeople {
  id: string;
  name: string;
  position: PlanPosition;
  tone: BuildingTone;
  units: number;
  floors: number;
  isolatedUnits: number[];
  residents: number;
  isolated: number;
  returned: number;
  red: number;
  yellow: number;
  /** Of the caller's grids: its floors open (grid.building). */
  mine: boolean;
}

export interface SitePlan {
  enclosureName: string;
  computedAt: string | null;
  buildings: PlanBuilding[];
  totals: { residents: number; isolated: number; returned: number; red: number; yellow: number };
  enclosurePeople: BuildingPeople;
}

/** What residents see: no one named, no number under five. */
export interface PublicPlanBuilding {
  id: string;
  name: string;
  position: PlanPosition;
  /** Only a sealed unit shows: a red or yellow neighbour is nobody's business. */
  sealed: boolean;
  sealedUnits: number;
  residents: PublicCount;
  returned: PublicCount;
  isolated: PublicCount;
}

export interface PublicPlan {
  enclosureName: string;
  computedAt: string | null;
  buildings: PublicPlanBuilding[];
  /** Null where the total would give a small group away. */
  totals: { residents: PublicCount | null; returned: PublicCount | null; isolated: PublicCount | null };
  /** The enclosure's 联系人 (name and number, as posted at the gate). */
  contact: { name: string; phone: string } | null;
}
