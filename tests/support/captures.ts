import { RawCapture } from '../../utils/schema/capture';

/**
 * What the content script captures on the demo's search page: a client's name on the screen (which
 * the redactor learns as a page term) and a query that names her.
 */
export function searchPageCapture(): RawCapture {
  return RawCapture.parse({
    href: 'http://127.0.0.1:5173/suche?q=Mustermann',
    title: 'Suche',
    heading: 'Suche nach Kundinnen und Kunden',
    frame: { path: 'top' },
    viewport: { width: 1280, height: 800 },
    screenSize: { width: 1920, height: 1080, pixelRatio: 1 },
    sinceLoadMs: 1200,
    uiLanguage: 'de-DE',
    pageTexts: { data: ['Max Mustermann'], ui: ['Name', 'Geburtsdatum'] },
  });
}
