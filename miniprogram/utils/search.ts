/**
 * The search box of the staff lists: every word typed must appear in the person's masked name or
 * address, so "2栋 301" finds 2栋1单元301室 and "李" finds 李*华. Spaces separate words; case and
 * full-width digits (as some Chinese keyboards type them) do not matter.
 */
export function matchesSearch(query: string, ...fields: string[]): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = normalise(fields.join(' '));
  return words.every((w) => haystack.includes(w));
}

function normalise(text: string): string {
  return text
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) // ０-９ → 0-9
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .trim();
}
