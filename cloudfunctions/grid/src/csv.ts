/** The sheets the street office opens in Excel: UTF-8 with a BOM (so the Chinese headers show), quoted where needed. */

export const BOM = '\ufeff';

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Lines of a sheet, each ending in a newline (so slices of one sheet can be appended). */
export const csvLines = (rows: unknown[][]) => rows.map((r) => r.map(cell).join(',') + '\n').join('');

/** A whole sheet. */
export const csv = (rows: unknown[][]) => BOM + csvLines(rows);
