import { PICKER_CSS } from './ElementPicker.css';

/** Props of the element picker. */
export interface ElementPickerProps {
  /** Our shadow root's container: highlight and hint are drawn there, out of the page's reach. */
  container: HTMLElement;
  /** Our own host element, never pickable. */
  host: Element;
  hint: string;
  onPick(element: Element): void;
  onCancel(): void;
}

/**
 * "Point at it": highlights what is under the pointer or has focus; a click, Enter or Space picks
 * it, Esc cancels. While picking, clicks never reach the application. Returns the stop function.
 */
export function ElementPicker(props: ElementPickerProps): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  adoptPickerStyles(props.container);
  const highlight = document.createElement('div');
  highlight.className = 'highlight';
  const hint = document.createElement('div');
  hint.className = 'hint';
  hint.setAttribute('role', 'status');
  hint.textContent = props.hint;
  props.container.append(highlight, hint);
  let current: Element | undefined;

  // Events the page dispatches itself are not the person's: they neither pick, move the highlight
  // nor cancel (a synthetic click would otherwise choose what the note is about).
  const target = (event: Event): Element | undefined => {
    const first = event.composedPath()[0];
    return event.isTrusted && first instanceof Element && !props.host.contains(first) && first !== props.host
      ? first
      : undefined;
  };
  const show = (element: Element | undefined) => {
    current = element;
    if (!element) return;
    const r = element.getBoundingClientRect();
    Object.assign(highlight.style, {
      left: `${r.x}px`,
      top: `${r.y}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
  };
  const stop = () => {
    controller.abort();
    highlight.remove();
    hint.remove();
  };
  const swallow = (event: Event) => {
    if (!target(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const options = { capture: true, signal } as const;
  window.addEventListener('pointermove', (event) => show(target(event)), options);
  window.addEventListener('focusin', (event) => show(target(event)), options);
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    window.addEventListener(type, swallow, options);
  }
  window.addEventListener(
    'click',
    (event) => {
      const element = target(event);
      if (!element) return;
      swallow(event);
      stop();
      props.onPick(element);
    },
    options,
  );
  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted) return;
      if (event.key === 'Escape') {
        swallow(event);
        stop();
        props.onCancel();
      } else if ((event.key === 'Enter' || event.key === ' ') && current) {
        event.preventDefault();
        event.stopImmediatePropagation();
        const element = current;
        stop();
        props.onPick(element);
      }
    },
    options,
  );
  return stop;
}

let pickerSheet: CSSStyleSheet | undefined;
/** Adds the picker's styles to the shadow root holding `container`, once. */
function adoptPickerStyles(container: HTMLElement): void {
  const root = container.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  if (!pickerSheet) {
    pickerSheet = new CSSStyleSheet();
    pickerSheet.replaceSync(PICKER_CSS);
  }
  if (!root.adoptedStyleSheets.includes(pickerSheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, pickerSheet];
}
