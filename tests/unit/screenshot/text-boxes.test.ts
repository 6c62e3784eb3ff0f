import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectTextBlocks, measureTextMasks } from '../../../utils/screenshot/text-boxes';

// happy-dom has no layout: a range's one box says which characters of which text node it covers
// (x = first character, width = character count, y = the node's index in `nodes`).
let nodes: Text[] = [];
function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

beforeEach(() => {
  document.body.innerHTML = `
    <nav><ol><li><a href="/">Startseite</a></li><li><a aria-current="page">Mustermann, Max</a></li></ol></nav>
    <h1>E-Akte <span>JC-2024-004711</span> – Max <b>Mustermann</b></h1>
    <div>Vorname<p>Zwischen</p>Max</div>
    <table><tbody><tr><td>Max Mustermann</td></tr></tbody></table>
    <textarea>Max Mustermann tippt</textarea>
    <div contenteditable="true">Notiz über <i>Max</i></div>
    <script>const name = "Max";</script>
    <mitsprache-feedback>Unser Knopf</mitsprache-feedback>
    <p class="geheim">Geheim</p>
    <div id="host"></div>`;
  const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
  shadow.innerHTML = '<p>Frau <em>Erika</em> Musterfrau</p>';
  nodes = [...textNodes(document.body), ...textNodes(shadow)];
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const y = nodes.indexOf(this.startContainer as Text);
    return [new DOMRect(this.startOffset, y, this.endOffset - this.startOffset, 1)] as unknown as DOMRectList;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('mitsprache.shot.text')];
});

/** The characters a measured box covers. */
const covered = (box: { x: number; y: number; width: number }) =>
  nodes[box.y]?.data.slice(box.x, box.x + box.width);

describe('screenshot text boxes', () => {
  it('read visible text per block, joining inline elements, never editable regions, scripts, our UI or whole-masked cells', () => {
    expect(collectTextBlocks('tbody td,dd,.geheim', 'mitsprache-feedback')).toEqual([
      'Startseite',
      'Mustermann, Max',
      'E-Akte JC-2024-004711 – Max Mustermann',
      // The paragraph in between belongs to another block: its parts stay apart.
      'Vorname\nMax',
      'Zwischen',
      'Frau Erika Musterfrau',
    ]);
  });

  it('measure the masked characters in the text nodes they fall into, across inline elements', () => {
    const texts = collectTextBlocks('tbody td,dd', 'mitsprache-feedback');
    const heading = texts.indexOf('E-Akte JC-2024-004711 – Max Mustermann');
    const shadow = texts.indexOf('Frau Erika Musterfrau');
    const masks = texts.map(() => [] as [number, number][]);
    masks[heading] = [
      [7, 21],
      [24, 27],
      [28, 38],
    ];
    masks[shadow] = [[5, 21]];
    expect(measureTextMasks(masks).map(covered)).toEqual([
      'JC-2024-004711',
      'Max',
      'Mustermann',
      'Erika',
      ' Musterfrau',
    ]);
  });

  it('black out a block whole when told to, and only once per reading', () => {
    const texts = collectTextBlocks('tbody td,dd', 'mitsprache-feedback');
    const masks = texts.map((text) => (text === 'Vorname\nMax' ? null : []));
    expect(measureTextMasks(masks).map(covered)).toEqual(['Vorname', 'Max']);
    expect(measureTextMasks(masks)).toEqual([]);
  });

  it('keep reading when a configured selector is broken', () => {
    expect(collectTextBlocks('[[broken', 'mitsprache-feedback')).toContain('Max Mustermann');
  });
});
