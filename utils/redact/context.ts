import type { MaskKind } from './kinds';
import { type RedactOptions, redactText } from './text';
import { redactUrlDetails } from './url';

/** The screen context as read from the page, before redaction. */
export interface RawScreenContext {
  title: string;
  url: string;
  heading?: string;
  breadcrumb?: string[];
  navigation?: string;
  step?: string;
  tab?: string;
  form?: string;
  screenName: string;
  elementName?: string;
  frameUrl?: string;
}

/** The same context redacted, plus the route templates of its URLs. */
export interface RedactedScreenContext extends RawScreenContext {
  routeTemplate: string;
  frameRouteTemplate?: string;
}

/** Text redaction options plus the site's allowed query parameters. */
export interface RedactContextOptions extends RedactOptions {
  allowedParams?: readonly string[];
}

/** Mask counts of a context: the text kinds plus masked URL segments and dropped URL parameters. */
export type ContextCounts = Partial<Record<MaskKind | 'url-segment' | 'url-param', number>>;

const TEXT_FIELDS = [
  'title',
  'heading',
  'navigation',
  'step',
  'tab',
  'form',
  'screenName',
  'elementName',
] as const satisfies readonly (keyof RawScreenContext)[];

/** Redacts every text field of a screen context and both URLs, and adds up what was masked. */
export function redactContext(
  ctx: RawScreenContext,
  options: RedactContextOptions = {},
): { context: RedactedScreenContext; counts: ContextCounts } {
  const counts: ContextCounts = {};
  const add = (kind: keyof ContextCounts, n: number | undefined) => {
    if (n) counts[kind] = (counts[kind] ?? 0) + n;
  };
  const text = (value: string) => {
    const result = redactText(value, options);
    for (const [kind, n] of Object.entries(result.counts)) add(kind as MaskKind, n);
    return result.text;
  };
  const url = (href: string) => {
    const result = redactUrlDetails(href, options.allowedParams, options.pageTerms);
    add('url-segment', result.maskedSegments);
    add('url-param', result.droppedParams);
    return result;
  };

  const page = url(ctx.url);
  // Built field by field rather than spread: an object with more fields than the type says must
  // not carry them through unredacted.
  const context: RedactedScreenContext = {
    title: '',
    url: page.url,
    screenName: '',
    routeTemplate: page.routeTemplate,
  };
  for (const field of TEXT_FIELDS) {
    const value = ctx[field];
    if (value !== undefined) context[field] = text(value);
  }
  if (ctx.breadcrumb) context.breadcrumb = ctx.breadcrumb.map(text);
  if (ctx.frameUrl !== undefined) {
    const frame = url(ctx.frameUrl);
    context.frameUrl = frame.url;
    context.frameRouteTemplate = frame.routeTemplate;
  }
  return { context, counts };
}
