import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLexicon, serialise } from '../../../scripts/lexicon/build';
import {
  hasLexicon,
  installLexicon,
  isAnyName,
  isGivenName,
  isNoun,
  isSurname,
  isVerbOrAdjective,
  LEXICON_FILES,
  type LexiconData,
  lookupEntry,
  uninstallLexicon,
} from '../../../utils/redact/lexicon';
import { LEXICON_DIR, loadLexiconFromDisk } from '../../../utils/redact/lexicon-node';
import { NAME_LIKENESS_THRESHOLD, nameLikeness } from '../../../utils/redact/name-model';

const list = (...words: string[]) => serialise([...words].sort());

describe('lexicon look-ups', () => {
  afterEach(() => {
    uninstallLexicon();
    loadLexiconFromDisk();
  });

  it('finds every word of a list and nothing between them (binary search over one string)', () => {
    const words = ['aa', 'ab', 'abc', 'b', 'müller', 'zz'];
    uninstallLexicon();
    installLexicon({
      given: list(...words),
      surnames: list(),
      plain: list(),
      names: list(),
      nouns: list(),
      words: list(),
      grams: list('^^a\t5', 'abc\t-12', 'ab$\t0'),
      places: list(),
      english: list(),
    });
    for (const w of words) expect(isGivenName(w), w).toBe(true);
    expect(lookupEntry('grams', 'abc')).toBe('-12');
    expect(lookupEntry('grams', '^^a')).toBe('5');
    expect(lookupEntry('grams', 'ab$')).toBe('0');
    for (const key of ['abd', 'ab', 'abcd', '', 'a\tb'])
      expect(lookupEntry('grams', key), key).toBeUndefined();
    for (const w of ['a', 'aaa', 'abd', 'ba', 'müll', 'zzz', '', 'aa\nab'])
      expect(isGivenName(w), w).toBe(false);
    expect(isSurname('aa')).toBe(false);
  });

  it('answers false for everything before the lists are installed, and refuses malformed lists', () => {
    uninstallLexicon();
    expect(hasLexicon()).toBe(false);
    expect(isNoun('antrag')).toBe(false);
    const data = {
      given: 'kevin\n',
      surnames: list(),
      plain: list(),
      names: list(),
      nouns: list(),
      words: list(),
      grams: list(),
    };
    expect(() => installLexicon(data as LexiconData)).toThrow(/lexicon_malformed: given/);
  });

  it('knows names, nouns, verbs and adjectives from the shipped lists', () => {
    expect(isGivenName('kevin')).toBe(true);
    expect(isGivenName('oezlem')).toBe(true); // typed without the umlaut
    expect(isSurname('stachowicz')).toBe(true);
    expect(isAnyName('brückmann')).toBe(false);
    expect(isNoun('anträgen')).toBe(true);
    expect(isVerbOrAdjective('angerufen')).toBe(true);
    expect(isVerbOrAdjective('kevin')).toBe(false);
  });
});

describe('the shipped lists', () => {
  it('are what `npm run lexicon` builds from the pinned packages (run it after changing a source)', () => {
    const built = buildLexicon();
    for (const name of LEXICON_FILES) {
      const shipped = readFileSync(join(LEXICON_DIR, `${name}.txt`), 'utf8');
      expect(shipped === serialise(built[name]), `public/redact/${name}.txt is stale`).toBe(true);
    }
  }, 60_000);

  it('scores most names no list holds above the threshold, German words the lists lack far below it', () => {
    // Names from none of the sources of the lists or the corpora, chosen before scoring them.
    const names = ['tesfaldet', 'yordanos', 'khudoyberdiyev', 'nurlanovna', 'ilunga', 'szczepaniak'];
    names.push('tsegay', 'mamadou', 'oyelaran', 'gvantsa');
    const above = names.filter((name) => nameLikeness(name) > NAME_LIKENESS_THRESHOLD);
    expect(above.length, `above: ${above.join(', ')}`).toBeGreaterThanOrEqual(7);
    for (const word of [
      'weiterbewilligungsantrag',
      'leistungsabteilung',
      'eingliederungsvereinbarung',
      'cursor',
    ])
      expect(nameLikeness(word), word).toBeLessThan(0);
  });
});
