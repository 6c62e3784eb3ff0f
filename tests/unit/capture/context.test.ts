import { beforeEach, describe, expect, it } from 'vitest';
import { roleOf, stableSelector } from '../../../components/page/selector';
import { captureContext } from '../../../utils/capture/context';
import { accessibleName, safeText } from '../../../utils/capture/safe-text';
import { RawCapture } from '../../../utils/schema/capture';

const FIXTURE = `
  <header><nav aria-label="Hauptnavigation"><a href="/akte" aria-current="page">E-Akte</a><a href="/suche">Suche</a></nav></header>
  <nav aria-label="Breadcrumb"><ol><li><a href="/">Start</a></li><li><a href="/akte">Akten</a></li><li aria-current="page">Übersicht</li></ol></nav>
  <main>
    <h1>Fallübersicht Max Mustermann</h1>
    <div role="tablist"><button role="tab" aria-selected="false">Stammdaten</button><button role="tab" aria-selected="true">Dokumente</button></div>
    <ol class="steps"><li>Antrag</li><li aria-current="step">Einkommen</li></ol>
    <form name="leistungsberechnung" aria-label="Leistungsberechnung">
      <label for="n">Nachname</label><input id="n" value="GEHEIM-INPUT">
      <label for="t">Vermerk</label><textarea id="t">GEHEIM-TEXTAREA</textarea>
      <select id="s"><option selected>GEHEIM-OPTION</option></select>
      <div contenteditable="true">GEHEIM-EDITABLE</div>
      <button type="submit" data-testid="weiter">Weiter</button>
    </form>
    <dl><dt>Kundennummer</dt><dd>123D456789</dd></dl>
    <table><thead><tr><th>Name</th></tr></thead><tbody><tr><td>Erika Musterfrau</td></tr></tbody></table>
  </main>`;

beforeEach(() => {
  document.title = 'E-Akte – Fallübersicht';
  document.body.innerHTML = FIXTURE;
});

describe('captureContext', () => {
  it('describes the screen from heading, navigation, breadcrumb, tab, step and form', () => {
    const capture = captureContext(document, {
      screenSelectors: [],
      framePath: 'top',
    });
    expect(capture).toMatchObject({
      title: 'E-Akte – Fallübersicht',
      heading: 'Fallübersicht Max Mustermann',
      breadcrumb: ['Start', 'Akten', 'Übersicht'],
      navigation: 'E-Akte',
      tab: 'Dokumente',
      step: 'Einkommen',
      form: 'Leistungsberechnung',
      frame: { path: 'top' },
    });
    expect(RawCapture.safeParse(capture).success).toBe(true);
  });

  it('never reads what is in inputs, textareas, selects or editable regions', () => {
    const capture = captureContext(document, {
      screenSelectors: ['form'],
      framePath: 'top',
    });
    expect(JSON.stringify(capture)).not.toMatch(/GEHEIM/);
  });

  it('separates data regions from the application’s own vocabulary for name detection', () => {
    const { pageTexts } = captureContext(document, {
      screenSelectors: [],
      framePath: 'top',
    });
    expect(pageTexts.data).toEqual(expect.arrayContaining(['123D456789', 'Erika Musterfrau']));
    expect(pageTexts.ui).toEqual(expect.arrayContaining(['Kundennummer', 'Name', 'Nachname', 'Weiter']));
  });

  it('uses a configured screen-name selector, and skips a broken one', () => {
    const capture = captureContext(document, {
      screenSelectors: ['[[broken', '.steps [aria-current]'],
      framePath: 'top',
    });
    expect(capture.configuredScreen).toBe('Einkommen');
  });
});

describe('picked elements', () => {
  it('names an input by its label, never by its value', () => {
    const input = document.getElementById('n') as Element;
    expect(accessibleName(input)).toBe('Nachname');
    expect(roleOf(input)).toBe('textbox');
  });

  it.each([
    ['#n', 'input#n'],
    ['[data-testid="weiter"]', 'button[data-testid="weiter"]'],
  ])('builds a stable selector for %s', (query, expected) => {
    const element = document.querySelector(query) as Element;
    const selector = stableSelector(element);
    expect(selector.endsWith(expected)).toBe(true);
    expect(document.querySelector(selector)).toBe(element);
  });

  it('safeText returns nothing for form controls', () => {
    expect(safeText(document.getElementById('t'))).toBeUndefined();
  });
});

describe('picked data cells', () => {
  it.each([
    ['td', 'Name'],
    ['dd', 'Kundennummer'],
  ])('a %s is named by its column or term, not by the client data in it', (tag, expected) => {
    expect(accessibleName(document.querySelector(tag) as Element)).toBe(expected);
  });
});
