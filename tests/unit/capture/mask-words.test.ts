import { describe, expect, it } from 'vitest';
import {
  chosenWords,
  MASK_WORDS_MAX,
  MaskWords,
  type PreviewToken,
  previewText,
  previewTokens,
  toggleWord,
} from '../../../utils/capture/mask-words';

// The preview's words: which pieces of a redacted note get a "mask this word" button, how a chosen
// word shows, and what travels to the background.

const plain = (text: string) => ({ text, masks: [], suspects: [] });
const words = (tokens: readonly PreviewToken[]) => tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));

describe('previewTokens', () => {
  it.each([
    ['plain words', 'Der Button fehlt.', ['Der', 'Button', 'fehlt']],
    ['digits are no words to the redactor', 'Seit 3 Tagen 0815', ['Seit', 'Tagen']],
    ['one letter is no word to it', 'Feld A ist leer', ['Feld', 'ist', 'leer']],
    ['hyphenated parts one by one', 'Die Müller-Akte', ['Die', 'Müller', 'Akte']],
    ['a genitive stays one word', "Jan's Akte", ["Jan's", 'Akte']],
    ['a placeholder typed by hand is no word', 'Bei [WERT] hakt es', ['Bei', 'hakt', 'es']],
  ])('%s', (_name, text, expected) => {
    const tokens = previewTokens(plain(text), new Set());
    expect(words(tokens)).toEqual(expected);
    // Nothing chosen: the pieces put together are the redacted text itself.
    expect(previewText(tokens)).toBe(text);
  });

  it('keeps the redactor’s masks as masks, never as words', () => {
    const tokens = previewTokens(
      { text: 'Herr [NAME] ruft an', masks: [{ start: 5, end: 11, kind: 'name' }], suspects: [] },
      new Set(),
    );
    expect(tokens).toContainEqual({ kind: 'mask', text: '[NAME]', mask: 'name' });
    expect(words(tokens)).toEqual(['Herr', 'ruft', 'an']);
  });

  it('marks the words the redactor suspects to be names', () => {
    const tokens = previewTokens(
      { text: 'Bei Wrobel hakt es', masks: [], suspects: [{ start: 4, end: 10 }] },
      new Set(),
    );
    expect(tokens.filter((t) => t.kind === 'word' && t.suspect).map((t) => t.text)).toEqual(['Wrobel']);
  });

  it('shows a chosen word as [NAME] wherever it occurs, in any case and in the genitive', () => {
    const chosen = toggleWord(new Set(), 'Wrobel');
    const tokens = previewTokens(plain('Wrobel und WROBEL, Wrobels Akte'), chosen);
    expect(previewText(tokens)).toBe('[NAME] und [NAME], [NAME] Akte');
    expect(chosenWords(tokens)).toEqual(['Wrobel', 'Wrobels']);
  });
});

describe('toggleWord', () => {
  it('shows a chosen word again on the second click', () => {
    const once = toggleWord(new Set(), 'Wrobel');
    expect(previewText(previewTokens(plain('Wrobel'), toggleWord(once, 'Wrobel')))).toBe('Wrobel');
  });

  it('shows a genitive again though its stem was chosen', () => {
    const chosen = toggleWord(new Set(), 'Wrobel');
    const again = toggleWord(chosen, 'Wrobels');
    expect(previewText(previewTokens(plain('Wrobels Akte, Wrobel'), again))).toBe('Wrobels Akte, Wrobel');
  });
});

describe('chosenWords', () => {
  it('sends only chosen words still in the note', () => {
    const chosen = toggleWord(toggleWord(new Set(), 'Wrobel'), 'Kowalski');
    expect(chosenWords(previewTokens(plain('Nur noch Kowalski'), chosen))).toEqual(['Kowalski']);
  });
});

describe('MaskWords', () => {
  it.each([
    ['a few words', ['Wrobel', 'Kowalski'], true],
    ['none', [], true],
    ['an empty word', [''], false],
    ['a word longer than 100 characters', ['x'.repeat(101)], false],
    ['more words than the bound', Array.from({ length: MASK_WORDS_MAX + 1 }, (_, i) => `Wort${i}`), false],
    ['no list', 'Wrobel', false],
  ])('%s: accepted %s', (_name, value, accepted) => {
    expect(MaskWords.safeParse(value).success).toBe(accepted);
  });
});
