/**
 * The 联系人 and 包干责任人 of an enclosure or building in the console's forms and lists. Each is
 * typed as a name and a phone; it is sent only when both are filled, and cleared (null) when an
 * officer empties both halves of a person who was set. Half a person is caught before sending,
 * beside the empty half. Staff see the full numbers: they call these people.
 */
import type { Person } from '../../../typings';
import { isValidMobile } from '../../shared/identity';

export type PersonKey = 'contact' | 'responsible';
const KEYS: PersonKey[] = ['contact', 'responsible'];
const LABELS: Record<PersonKey, string> = { contact: '联系人', responsible: '包干责任人' };

export interface PersonInputs {
  contactName: string;
  contactPhone: string;
  responsibleName: string;
  responsiblePhone: string;
  /** Whether the thing edited has this person now: emptying both halves then clears it. */
  hadContact: boolean;
  hadResponsible: boolean;
}
interface HasPersons {
  contact: Person | null;
  responsible: Person | null;
}

export const blankPersons = (): PersonInputs => ({
  contactName: '',
  contactPhone: '',
  responsibleName: '',
  responsiblePhone: '',
  hadContact: false,
  hadResponsible: false,
});

export const personInputsOf = ({ contact, responsible }: HasPersons): PersonInputs => ({
  contactName: contact?.name ?? '',
  contactPhone: contact?.phone ?? '',
  responsibleName: responsible?.name ?? '',
  responsiblePhone: responsible?.phone ?? '',
  hadContact: !!contact,
  hadResponsible: !!responsible,
});

const halves = (inputs: PersonInputs, key: PersonKey) => ({
  name: inputs[`${key}Name`].trim(),
  // Typed as read out (138 0013 8001): the spaces are not part of the number.
  phone: inputs[`${key}Phone`].replace(/[\s-]/g, ''),
});

/** Half a person, or a number that is no mobile, by the form's field names (contactPhone). */
export function personProblems(inputs: PersonInputs): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of KEYS) {
    const { name, phone } = halves(inputs, key);
    if (!name && !phone) continue;
    if (!name) problems[`${key}Name`] = `请填写${LABELS[key]}姓名`;
    if (!phone) problems[`${key}Phone`] = `请填写${LABELS[key]}手机号`;
    else if (!isValidMobile(phone)) problems[`${key}Phone`] = '手机号格式不正确';
  }
  return problems;
}

/** What to send: a whole person, null to clear one who was set, nothing to leave it as it is. */
export function personsToSend(inputs: PersonInputs): { contact?: Person | null; responsible?: Person | null } {
  const body: { contact?: Person | null; responsible?: Person | null } = {};
  for (const key of KEYS) {
    const { name, phone } = halves(inputs, key);
    if (name && phone) body[key] = { name, phone };
    else if (!name && !phone && inputs[key === 'contact' ? 'hadContact' : 'hadResponsible']) body[key] = null;
  }
  return body;
}

/** The fields a refusal of a save may name for the two people (contact.phone …). */
export const PERSON_FIELDS = KEYS.flatMap((key) => [key, `${key}.name`, `${key}.phone`]);

/** A refusal's fields as the form names them: contact.phone → contactPhone (a whole person → its name). */
export function flatErrors(errors: Record<string, string>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const [key, half] = field.split('.');
    flat[KEYS.includes(key as PersonKey) ? `${key}${half === 'phone' ? 'Phone' : 'Name'}` : field] = message;
  }
  return flat;
}

export interface PersonLine {
  key: PersonKey;
  label: string;
  name: string;
  /** '' when nobody is set. */
  phone: string;
}

/** Both people of a place for a list, set or not (an unset one is worth noticing). */
export const personLines = (thing: HasPersons): PersonLine[] =>
  KEYS.map((key) => ({ key, label: LABELS[key], name: thing[key]?.name ?? '', phone: thing[key]?.phone ?? '' }));

/** Tap-to-call on a phone shown with `data-phone`. */
export function callPhone(e: WechatMiniprogram.TouchEvent): void {
  const phoneNumber = String(e.currentTarget.dataset.phone ?? '');
  if (phoneNumber) wx.makePhoneCall({ phoneNumber });
}
