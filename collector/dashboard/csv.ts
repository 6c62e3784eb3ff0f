import type { ExportRecordRow } from '../store/dashboard-types';
import { formatDateTime } from './format';
import type { Translator } from './i18n';

/** UTF-8 byte order mark: without it, Excel reads the file as Windows-1252 and breaks umlauts. */
export const BOM = '\uFEFF';

/** Field separators offered; German Excel expects `;` (`,` is its decimal separator). */
export const CSV_SEPARATORS = { semicolon: ';', comma: ',' } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;

// Spreadsheet programs treat a cell starting with one of these as a formula ("CSV injection"): a
// note like =HYPERLINK("http://x") must arrive as text. OWASP's list, including tab and CR.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised against formulas, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null, separator: string): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One line of cells, ended with CRLF as Excel writes it. */
export function csvLine(cells: readonly (string | number | null)[], separator: string): string {
  return `${cells.map((cell) => csvCell(cell, separator)).join(separator)}\r\n`;
}

/** Column headings in the officer's language. */
export function csvHeader(t: Translator): string[] {
  return [
    'ID',
    t.t('created'),
    t.t('received'),
    t.t('app'),
    t.t('screen'),
    t.t('route'),
    t.t('category'),
    t.t('impact'),
    t.t('appointment'),
    t.t('minutes'),
    t.t('unit'),
    t.t('status'),
    t.t('reply'),
    t.t('duplicateOf'),
    t.t('note'),
    t.t('caughtByCollector'),
  ];
}

/** The cells of one record. */
export function csvRow(row: ExportRecordRow, t: Translator): (string | number | null)[] {
  return [
    row.id,
    formatDateTime(row.createdAt),
    formatDateTime(row.receivedAt),
    row.app,
    row.screenName,
    row.routeTemplate,
    t.category(row.category),
    t.impact(row.impact),
    row.duringAppointment ? t.t('yes') : t.t('no'),
    row.minutesLost,
    row.unit,
    t.status(row.status),
    row.reply,
    row.duplicateOf,
    row.note,
    row.caught,
  ];
}
