import type { MaskBox } from './mask-image';

/** What a screenshot always blacks out: every field a client's data can be typed into, every table body cell and definition. */
const ALWAYS = 'input,select,textarea,[contenteditable]:not([contenteditable="false"]),tbody td,dd';
/** More boxes than this and the picture is as good as black anyway. */
const MAX_BOXES = 5000;

interface Clip {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Boxes (CSS pixels, top-viewport coordinates) of everything a screenshot of `doc`'s viewport must
 * black out. Unlike a plain querySelectorAll it also looks into open shadow roots (web-component apps
 * such as KoliBri) and into same-origin frames (portals embedding the case file); a frame whose
 * document we cannot read is blacked out whole, since we cannot tell what it shows. `own` is our UI's
 * host, left out: it is transparent while the picture is taken, and its dialog frame (unreadable to
 * the page) would otherwise black out whatever of the page lies under it.
 */
export function maskBoxes(doc: Document, extra: readonly string[], own?: Element): MaskBox[] {
  const view = doc.defaultView;
  const boxes: MaskBox[] = [];
  const clip = { left: 0, top: 0, right: view?.innerWidth ?? 0, bottom: view?.innerHeight ?? 0 };
  const selector = [ALWAYS, ...extra].join(',');
  collect(doc, selector, 0, 0, clip, boxes, own);
  return boxes;
}

function push(boxes: MaskBox[], r: DOMRect, dx: number, dy: number, clip: Clip): void {
  const left = Math.max(r.left + dx, clip.left);
  const top = Math.max(r.top + dy, clip.top);
  const right = Math.min(r.right + dx, clip.right);
  const bottom = Math.min(r.bottom + dy, clip.bottom);
  if (right > left && bottom > top && boxes.length < MAX_BOXES)
    boxes.push({ x: left, y: top, width: right - left, height: bottom - top });
}

function matches(root: Document | ShadowRoot, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    // A broken configured selector must not cost the built-in masks.
    return [...root.querySelectorAll(ALWAYS)];
  }
}

function collect(
  root: Document | ShadowRoot,
  selector: string,
  dx: number,
  dy: number,
  clip: Clip,
  boxes: MaskBox[],
  own?: Element,
) {
  for (const element of matches(root, selector)) push(boxes, element.getBoundingClientRect(), dx, dy, clip);
  for (const element of root.querySelectorAll('*')) {
    if (boxes.length >= MAX_BOXES) return;
    if (element === own) continue;
    if (element.shadowRoot) collect(element.shadowRoot, selector, dx, dy, clip, boxes, own);
    if (element.tagName !== 'IFRAME' && element.tagName !== 'FRAME') continue;
    const frame = element as HTMLIFrameElement;
    const r = frame.getBoundingClientRect();
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument;
    } catch {
      inner = null;
    }
    if (!inner) {
      push(boxes, r, dx, dy, clip);
      continue;
    }
    // The frame's document starts inside its border; its own viewport clips what it shows.
    const x = dx + r.left + frame.clientLeft;
    const y = dy + r.top + frame.clientTop;
    const inside = {
      left: Math.max(clip.left, x),
      top: Math.max(clip.top, y),
      right: Math.min(clip.right, x + frame.clientWidth),
      bottom: Math.min(clip.bottom, y + frame.clientHeight),
    };
    if (inside.right > inside.left && inside.bottom > inside.top)
      collect(inner, selector, x, y, inside, boxes, own);
  }
}
