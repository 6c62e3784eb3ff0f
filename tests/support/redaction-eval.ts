/**
 * Scores the redactor on the independent evaluation corpus (tests/fixtures/redaction/eval/) and, with the
 * same measure, on the project's own corpus as a regression set. Per kind: "gone" (the whole value no
 * longer appears) and "clean" (no fragment of it survives: a name part, day and month of a birth date, six
 * consecutive characters of an identifier, the street word or its house number, the postcode); the share of
 * clean sentences changed; each once without and once with the screen's persons (pageTerms).
 * The redactor is called the way the extension calls it for a note: `redactRequest` after the lexicon
 * is loaded from disk.
 */
import { loadLexiconFromDisk } from '../../utils/redact/lexicon-node';
import { redactRequest } from '../../utils/redact/request';
import { normaliseText, type RedactOptions, redactText } from '../../utils/redact/text';
import oldCorpusJson from '../fixtures/redaction/corpus.json';
import evalCorpusJson from '../fixtures/redaction/eval/corpus.json';
import {
  EvalCorpus,
  type EvalNote,
  IDENTIFIER_KINDS,
  isGone,
  leftovers,
  type MeasuredSpan,
  partsOf,
  type ReportKind,
  reportKindOf,
} from '../fixtures/redaction/eval/measure';
import { Corpus } from './corpus-score';

/** What the scorer needs of a redactor: text (and the screen's words) in, redacted text out. */
export type Redactor = (
  text: string,
  options: Pick<RedactOptions, 'pageTerms' | 'terms' | 'allDates'>,
) => string;

let lexiconLoaded = false;
/**
 * The extension's path for a note. Notes of the old corpus that carry an organisation's configured terms
 * or "mask every date" go through redactText with those settings, which a RedactRequest does not carry.
 */
export function extensionRedactor(): Redactor {
  if (!lexiconLoaded) {
    loadLexiconFromDisk();
    lexiconLoaded = true;
  }
  return (text, { pageTerms, terms, allDates }) => {
    if (terms?.length || allDates)
      return redactText(text, { pageTerms: pageTerms ? [...pageTerms] : undefined, terms, allDates }).text;
    return redactRequest({ text, pageTerms: pageTerms ? [...pageTerms] : undefined }).text;
  };
}

/** Figures for one kind or group. */
export interface Rates {
  planted: number;
  gone: number;
  clean: number;
  goneRate: number;
  cleanRate: number;
}

/** A planted value that is not clean after redaction. */
export interface Miss {
  kind: string;
  value: string;
  left: string[];
  text: string;
  output: string;
}

/** One scoring pass (with or without pageTerms). */
export interface EvalScore {
  perKind: Record<string, Rates>;
  /** The goal groups: names, birth dates, addresses, identifiers, everything. */
  groups: Record<'names' | 'birthdates' | 'addresses' | 'identifiers' | 'all', Rates>;
  /** Names by origin of the note's main person, by form of the text, and typed in lower case or not. */
  namesByOrigin: Record<string, Rates>;
  byForm: Record<string, Rates>;
  byCase: Record<'lower' | 'as written', Rates>;
  misses: Miss[];
  overRedaction: {
    sentences: number;
    changed: number;
    rate: number;
    list: { text: string; output: string }[];
  };
}

const emptyRates = (): Rates => ({ planted: 0, gone: 0, clean: 0, goneRate: 1, cleanRate: 1 });
const GROUP_OF: Partial<Record<string, keyof EvalScore['groups']>> = {
  name: 'names',
  birthdate: 'birthdates',
  street: 'addresses',
  postcode: 'addresses',
};

interface ScoredNote {
  text: string;
  spans: MeasuredSpan[];
  pageTerms?: string[];
  terms?: string[];
  allDates?: boolean;
  form?: string;
  lower?: boolean;
  origin?: string;
}

function score(
  notes: readonly ScoredNote[],
  clean: readonly string[],
  redact: Redactor,
  withPageTerms: boolean,
) {
  const result: EvalScore = {
    perKind: {},
    groups: {
      names: emptyRates(),
      birthdates: emptyRates(),
      addresses: emptyRates(),
      identifiers: emptyRates(),
      all: emptyRates(),
    },
    namesByOrigin: {},
    byForm: {},
    byCase: { lower: emptyRates(), 'as written': emptyRates() },
    misses: [],
    overRedaction: { sentences: clean.length, changed: 0, rate: 0, list: [] },
  };
  const bucket = (map: Record<string, Rates>, key: string) => {
    map[key] ??= emptyRates();
    return map[key];
  };
  for (const note of notes) {
    const output = redact(note.text, {
      pageTerms: withPageTerms ? note.pageTerms : undefined,
      terms: note.terms,
      allDates: note.allDates,
    });
    for (const span of note.spans) {
      const gone = isGone(output, span);
      const left = leftovers(output, span);
      const targets = [bucket(result.perKind, span.reportKind), result.groups.all];
      const group =
        GROUP_OF[span.reportKind] ??
        (IDENTIFIER_KINDS.includes(span.reportKind as ReportKind) ? 'identifiers' : undefined);
      if (group) targets.push(result.groups[group]);
      if (span.reportKind === 'name' && note.origin) targets.push(bucket(result.namesByOrigin, note.origin));
      if (note.form) targets.push(bucket(result.byForm, note.form));
      if (note.lower !== undefined) targets.push(result.byCase[note.lower ? 'lower' : 'as written']);
      for (const r of targets) {
        r.planted++;
        if (gone) r.gone++;
        if (left.length === 0) r.clean++;
      }
      if (left.length > 0)
        result.misses.push({ kind: span.reportKind, value: span.value, left, text: note.text, output });
    }
  }
  for (const sentence of clean) {
    const output = redact(sentence, {});
    if (output !== normaliseText(sentence)) {
      result.overRedaction.changed++;
      result.overRedaction.list.push({ text: sentence, output });
    }
  }
  result.overRedaction.rate = clean.length === 0 ? 0 : result.overRedaction.changed / clean.length;
  const all = [
    ...Object.values(result.perKind),
    ...Object.values(result.groups),
    ...Object.values(result.namesByOrigin),
    ...Object.values(result.byForm),
    ...Object.values(result.byCase),
  ];
  for (const r of all) {
    r.goneRate = r.planted === 0 ? 1 : r.gone / r.planted;
    r.cleanRate = r.planted === 0 ? 1 : r.clean / r.planted;
  }
  return result;
}

/** The evaluation corpus, validated. */
export function loadEvalCorpus(): EvalCorpus {
  return EvalCorpus.parse(evalCorpusJson);
}

/** The evaluation corpus scored without and with the screen's persons. */
export function scoreEval(redact: Redactor = extensionRedactor(), corpus = loadEvalCorpus()) {
  const notes: ScoredNote[] = corpus.notes.map((n: EvalNote) => n);
  return {
    without: score(notes, corpus.clean, redact, false),
    with: score(notes, corpus.clean, redact, true),
  };
}

/**
 * The project's own corpus under the same measure. Its spans have only a MaskKind: names and streets are
 * split into parts here, kinds without a report kind of their own (aktenzeichen, value, term, date) are
 * reported under that kind and count as clean when no six consecutive characters survive (dates: day
 * and month).
 */
export function scoreOldCorpus(redact: Redactor = extensionRedactor()) {
  const corpus = Corpus.parse(oldCorpusJson);
  const notes: ScoredNote[] = corpus.notes.map((n) => ({
    text: n.text,
    pageTerms: n.pageTerms,
    terms: n.terms,
    allDates: n.allDates,
    spans: n.spans.map((s) => {
      const reportKind = reportKindOf(s.kind) ?? s.kind;
      return {
        value: s.value,
        kind: s.kind,
        reportKind,
        parts:
          reportKind === 'name' || reportKind === 'street'
            ? partsOf(s.value.replace(/\d+\s?[a-z]?$/i, ''))
            : undefined,
      };
    }),
  }));
  return {
    without: score(notes, corpus.clean, redact, false),
    with: score(notes, corpus.clean, redact, true),
  };
}

const pct = (r: number) => `${(r * 100).toFixed(1)} %`;

/** Rows "kind planted gone clean" for printing, without and with pageTerms side by side. */
export function formatRates(
  title: string,
  without: Record<string, Rates>,
  withTerms: Record<string, Rates>,
): string {
  const lines = [
    `${title.padEnd(18)}${'planted'.padStart(8)}${'gone'.padStart(9)}${'clean'.padStart(9)}${'gone+pt'.padStart(10)}${'clean+pt'.padStart(10)}`,
  ];
  for (const [key, r] of Object.entries(without)) {
    const w = withTerms[key] ?? emptyRates();
    lines.push(
      `${key.padEnd(18)}${String(r.planted).padStart(8)}${pct(r.goneRate).padStart(9)}${pct(r.cleanRate).padStart(9)}${pct(w.goneRate).padStart(10)}${pct(w.cleanRate).padStart(10)}`,
    );
  }
  return lines.join('\n');
}

/** The whole report for one corpus as text (used by the bench and for the figures in reports). */
export function formatReport(name: string, s: ReturnType<typeof scoreEval>): string {
  const sortKeys = (m: Record<string, Rates>) =>
    Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
  const parts = [
    `${name}`,
    formatRates('kind', sortKeys(s.without.perKind), s.with.perKind),
    formatRates('group', s.without.groups, s.with.groups),
  ];
  if (Object.keys(s.without.namesByOrigin).length > 0)
    parts.push(formatRates('names by origin', sortKeys(s.without.namesByOrigin), s.with.namesByOrigin));
  if (Object.keys(s.without.byForm).length > 0) {
    parts.push(formatRates('by form', s.without.byForm, s.with.byForm));
    parts.push(formatRates('by case', s.without.byCase, s.with.byCase));
  }
  const o = s.without.overRedaction;
  parts.push(`clean sentences changed: ${o.changed} of ${o.sentences} (${pct(o.rate)})`);
  return parts.join('\n\n');
}
