/**
 * The add/edit form of a building, gate or grid on the 围合区管理 page: what it starts from, the
 * grid's building checkboxes (live buildings; one held by another live grid says which and cannot
 * be ticked, as the server would refuse it), and the checks worth making before sending.
 */
import type { EnclosureDetail } from '../../../typings';
import { ROOM_SCHEMES } from '../shared/estate-forms';
import { type PersonInputs, blankPersons, personInputsOf, personProblems } from '../shared/persons';

export type ItemKind = 'building' | 'gate' | 'grid';

/** A building's form also holds its 联系人 and 包干责任人 (unused by gates and grids). */
export interface ItemForm extends PersonInputs {
  kind: ItemKind;
  /** '' while adding. */
  id: string;
  name: string;
  /** Typed text until sent, so a half-typed number stays as typed. */
  units: string;
  floors: string;
  schemeIndex: number;
  vehicles: boolean;
  buildingIds: string[];
  errors: Record<string, string>;
  /** Made on the first submission, kept until one succeeds. */
  requestId: string;
}

export interface Choice {
  id: string;
  name: string;
  checked: boolean;
  /** The other live grid that holds this building, or ''. */
  takenBy: string;
  disabled: boolean;
}

export const blankForm = (kind: ItemKind): ItemForm => ({
  kind,
  id: '',
  name: '',
  units: '',
  floors: '',
  schemeIndex: 0,
  vehicles: false,
  buildingIds: [],
  ...blankPersons(),
  errors: {},
  requestId: '',
});

/** The form for editing a live item, filled with what it is now; null when it is not there or retired. */
export function formOf(detail: EnclosureDetail, kind: ItemKind, id: string): ItemForm | null {
  const form = { ...blankForm(kind), id };
  if (kind === 'building') {
    const b = detail.buildings.find((x) => x.id === id && !x.retired);
    if (!b) return null;
    const schemeIndex = Math.max(0, ROOM_SCHEMES.indexOf(b.roomScheme));
    const shape = { units: String(b.units), floors: String(b.floors), schemeIndex };
    return { ...form, name: b.name, ...shape, ...personInputsOf(b) };
  }
  if (kind === 'gate') {
    const g = detail.gates.find((x) => x.id === id && !x.retired);
    return g ? { ...form, name: g.name, vehicles: g.vehicles } : null;
  }
  const grid = detail.grids.find((x) => x.id === id && !x.retired);
  if (!grid) return null;
  // A retired building drops out of the grid when it is saved: it takes no one's care any more.
  const live = new Set(detail.buildings.filter((b) => !b.retired).map((b) => b.id));
  return { ...form, name: grid.name, buildingIds: grid.buildingIds.filter((b) => live.has(b)) };
}

export function choicesFor(detail: EnclosureDetail, form: ItemForm): Choice[] {
  const holder = new Map<string, string>();
  for (const grid of detail.grids)
    if (!grid.retired && grid.id !== form.id) for (const b of grid.buildingIds) holder.set(b, grid.name);
  return detail.buildings
    .filter((b) => !b.retired)
    .map((b) => {
      const checked = form.buildingIds.includes(b.id);
      const takenBy = holder.get(b.id) ?? '';
      return { id: b.id, name: b.name, checked, takenBy, disabled: !!takenBy && !checked };
    });
}

const WHOLE = /^\s*\d{1,3}\s*$/;

/**
 * Numbers that are not whole numbers and half-filled people, caught before sending; the server
 * checks the ranges and everything else.
 */
export function localProblems(form: ItemForm): Record<string, string> {
  if (form.kind !== 'building') return {};
  const problems = personProblems(form);
  if (!WHOLE.test(form.units)) problems.units = '请填写单元数（整数）';
  if (!WHOLE.test(form.floors)) problems.floors = '请填写层数（整数）';
  return problems;
}
