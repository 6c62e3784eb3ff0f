import { loadLexiconFromDisk } from './utils/redact/lexicon-node';
import { loadEvalCorpus, scoreEval } from './tests/support/redaction-eval';
loadLexiconFromDisk();
const s = scoreEval(undefined, loadEvalCorpus());
for (const w of ['without', 'with'] as const) {
  const g = (s as any)[w].groups; const line = Object.entries(g).map(([k, r]: any) => `${k} ${(r.cleanRate*100).toFixed(1)}`).join(' | ');
  console.log(w, line, 'clean changed', (s as any)[w].overRedaction?.changed);
}
if (process.argv[2]) for (const m of (s as any).without.misses.slice(0, 60)) console.log(m.kind, JSON.stringify(m.left), '«' + m.output + '»');
if (process.argv[2]) for (const c of (s as any).without.overRedaction.list) console.log('FP', c.output);
