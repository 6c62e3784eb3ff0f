/**
 * Timing and quality figures for on-device redaction. Prints only; asserts nothing.
 * Run with `npx tsx scripts/bench/redaction.ts`. Budget: ≤ 5 ms p95 for a 2,000-character note plus
 * a full screen context on a 2-core machine. Quality: per kind "gone" and "clean" on the independent
 * evaluation corpus and on the project's own corpus (tests/support/redaction-eval.ts), with and without
 * the screen's persons, and the share of sentences without client data that were changed.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Corpus, scoreCorpus } from '../../tests/support/corpus-score';
import { formatReport, loadEvalCorpus, scoreEval, scoreOldCorpus } from '../../tests/support/redaction-eval';
import { redactContext } from '../../utils/redact/context';
import { loadLexiconFromDisk } from '../../utils/redact/lexicon-node';
import { extractPageTerms } from '../../utils/redact/page-terms';
import { redactRequest } from '../../utils/redact/request';
import { redactText } from '../../utils/redact/text';

const RUNS = 500;
const WARMUP = 50;

const FILLER =
  'Die Maske Leistungsberechnung lädt seit dem Update 3.2 über 40 Sekunden, und beim Speichern kommt Fehler 0815. ' +
  'Nach § 22 SGB II fehlt das Feld für die Heizkosten, die Übersicht springt zurück auf Seite 1. ';
const PLANTED = [
  'Frau Müller-Lüdenscheidt (Kd.-Nr. 123D456789, BG 12345//0012345) ',
  'IBAN DE89 3704 0044 0532 0130 00, Steuer-ID 86095742719, RV-Nr 65 170839 J 00 3. ',
  'Erreichbar unter 0511 1234567 oder max.mustermann@example.de, geb. 12.03.1985. ',
  'Neue Anschrift Musterstraße 12a, 30159 Hannover; Az. JC-2024-004711. ',
];

function buildNote(): string {
  let note = '';
  for (let i = 0; note.length < 2000; i++)
    note += i % 3 === 2 ? PLANTED[((i / 3) % PLANTED.length) | 0] : FILLER;
  return note.slice(0, 2000);
}

// A busy screen: a table of 200 rows with names, dates, amounts and status words.
const pageTexts = {
  data: Array.from({ length: 600 }, (_, i) =>
    [`Yilmaz, Ayşe ${i}`, '12.03.1985', '563,00 €', i % 2 ? 'Bewilligt' : 'Offen'].join(' '),
  ),
  ui: ['Name', 'Geburtsdatum', 'Betrag', 'Status', 'Speichern', 'Abbrechen', 'Leistungen', 'Dokumente'],
};

const options = {
  terms: ['Tafel Hannover-Nord', 'Diakonie Linden'],
  patterns: [{ name: 'Vorgang', source: 'VG-\\d{3,}' }],
  allDates: false,
  allowedParams: ['tab', 'schritt'],
};

const context = {
  title: 'Akte Yilmaz, Ayşe – E-Akte',
  url: 'https://ea.jc.example/akte/JC-2024-004711/leistungen?tab=dok&kdnr=123D456789#x',
  heading: 'Leistungen für Frau Yilmaz (Kd.-Nr. 123D456789)',
  breadcrumb: ['Start', 'Akten', 'Yilmaz, Ayşe', 'Leistungen'],
  navigation: 'Leistungen › Bewilligung',
  step: 'Schritt 2 von 4',
  tab: 'Dokumente',
  form: 'Anlage KdU',
  screenName: 'Leistungsübersicht',
  elementName: 'Button Speichern',
  frameUrl: 'https://viewer.jc.example/doc/3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b?page=2',
};

function time(fn: () => void): { p50: number; p95: number; max: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
// Where the extension redacts, the lexicon is loaded first; the figures below are for that state.
loadLexiconFromDisk();
const note = buildNote();
// A 2,000-character note of the evaluation corpus's own sentences, and the screen words they come with.
const evalCorpus = loadEvalCorpus();
let evalNote = '';
const evalTerms = new Set<string>();
for (const n of evalCorpus.notes) {
  if (evalNote.length >= 2000) break;
  evalNote += `${n.text} `;
  for (const t of n.pageTerms ?? []) evalTerms.add(t);
}
evalNote = evalNote.slice(0, 2000);
const pageTerms = extractPageTerms(pageTexts);
const textOptions = { ...options, pageTerms };

console.log(
  `Redaction bench: ${RUNS} runs after ${WARMUP} warm-up, ${availableParallelism()} CPUs, Node ${process.version}`,
);
console.log(`Note: ${note.length} characters, ${redactText(note, textOptions).masks.length} masks`);

const rows: [string, ReturnType<typeof time>][] = [
  ['redactText (2,000-char note)', time(() => redactText(note, textOptions))],
  ['redactRequest (2,000 chars of eval notes)', time(() => redactRequest({ text: evalNote }))],
  [
    `redactRequest (same, ${evalTerms.size} pageTerms)`,
    time(() => redactRequest({ text: evalNote, pageTerms: [...evalTerms] })),
  ],
  ['redactContext (full context)', time(() => redactContext(context, textOptions))],
  [
    'note + context together',
    time(() => {
      redactText(note, textOptions);
      redactContext(context, textOptions);
    }),
  ],
  // A fresh object each time defeats the per-capture cache: the cost of the first save on a busy screen.
  [
    'extractPageTerms (600 cells, uncached)',
    time(() => extractPageTerms({ data: pageTexts.data, ui: pageTexts.ui })),
  ],
];
console.log();
console.log(`${'measurement'.padEnd(44)}${'p50'.padStart(12)}${'p95'.padStart(12)}${'max'.padStart(12)}`);
for (const [name, t] of rows) {
  console.log(
    `${name.padEnd(44)}${ms(t.p50).padStart(12)}${ms(t.p95).padStart(12)}${ms(t.max).padStart(12)}`,
  );
}

const corpus = Corpus.parse(
  JSON.parse(readFileSync(new URL('../../tests/fixtures/redaction/corpus.json', import.meta.url), 'utf8')),
);
const score = scoreCorpus(corpus);
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
console.log();
console.log(`Corpus: ${corpus.notes.length} notes, ${corpus.clean.length} clean sentences`);
console.log(
  `${'kind'.padEnd(14)}${'planted'.padStart(9)}${'recall'.padStart(10)}${'masks'.padStart(8)}${'precision'.padStart(11)}`,
);
const kinds = Object.entries(score.perKind).sort(([a], [b]) => a.localeCompare(b));
for (const [kind, s] of [...kinds, ['overall', score.overall] as const]) {
  console.log(
    `${kind.padEnd(14)}${String(s.planted).padStart(9)}${pct(s.recall).padStart(10)}${String(s.masks).padStart(8)}${pct(s.precision).padStart(11)}`,
  );
}
if (score.leaks.length > 0) {
  console.log('\nMissed (value survived at least in part):');
  for (const leak of score.leaks) console.log(`  ${leak.kind.padEnd(12)} ${JSON.stringify(leak.value)}`);
}
if (score.falsePositives.length > 0) {
  console.log('\nMasked without need:');
  for (const fp of score.falsePositives) console.log(`  ${fp.kind.padEnd(12)} ${JSON.stringify(fp.masked)}`);
}

// The same measure on both corpora: "gone" = the whole value no longer appears, "clean" = no fragment of
// it does; "+pt" = with the screen's persons as pageTerms.
const evalScore = scoreEval();
console.log();
console.log(
  formatReport(
    `Evaluation corpus (independent): ${evalCorpus.notes.length} notes, ${evalCorpus.clean.length} clean sentences`,
    evalScore,
  ),
);
for (const c of evalScore.without.overRedaction.list)
  console.log(`  changed: ${JSON.stringify(c.text)} → ${JSON.stringify(c.output)}`);
console.log();
console.log(formatReport('Project corpus, same measure', scoreOldCorpus()));
