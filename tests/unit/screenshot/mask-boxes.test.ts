import { beforeEach, describe, expect, it } from 'vitest';
import { maskBoxes } from '../../../utils/screenshot/mask-boxes';

// happy-dom has no layout: every element gets the box its data-box attribute names.
function place(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-box]')) {
    const [x = 0, y = 0, width = 0, height = 0] = (element.dataset.box ?? '').split(' ').map(Number);
    element.getBoundingClientRect = () => new DOMRect(x, y, width, height);
  }
}

beforeEach(() => {
  document.body.innerHTML = `
    <input data-box="10 10 100 20">
    <table><tbody><tr><td data-box="10 40 100 20">Erika Musterfrau</td></tr></tbody></table>
    <p class="aktenzeichen" data-box="10 70 100 20">JC-2024-004712</p>
    <input data-box="10 2000 100 20">
    <input data-box="0 0 0 0">
    <div id="host"></div>`;
  const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
  shadow.innerHTML = '<label>Name</label><input data-box="200 10 100 20">';
  place(document);
  place(shadow);
});

describe('screenshot mask boxes', () => {
  it('cover fields, body cells and fields inside open shadow roots, not what is off screen or empty', () => {
    expect(maskBoxes(document, [])).toEqual([
      { x: 10, y: 10, width: 100, height: 20 },
      { x: 10, y: 40, width: 100, height: 20 },
      { x: 200, y: 10, width: 100, height: 20 },
    ]);
  });

  it('add configured sensitive elements', () => {
    expect(maskBoxes(document, ['.aktenzeichen'])).toContainEqual({ x: 10, y: 70, width: 100, height: 20 });
  });

  it('leave out our own UI (its dialog frame would black out the page under it)', () => {
    const own = document.createElement('mitsprache-feedback');
    // Stands for the dialog's frame, which the page cannot read (happy-dom's frames are readable).
    own.attachShadow({ mode: 'open' }).innerHTML = '<input data-box="300 300 100 100">';
    place(own.shadowRoot as ShadowRoot);
    document.body.append(own);
    expect(maskBoxes(document, [])).toContainEqual({ x: 300, y: 300, width: 100, height: 100 });
    expect(maskBoxes(document, [], own)).not.toContainEqual({ x: 300, y: 300, width: 100, height: 100 });
    expect(maskBoxes(document, [], own)).toHaveLength(3);
  });

  it('keep the built-in masks when a configured selector is broken', () => {
    expect(maskBoxes(document, ['[[broken'])).toHaveLength(3);
  });
});
