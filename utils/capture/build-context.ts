import { extractPageTerms } from '../redact/page-terms';
import { redactText } from '../redact/text';
import { redactUrl } from '../redact/url';
import type { RawCapture } from '../schema/capture';
import type { PageContext } from '../schema/record';

// Types only from the schema module: the note dialog bundles this file, and zod would triple its size.

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
 * The organisation's redaction settings (configured terms, patterns, "mask every date") as the
 * redactor's options: one translation for the context, the note, an edited note and the screenshot.
 */
export function organisationRedaction(
  options: Pick<BuildOptions, 'redactionTerms' | 'redactionPatterns' | 'redactAllDates'>,
): { terms: readonly string[]; patterns: BuildOptions['redactionPatterns']; allDates: boolean } {
  return {
    terms: options.redactionTerms,
    patterns: options.redactionPatterns,
    allDates: options.redactAllDates,
  };
}

/**
 * Turns the raw capture into the redacted context that is stored and sent. The dialog runs it for
 * the preview and the background runs it again on save, so what the user saw is what is stored,
 * and nothing unredacted can reach storage even from a tampered dialog.
 */
export function buildContext(capture: RawCapture, options: BuildOptions, withElement: boolean): BuiltContext {
  const pageTerms = extractPageTerms(capture.pageTexts);
  const counts: Record<string, number> = {};
  const textOptions = { pageTerms, ...organisationRedaction(options) };
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

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}
