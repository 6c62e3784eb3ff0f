import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasLexicon, installLexicon, LEXICON_FILES, type LexiconData } from './lexicon';

/** Where the compiled lists live in the source tree (served to the extension from public/). */
export const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'redact');

/** Reads the lists from disk and installs them, once; for the collector, the CLI, tests and benches. */
export function loadLexiconFromDisk(dir = LEXICON_DIR): void {
  if (hasLexicon()) return;
  const data = {} as LexiconData;
  for (const name of LEXICON_FILES) data[name] = readFileSync(join(dir, `${name}.txt`), 'utf8');
  installLexicon(data);
}
