/**
 * Quality figures for on-device redaction on the held-out corpus (tests/fixtures/redaction/holdout/), the
 * one nobody tuned the redactor to. Prints only; asserts nothing (floors are the lead's call).
 * Run with `npx tsx scripts/bench/redaction-holdout.ts`.
 *
 * Per kind and per group: "gone" (the whole value no longer appears) and "clean" (no fragment of it does),
 * without and with the screen's persons as pageTerms ("+pt"); the share of clean sentences changed; the
 * misses grouped by kind and template (the most common first) and then each one.
 */
import { extensionRedactor, formatReport, type Miss, scoreEval } from '../../tests/support/redaction-eval';
import { loadHoldoutCorpus } from '../../tests/support/redaction-holdout';

const corpus = loadHoldoutCorpus();
const score = scoreEval(extensionRedactor(), corpus);
const templateOf = new Map(corpus.notes.map((n) => [n.text, n.template]));

console.log(
  formatReport(
    `Held-out corpus: ${corpus.notes.length} notes, ${corpus.clean.length} clean sentences (seed ${corpus.seed})`,
    score,
  ),
);
const withPt = score.with.overRedaction;
console.log(`clean sentences changed (+pt, none carry pageTerms): ${withPt.changed} of ${withPt.sentences}`);
for (const c of score.without.overRedaction.list)
  console.log(`  changed: ${JSON.stringify(c.text)} → ${JSON.stringify(c.output)}`);

function printMisses(title: string, misses: readonly Miss[]) {
  const groups = new Map<string, Miss[]>();
  for (const m of misses) {
    const key = `${m.kind} in ${templateOf.get(m.text) ?? '?'}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  console.log(`\n${title}: ${misses.length}, by kind and template (most common first)`);
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const first = list[0] as Miss;
    console.log(
      `  ${String(list.length).padStart(4)}  ${key.padEnd(34)} e.g. ${JSON.stringify(first.output)}`,
    );
  }
}
printMisses('Misses without pageTerms', score.without.misses);
printMisses('Misses with pageTerms', score.with.misses);

console.log('\nEvery miss without pageTerms (kind, value, what survived, output):');
for (const m of score.without.misses)
  console.log(
    `  ${m.kind.padEnd(15)} ${JSON.stringify(m.value)} left ${JSON.stringify(m.left)} → ${JSON.stringify(m.output)}`,
  );
