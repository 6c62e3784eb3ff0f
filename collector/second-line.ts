import type { MaskKind } from '../utils/redact/kinds';
import { redactText } from '../utils/redact/text';
import { ID_SEGMENT, isIdentifierSegment, redactUrlDetails } from '../utils/redact/url';
import type { QuestionAnswer } from '../utils/schema/questions';
import { type FeedbackRecord, NOTE_MAX } from '../utils/schema/record';

// The collector's second line of defence: every record that arrives goes through the same redactor
// as on the device, and only its output is stored. A current extension has already redacted
// everything, so for its records this changes nothing and counts nothing (redaction is idempotent:
// placeholders are never touched again). What it does catch comes from older extension versions,
// notes edited in the outbox by hand, or other senders — that is the leak figure on the dashboard.
//
// No page terms here (the collector never sees the page) and no organisation terms or patterns (they
// are the extension's settings): the collector catches what the redactor finds on its own.

/** What the second line masked in one record, by kind; URL parts under `url-segment`, `url-param`, `url-part`. */
export type CaughtCounts = Partial<Record<MaskKind | 'url-segment' | 'url-param' | 'url-part', number>>;

/** A record as it is stored, and what the collector masked in it beyond the client's own redaction. */
export interface CheckedRecord {
  record: FeedbackRecord;
  caught: CaughtCounts;
  /** Sum of `caught`: the number of masks the collector added. */
  caughtTotal: number;
}

// The schema's limits (record.ts): a placeholder can be longer than what it replaced ("Li" → "[NAME]"),
// and the stored record must still be a valid FeedbackRecord. The extension cuts the same way.
const SHORT = 300;
const LONG = 1000;
const URL_MAX = 2000;

// Texts the redactor left unchanged, so a screen title or URL that arrives in thousands of records is
// checked once: the same text always gives the same result (the lexicon is loaded before the first
// request and not changed after). Only clean texts are kept, so this set never holds client data.
// Cleared when full rather than evicted one by one: cheap, and a working set of screens refills fast.
const CLEAN_MAX = 20_000;
const clean = new Set<string>();

function remember(key: string): void {
  if (clean.size >= CLEAN_MAX) clean.clear();
  clean.add(key);
}

/** Forgets every text remembered as clean; call after the redactor's word lists changed. */
export function forgetCleanTexts(): void {
  clean.clear();
}

class Tally {
  readonly counts: CaughtCounts = {};
  total = 0;
  /** Whether any text changed, also without a mask (invisible characters, Unicode normal form). */
  changed = false;

  add(kind: keyof CaughtCounts, n: number | undefined): void {
    if (!n) return;
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
    this.total += n;
  }

  text(value: string, max: number, cache = true): string {
    const key = `t\u0000${value}`;
    if (cache && clean.has(key)) return value;
    const result = redactText(value);
    if (result.masks.length === 0 && result.text === value) {
      if (cache) remember(key);
      return value;
    }
    this.changed = true;
    for (const [kind, n] of Object.entries(result.counts)) this.add(kind as MaskKind, n);
    return result.text.slice(0, max);
  }

  /** Selectors lose masked parts to "*", as on the device (build-context.ts): "[NAME]" is no CSS. */
  selector(value: string): string {
    const key = `s\u0000${value}`;
    if (clean.has(key)) return value;
    const result = redactText(value);
    if (result.masks.length === 0 && result.text === value) {
      remember(key);
      return value;
    }
    this.changed = true;
    let out = '';
    let from = 0;
    for (const mask of result.masks) {
      out += `${result.text.slice(from, mask.start)}*`;
      from = mask.end;
    }
    out += result.text.slice(from);
    for (const [kind, n] of Object.entries(result.counts)) this.add(kind as MaskKind, n);
    return out.slice(0, LONG);
  }

  url(value: string): string {
    const key = `u\u0000${value}`;
    if (value === '' || clean.has(key)) return value;
    // The collector does not know each site's allowed query parameters; the names the client kept are
    // trusted (its configuration allowed them), their values are checked like everything else.
    let names: string[] = [];
    let extra = 0;
    try {
      const parsed = new URL(value.trim());
      names = [...new Set(parsed.searchParams.keys())];
      // Credentials and fragments never leave a current extension; from anyone else they are dropped.
      if (parsed.username || parsed.password || parsed.hash) extra = 1;
    } catch {
      // redactUrlDetails answers "" for it: nothing of an unparseable URL can be vouched for.
      extra = 1;
    }
    const result = redactUrlDetails(value, names);
    if (result.url === value) {
      remember(key);
      return value;
    }
    this.changed = true;
    this.add('url-segment', result.maskedSegments);
    this.add('url-param', result.droppedParams);
    // A changed URL with nothing masked was only re-encoded; credentials or a fragment count once.
    this.add('url-part', extra);
    return result.url.slice(0, URL_MAX);
  }

  route(value: string): string {
    const key = `r\u0000${value}`;
    if (clean.has(key)) return value;
    let masked = 0;
    const out = value
      .split('/')
      .map((segment) => {
        if (segment === ID_SEGMENT || !isIdentifierSegment(decode(segment))) return segment;
        masked++;
        return ID_SEGMENT;
      })
      .join('/');
    if (masked === 0) {
      remember(key);
      return value;
    }
    this.changed = true;
    this.add('url-segment', masked);
    return out.slice(0, LONG);
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Runs the redactor over every text of a record a person could have typed or a page could have
 * shown — note, title, screen name, heading, breadcrumb, navigation, step, tab, form, the picked
 * element's label and selector, both URLs and route templates — and returns the record to store with
 * what was masked. Text fields are replaced one by one; the rest was checked by the schema's parse,
 * which drops fields the schema does not name.
 */
export function checkRecord(record: FeedbackRecord): CheckedRecord {
  const tally = new Tally();
  const { context } = record;
  const { screen } = context;
  const text = (value: string | undefined) => (value === undefined ? undefined : tally.text(value, SHORT));
  const checkedScreen: FeedbackRecord['context']['screen'] = { name: tally.text(screen.name, SHORT) };
  if (screen.heading !== undefined) checkedScreen.heading = text(screen.heading);
  if (screen.breadcrumb !== undefined)
    checkedScreen.breadcrumb = screen.breadcrumb.map((crumb) => tally.text(crumb, SHORT));
  if (screen.navigation !== undefined) checkedScreen.navigation = text(screen.navigation);
  if (screen.step !== undefined) checkedScreen.step = text(screen.step);
  if (screen.tab !== undefined) checkedScreen.tab = text(screen.tab);
  if (screen.form !== undefined) checkedScreen.form = text(screen.form);

  const frame: FeedbackRecord['context']['frame'] = { path: context.frame.path };
  if (context.frame.routeTemplate !== undefined)
    frame.routeTemplate = tally.route(context.frame.routeTemplate);

  const checkedContext: FeedbackRecord['context'] = {
    ...context,
    url: tally.url(context.url),
    routeTemplate: tally.route(context.routeTemplate),
    title: tally.text(context.title, SHORT),
    screen: checkedScreen,
    frame,
  };
  if (context.element) {
    checkedContext.element = {
      ...context.element,
      name: tally.text(context.element.name, SHORT),
      selector: tally.selector(context.element.selector),
    };
  }
  // Notes are nearly all different: remembering them would only fill the set.
  const note = tally.text(record.note, NOTE_MAX, false);
  if (!tally.changed) return { record, caught: {}, caughtTotal: 0 };
  return {
    record: { ...record, note, context: checkedContext },
    caught: tally.counts,
    caughtTotal: tally.total,
  };
}

/** An answer to a question as it is stored, and how many masks the collector added to it. */
export interface CheckedAnswer {
  answer: QuestionAnswer;
  caughtTotal: number;
}

/**
 * The second line for an answer (issue #18): its note, like a record's, and its route template, like a
 * record's. The rest of an answer is values the schema allows, nothing a person typed.
 */
export function checkAnswer(answer: QuestionAnswer): CheckedAnswer {
  const tally = new Tally();
  const routeTemplate = tally.route(answer.routeTemplate);
  const note = answer.note === undefined ? undefined : tally.text(answer.note, NOTE_MAX, false);
  if (!tally.changed) return { answer, caughtTotal: 0 };
  const checked: QuestionAnswer = { ...answer, routeTemplate };
  if (note !== undefined) checked.note = note;
  return { answer: checked, caughtTotal: tally.total };
}
