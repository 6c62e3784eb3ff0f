import { describe, expect, it } from 'vitest';
import { COMMON_WORDS } from '../../../utils/redact/common-words';
import { extractPageTerms } from '../../../utils/redact/page-terms';
import { redactText } from '../../../utils/redact/text';

describe('extractPageTerms', () => {
  it('keeps capitalised data words that are neither UI vocabulary nor common words', () => {
    const terms = extractPageTerms({
      data: [
        'Müller-Lüdenscheidt, Erika',
        'Bewilligt',
        'Hannover',
        'Regelbedarf 563,00 €',
        'Januar 2024',
        'de',
        'X',
      ],
      ui: ['Name', 'Status', 'Bewilligt', 'Wohnort: Hannover'],
    });
    expect([...terms].sort()).toEqual(['Erika', 'Lüdenscheidt', 'Müller', 'Müller-Lüdenscheidt']);
  });

  it('drops hyphenated vocabulary whose parts are all ordinary words', () => {
    expect(extractPageTerms({ data: ['Kosten-Übersicht'], ui: [] }).size).toBe(0);
  });

  it('keeps all-caps surnames as some applications show them', () => {
    expect(extractPageTerms({ data: ['MEIER, Hans'], ui: [] })).toEqual(new Set(['MEIER', 'Hans']));
  });

  it('feeds redactText so that names from the screen are masked in the note', () => {
    const pageTerms = extractPageTerms({ data: ['Yilmaz', 'Ayşe', 'Offen'], ui: ['Status'] });
    expect(
      redactText('Ayşe Yilmaz kann die Unterlagen nicht hochladen, Status offen.', { pageTerms }).text,
    ).toBe('[NAME] [NAME] kann die Unterlagen nicht hochladen, Status offen.');
  });

  it('returns the same set for the same capture, so it is computed once per save', () => {
    const texts = { data: ['Kaya'], ui: [] };
    expect(extractPageTerms(texts)).toBe(extractPageTerms(texts));
  });
});

describe('common words', () => {
  it('has a few hundred lower-case entries and no frequent surnames', () => {
    expect(COMMON_WORDS.size).toBeGreaterThanOrEqual(300);
    for (const word of COMMON_WORDS) expect(word).toBe(word.toLowerCase());
    for (const surname of ['müller', 'schneider', 'fischer', 'weber', 'koch', 'richter', 'klein', 'wolf']) {
      expect(COMMON_WORDS.has(surname), surname).toBe(false);
    }
  });
});

describe('the application frame (banner, footer, navigation)', () => {
  // Seen in use: the job centre's own town stood in the banner and in a client's address, and the
  // window title "Jobcenter Musterstadt (DEMO)" was stored as "Jobcenter [NAME] ([NAME])".
  const page = `
    <header><span>Jobcenter Musterstadt – Fachverfahren (DEMO)</span>
      <p>Angemeldet: Team 412 · Demo-Kennung</p><p>Akte: <strong>Kowalczyk, Dorota</strong></p></header>
    <main><header><h1>Fallakte Dorota Kowalczyk</h1></header>
      <dl><dt>Anschrift</dt><dd>Lindenweg 4, 12345 Musterstadt</dd><dd>Bearbeitung DEMO-Daten</dd></dl></main>
    <footer><p>Jobcenter Musterstadt · Impressum</p></footer>`;

  it('takes the frame words as the application’s own, but not the names shown there', async () => {
    const { captureContext } = await import('../../../utils/capture/context');
    document.title = 'Jobcenter Musterstadt (DEMO)';
    document.body.innerHTML = page;
    const capture = captureContext(document, { screenSelectors: [], framePath: 'top' });
    const terms = extractPageTerms(capture.pageTexts);
    expect(terms).toContain('Kowalczyk');
    expect(terms).toContain('Dorota');
    expect(terms).not.toContain('Musterstadt');
    expect([...terms].map((t) => t.toLowerCase())).not.toContain('demo');
    expect(redactText(capture.title, { pageTerms: terms }).text).toBe('Jobcenter Musterstadt (DEMO)');
    expect(redactText('Frau Kowalczyk aus Musterstadt', { pageTerms: terms }).text).not.toContain(
      'Kowalczyk',
    );
  });

  it('keeps the breadcrumb and the current item as data, even inside the banner', async () => {
    const { captureContext } = await import('../../../utils/capture/context');
    document.body.innerHTML = `<header><span>Jobcenter Musterstadt</span>
      <nav aria-label="Brotkrumen"><ol><li>Kunden</li><li><span aria-current="page">Wolkenbergk, Ida</span></li></ol></nav>
      </header><main><h1>Akte Ida Wolkenbergk</h1></main>`;
    const capture = captureContext(document, { screenSelectors: [], framePath: 'top' });
    const terms = extractPageTerms(capture.pageTexts);
    expect(terms).toContain('Wolkenbergk');
    expect(terms).not.toContain('Musterstadt');
  });

  it('keeps a section header inside the work area as data', async () => {
    const { captureContext } = await import('../../../utils/capture/context');
    document.body.innerHTML = '<main><article><header><p>Stadtteil Kleefeld</p></header></article></main>';
    const capture = captureContext(document, { screenSelectors: [], framePath: 'top' });
    expect(capture.pageTexts.chrome).toEqual([]);
    expect(extractPageTerms(capture.pageTexts)).toContain('Kleefeld');
  });
});
