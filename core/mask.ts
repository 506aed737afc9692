/**
 * How personal data is shown: the gate, lists and logs see only these masked forms.
 * 张三丰 → 张*丰, 李四 → 李*, 13812345678 → 138****5678, ID → first 1 and last 1 characters.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

export function maskIdNumber(id: string): string {
  const clean = id.trim().toUpperCase();
  return clean.length >= 2 ? `${clean[0]}${'*'.repeat(clean.length - 2)}${clean[clean.length - 1]}` : '*';
}
