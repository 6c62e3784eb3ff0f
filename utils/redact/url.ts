import { countDigits } from './detectors/shared';
import { redactText } from './text';

/** A URL fit to store: identifiers replaced by ":id", no credentials, fragment or unknown parameters. */
export interface RedactedUrl {
  url: string;
  /** The path alone, e.g. "/akte/:id/leistungen": groups feedback by screen. */
  routeTemplate: string;
}

/** `RedactedUrl` plus what was removed, for the redaction counts. */
export interface RedactedUrlDetails extends RedactedUrl {
  maskedSegments: number;
  droppedParams: number;
}

/** Placeholder for an identifier in a path. */
export const ID_SEGMENT = ':id';

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HEX_RUN_RE = /[0-9a-f]{12,}/gi;

/**
 * True when a (decoded) path segment or parameter value is an identifier or client data: a run of
 * three or more digits, four digits anywhere, a UUID, a hex run of twelve or more, a long token of
 * letters and digits, anything with "@", or anything redactText would change (IBAN, Kundennummer,
 * Aktenzeichen, names from the page …).
 */
export function isIdentifierSegment(
  segment: string,
  pageTerms?: ReadonlySet<string> | readonly string[],
): boolean {
  if (segment === '') return false;
  if (/\d{3,}/.test(segment) || countDigits(segment) >= 4) return true;
  if (segment.includes('@') || UUID_RE.test(segment)) return true;
  for (const m of segment.matchAll(HEX_RUN_RE)) if (/\d/.test(m[0])) return true;
  // Session tokens and other opaque ids: long, with both letters and digits.
  if (segment.length >= 16 && /\d/.test(segment) && /\p{L}/u.test(segment) && !/\s/.test(segment))
    return true;
  return redactText(segment, { pageTerms }).text !== segment;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Like `redactUrl`, and also reports how many segments were masked and parameters dropped. */
export function redactUrlDetails(
  href: string,
  allowedParams: readonly string[] = [],
  pageTerms?: ReadonlySet<string> | readonly string[],
): RedactedUrlDetails {
  let parsed: URL;
  try {
    parsed = new URL(href.trim());
  } catch {
    // Nothing of an unparseable URL can be vouched for.
    return { url: '', routeTemplate: '', maskedSegments: 0, droppedParams: 0 };
  }
  const hierarchical = parsed.host !== '' || parsed.protocol === 'file:';
  if (!hierarchical) {
    // data:, blob:, javascript:, mailto: … carry their content in the opaque part; keep the scheme only.
    const page = parsed.protocol === 'about:' && /^[a-z-]+$/.test(parsed.pathname) ? parsed.pathname : '';
    return { url: `${parsed.protocol}${page}`, routeTemplate: '', maskedSegments: 0, droppedParams: 0 };
  }

  let maskedSegments = 0;
  const segments = parsed.pathname.split('/').map((raw) => {
    // Matrix parameters (";jsessionid=…") are dropped like query parameters.
    const segment = raw.split(';')[0] ?? '';
    if (isIdentifierSegment(decode(segment), pageTerms)) {
      maskedSegments++;
      return ID_SEGMENT;
    }
    return segment;
  });
  const routeTemplate = segments.join('/') || '/';

  let droppedParams = 0;
  const kept = new URLSearchParams();
  for (const [name, value] of parsed.searchParams) {
    if (!allowedParams.includes(name)) {
      droppedParams++;
      continue;
    }
    // The name is allowed, its value only when it is not itself client data.
    if (isIdentifierSegment(value, pageTerms)) {
      droppedParams++;
      kept.append(name, '');
    } else {
      kept.append(name, value);
    }
  }
  const search = kept.toString();
  const query = search ? `?${search}` : '';
  // Built by hand: URL.toString() would bring back credentials, which we leave out here.
  const origin = parsed.protocol === 'file:' ? 'file://' : `${parsed.protocol}//${parsed.host}`;
  return { url: `${origin}${routeTemplate}${query}`, routeTemplate, maskedSegments, droppedParams };
}

/**
 * Redacts a page URL: drops credentials, the fragment and every query parameter not in
 * `allowedParams` (an allowed parameter keeps its value only when that is not client data), and
 * replaces identifier-like path segments by ":id" in both the URL and the route template.
 */
export function redactUrl(
  href: string,
  allowedParams: readonly string[] = [],
  pageTerms?: ReadonlySet<string> | readonly string[],
): RedactedUrl {
  const { url, routeTemplate } = redactUrlDetails(href, allowedParams, pageTerms);
  return { url, routeTemplate };
}
