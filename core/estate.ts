/**
 * The estate as a street office describes it: street → 社区 (community) → 围合区 (enclosure: a 小区,
 * a 城中村 or an 开放式楼院) → buildings, gates (卡口) and grids (网格, the buildings one worker
 * looks after). Pure rules: how rooms are numbered, and what may be changed or retired once
 * people live there. Nothing here reads the database; the estate function supplies the facts.
 */

/** What sort of place an enclosure is (its `type`). */
export type EnclosureType = 'estate' | 'village' | 'open';
export const ENCLOSURE_TYPES = ['estate', 'village', 'open'] as const satisfies readonly EnclosureType[];
export const ENCLOSURE_TYPE_LABELS: Record<EnclosureType, string> = {
  estate: '小区',
  village: '城中村',
  open: '开放式楼院',
};

/**
 * How a building's rooms are named. `numbered`: floor then two digits (501, 1203), as in most
 * 小区 blocks; the floor is read from the number. `labelled`: as written on the door (A12, 3-1,
 * 201A), as in 城中村 rentals; the floor, if the label starts with digits, is read from them.
 */
export type RoomScheme = 'numbered' | 'labelled';
export const ROOM_SCHEMES = ['numbered', 'labelled'] as const satisfies readonly RoomScheme[];

export interface BuildingShape {
  units: number;
  floors: number;
  roomScheme?: RoomScheme;
}

/** A room label as a resident types it: letters, digits and - only, at most 8 characters. */
export const ROOM_LABEL = /^[A-Za-z0-9-]{1,8}$/;

/** The floor a room is on, or null when its label does not say (a labelled room like A12). */
export function floorOf(building: BuildingShape, room: string): number | null {
  if ((building.roomScheme ?? 'numbered') === 'numbered') return Math.floor(Number(room) / 100);
  const leading = /^(\d{1,3})\d{2}/.exec(room) ?? /^(\d{1,2})-/.exec(room);
  return leading ? Number(leading[1]) : null;
}

/** Why the room cannot be in this building (in Chinese), or null when it can. */
export function roomProblem(building: BuildingShape, room: string): string | null {
  const scheme = building.roomScheme ?? 'numbered';
  if (scheme === 'numbered') {
    if (!/^\d{3,4}$/.test(room)) return '房号应为 3–4 位数字，如 501';
  } else if (!ROOM_LABEL.test(room)) {
    return '房号只能包含字母、数字和 -，最多 8 个字符，如 A12';
  }
  const floor = floorOf(building, room);
  if (floor !== null && (floor < 1 || floor > building.floors)) return `该楼共 ${building.floors} 层，房号不正确`;
  return null;
}

/** What lives under a thing that is about to be retired. */
export interface Dependents {
  /** Unretired children: enclosures of a community; buildings, gates and grids of an enclosure. */
  activeChildren: number;
  /** Residents registered in it (a building or an enclosure). */
  residents: number;
}

/**
 * Why it may not be retired yet, or null. Retiring never deletes: history (gate logs, statuses,
 * orders) keeps pointing at it. But a retired parent with live children, or a retired building with
 * people in it, would leave someone registered where nobody can serve them.
 */
export function retireProblem(
  what: 'community' | 'enclosure' | 'building' | 'gate' | 'grid',
  d: Dependents,
): string | null {
  if (d.activeChildren > 0)
    return what === 'community' ? '请先停用该社区下的围合区' : '请先停用该围合区的楼栋、卡口和网格';
  if (d.residents > 0) return `仍有 ${d.residents} 名住户登记在此，请先办理迁出`;
  return null;
}

/**
 * Why a building may not shrink to this shape (units or floors removed that people live in), or
 * null. `occupied` lists the units and floors where residents are registered.
 */
export function reshapeProblem(next: BuildingShape, occupied: { unit: number; floor: number | null }[]): string | null {
  const highestUnit = Math.max(0, ...occupied.map((o) => o.unit));
  if (highestUnit > next.units) return `${highestUnit}单元仍有住户，单元数不能少于 ${highestUnit}`;
  const highestFloor = Math.max(0, ...occupied.map((o) => o.floor ?? 0));
  if (highestFloor > next.floors) return `${highestFloor}层仍有住户，层数不能少于 ${highestFloor}`;
  return null;
}

/** Why a grid may not hold these buildings (each must be a live building of the grid's enclosure), or null. */
export function gridBuildingsProblem(
  enclosureId: string,
  buildingIds: readonly string[],
  found: readonly { _id: string; enclosureId: string; retiredAt?: unknown }[],
): string | null {
  if (new Set(buildingIds).size !== buildingIds.length) return '楼栋重复';
  for (const id of buildingIds) {
    const building = found.find((b) => b._id === id);
    if (!building) return '楼栋不存在';
    if (building.enclosureId !== enclosureId) return '只能选择本围合区的楼栋';
    if (building.retiredAt) return '该楼栋已停用';
  }
  return null;
}
