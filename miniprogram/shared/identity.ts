/** Checks of personal numbers, the same for the registration form and the functions. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Mainland resident ID number (18 characters, GB 11643 check digit). */
export function isValidIdNumber(id: string): boolean {
  const value = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

/** A mainland mobile number (11 digits, 13x–19x). */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.trim());
}
