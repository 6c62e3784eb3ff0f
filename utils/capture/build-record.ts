import { extractPageTerms } from '../redact/page-terms';
import { redactText } from '../redact/text';
import { redactUrl } from '../redact/url';
import type { RawCapture } from '../schema/capture';
import {
  type FeedbackRecord,
  type NoteInput,
  type PageContext,
  RECORD_SCHEMA_VERSION,
  type Reporter,
} from '../schema/record';

/** Everything besides the capture and the user's input that goes into a record. */
export interface BuildOptions {
  app: string;
  allowedParams: readonly string[];
  redactionTerms: readonly string[];
  redactionPatterns: readonly { name: string; source: string }[];
  redactAllDates: boolean;
  extensionVersion: string;
  browser: { name: string; version: string };
}

export interface BuiltContext {
  context: PageContext;
  counts: Record<string, number>;
}

/**
 * Turns the raw capture into the redacted context that is stored and sent. The dialog runs it for
 * the preview and the background runs it again on save, so what the user saw is what is stored,
 * and nothing unredacted can reach storage even from a tampered dialog.
 */
export function buildContext(capture: RawCapture, options: BuildOptions, withElement: boolean): BuiltContext {
  const pageTerms = extractPageTerms(capture.pageTexts);
  const counts: Record<string, number> = {};
  const textOptions = {
    pageTerms,
    terms: options.redactionTerms,
    patterns: options.redactionPatterns,
    allDates: options.redactAllDates,
  };
  const clean = (value: string | undefined, max = 300): string | undefined => {
    if (value === undefined) return undefined;
    const result = redactText(value.replace(/\s+/g, ' ').trim(), textOptions);
    for (const [kind, n] of Object.entries(result.counts)) counts[kind] = (counts[kind] ?? 0) + (n ?? 0);
    return result.text.slice(0, max);
  };
  const page = redactUrl(capture.href, options.allowedParams, pageTerms);
  const frame = capture.frame.href
    ? redactUrl(capture.frame.href, options.allowedParams, pageTerms)
    : undefined;
  const heading = clean(capture.heading);
  const title = clean(capture.title) ?? '';
  const screen: PageContext['screen'] = {
    name: clean(capture.configuredScreen) || heading || title || frame?.routeTemplate || page.routeTemplate,
    heading,
    breadcrumb: capture.breadcrumb?.map((crumb) => clean(crumb) ?? '').filter(Boolean),
    navigation: clean(capture.navigation),
    step: clean(capture.step),
    tab: clean(capture.tab),
    form: clean(capture.form),
  };
  const element =
    withElement && capture.element
      ? {
          role: capture.element.role,
          name: clean(capture.element.name) ?? '',
          selector: redactSelector(capture.element.selector, textOptions),
          box: capture.element.box,
        }
      : undefined;
  const context: PageContext = {
    app: options.app,
    url: page.url,
    routeTemplate: page.routeTemplate,
    title,
    screen: dropUndefined(screen),
    frame: { path: capture.frame.path, ...(frame ? { routeTemplate: frame.routeTemplate } : {}) },
    viewport: capture.viewport,
    screenSize: capture.screenSize,
    browser: options.browser,
    uiLanguage: capture.uiLanguage,
    extensionVersion: options.extensionVersion,
    sinceLoadMs: capture.sinceLoadMs,
    ...(element ? { element } : {}),
  };
  return { context, counts };
}

/** Selectors may carry ids or attribute values taken from the page; mask those parts too. */
function redactSelector(selector: string, options: Parameters<typeof redactText>[1]): string {
  return redactText(selector, options).text.replace(/\[[A-Z-]+\]/g, '*');
}

/** Builds the full record: the note is redacted with the same page terms as the context. */
export function buildRecord(args: {
  id: string;
  createdAt: string;
  capture: RawCapture;
  input: NoteInput;
  options: BuildOptions;
  withElement: boolean;
  reporter: Reporter;
}): FeedbackRecord {
  const { context, counts } = buildContext(args.capture, args.options, args.withElement);
  const note = redactText(args.input.note, {
    pageTerms: extractPageTerms(args.capture.pageTexts),
    terms: args.options.redactionTerms,
    patterns: args.options.redactionPatterns,
    allDates: args.options.redactAllDates,
  });
  for (const [kind, n] of Object.entries(note.counts)) counts[kind] = (counts[kind] ?? 0) + (n ?? 0);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: args.id,
    createdAt: args.createdAt,
    note: note.text,
    category: args.input.category,
    impact: args.input.impact,
    duringAppointment: args.input.duringAppointment,
    minutesLost: args.input.minutesLost,
    context,
    reporter: args.reporter,
    redaction: { counts },
  };
}

/** ISO 8601 with the local UTC offset (officers need local time; UTC alone hides shift patterns). */
export function localTimestamp(date = new Date()): string {
  const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}
