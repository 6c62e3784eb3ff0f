import type { MaskBox } from './mask-image';

// The two functions below run in the page, injected by the background on demand
// (scripting.executeScript serialises their source): the content script stays within its size
// budget, and the redactor and its lexicon never load in the page. So they reference nothing outside
// their own bodies, not even a type guard or a constant of this module. Between the two calls the
// page keeps the text nodes it read under STATE_KEY in the extension's isolated world, which the page
// cannot see; the second call removes it.

/**
 * Raw character ranges `[start, end)` of one block's text to black out, or null for the whole block
 * (its text was not read, or could not be mapped back reliably).
 */
export type BlockMasks = readonly (readonly [number, number])[] | null;

/**
 * Reads the visible text of the top frame's document, its open shadow roots and its same-origin
 * frames, grouped per block element (a heading, a list item, a paragraph), because the redactor's
 * context cues ("Herr Max Mustermann", "BG-Nummer 12345//0012345") span inline elements and text
 * nodes. Returns one string per block, or null for a block not read (past the text budget; the
 * background then blacks it out whole). Skipped: text of editable regions, text areas and selects
 * (client input, never read), blocks inside `skip` (blacked out whole anyway), blocks wholly outside
 * the viewport, and `own` (our UI's host element name).
 */
export function collectTextBlocks(skip: string, own: string): (string | null)[] {
  // Inline elements do not end a block of text; everything else (including custom elements, which
  // the page may style either way) does, which at worst splits a context cue from its name.
  const INLINE =
    /^(A|ABBR|B|BDI|BDO|BIG|CITE|CODE|DATA|DEL|DFN|EM|FONT|I|INS|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|TT|U|VAR)$/;
  const IGNORE = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|SELECT|OPTION|OPTGROUP|INPUT)$/;
  const MAX_CHARS = 200_000;
  const ownTag = own.toUpperCase();
  interface Block {
    nodes: Text[];
    starts: number[];
    text: string;
    dx: number;
    dy: number;
    clip: { left: number; top: number; right: number; bottom: number };
    read: boolean;
  }
  const blocks: Block[] = [];
  const blockOf = new Map<Element, Block | undefined>();
  let chars = 0;
  let last: Block | undefined;

  const skipped = (element: Element) => {
    try {
      return element.closest(skip) !== null;
    } catch {
      return false;
    }
  };

  const walk = (root: Document | ShadowRoot, dx: number, dy: number, clip: Block['clip']): void => {
    // Not instanceof Document: a frame's document is an instance of the frame's own Document.
    const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === Node.ELEMENT_NODE &&
        (IGNORE.test((node as Element).tagName) || (node as Element).tagName === ownTag)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element;
        if (element.tagName === 'BR') last = undefined;
        if (element.shadowRoot) walk(element.shadowRoot, dx, dy, clip);
        if (element.tagName !== 'IFRAME' && element.tagName !== 'FRAME') continue;
        const frame = element as HTMLIFrameElement;
        let inner: Document | null = null;
        try {
          inner = frame.contentDocument;
        } catch {
          inner = null;
        }
        // Unreadable frames are blacked out whole by the content script's mask boxes.
        if (!inner) continue;
        const r = frame.getBoundingClientRect();
        const x = dx + r.left + frame.clientLeft;
        const y = dy + r.top + frame.clientTop;
        const inside = {
          left: Math.max(clip.left, x),
          top: Math.max(clip.top, y),
          right: Math.min(clip.right, x + frame.clientWidth),
          bottom: Math.min(clip.bottom, y + frame.clientHeight),
        };
        if (inside.right > inside.left && inside.bottom > inside.top) walk(inner, x, y, inside);
        continue;
      }
      const text = node as Text;
      const parent = text.parentElement;
      if (!parent || (parent as HTMLElement).isContentEditable) continue;
      let element: Element = parent;
      while (INLINE.test(element.tagName) && element.parentElement) element = element.parentElement;
      let block = blockOf.get(element);
      if (!blockOf.has(element)) {
        const r = element.getBoundingClientRect();
        // An empty box (display: contents, say) tells nothing: such a block is read, and the boxes
        // of its masked words decide what shows.
        const empty = r.width === 0 && r.height === 0;
        const outside =
          r.right + dx <= clip.left ||
          r.left + dx >= clip.right ||
          r.bottom + dy <= clip.top ||
          r.top + dy >= clip.bottom;
        block =
          (empty || !outside) && !skipped(element)
            ? { nodes: [], starts: [], text: '', dx, dy, clip, read: true }
            : undefined;
        blockOf.set(element, block);
        if (block) blocks.push(block);
      }
      if (!block) continue;
      // Text of another block in between (a nested list, a line break): keep the two parts apart.
      if (last !== block && block.text) block.text += '\n';
      last = block;
      chars += text.data.length;
      if (chars > MAX_CHARS) block.read = false;
      block.nodes.push(text);
      block.starts.push(block.text.length);
      block.text += text.data;
    }
  };

  const view = document.defaultView;
  walk(document, 0, 0, { left: 0, top: 0, right: view?.innerWidth ?? 0, bottom: view?.innerHeight ?? 0 });
  const kept = blocks.filter((block) => block.text.trim() !== '');
  (globalThis as Record<symbol, unknown>)[Symbol.for('mitsprache.shot.text')] = kept;
  return kept.map((block) => (block.read ? block.text : null));
}

/**
 * Boxes (CSS pixels, top-viewport coordinates) of the masked characters of each block that
 * collectTextBlocks returned, in the same order; null blacks out the block's text whole. Takes the
 * page's state away, so it runs once per collectTextBlocks.
 */
export function measureTextMasks(masks: readonly BlockMasks[]): MaskBox[] {
  const MAX_BOXES = 5000;
  interface Block {
    nodes: Text[];
    starts: number[];
    text: string;
    dx: number;
    dy: number;
    clip: { left: number; top: number; right: number; bottom: number };
  }
  const key = Symbol.for('mitsprache.shot.text');
  const store = globalThis as Record<symbol, unknown>;
  const blocks = (store[key] ?? []) as Block[];
  delete store[key];
  const boxes: MaskBox[] = [];
  const add = (block: Block, node: Text, from: number, to: number) => {
    // A range of the node's own document: text in a frame belongs to another one.
    const range = (node.ownerDocument ?? document).createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    for (const r of range.getClientRects()) {
      const left = Math.max(r.left + block.dx, block.clip.left);
      const top = Math.max(r.top + block.dy, block.clip.top);
      const right = Math.min(r.right + block.dx, block.clip.right);
      const bottom = Math.min(r.bottom + block.dy, block.clip.bottom);
      if (right > left && bottom > top && boxes.length < MAX_BOXES)
        boxes.push({ x: left, y: top, width: right - left, height: bottom - top });
    }
  };
  blocks.forEach((block, index) => {
    const ranges = masks[index];
    if (ranges === undefined) return;
    block.nodes.forEach((node, i) => {
      const start = block.starts[i] ?? 0;
      const length = node.data.length;
      // The page may have changed the node since it was read: never reach past its end.
      for (const [from, to] of ranges ?? [[start, start + length] as const]) {
        const a = Math.max(from - start, 0);
        const b = Math.min(to - start, length);
        if (b > a) add(block, node, a, b);
      }
    });
  });
  return boxes;
}
