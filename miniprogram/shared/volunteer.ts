/**
 * How residents and staff read a volunteer: 志愿者何磊. A staff name may already say 志愿者 (as the
 * demo's do) or not (何磊); pages and functions print this label and never add the word themselves.
 */
export const volunteerLabel = (name: string): string => (name.startsWith('志愿者') ? name : `志愿者${name}`);
