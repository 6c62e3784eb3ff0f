import type { ContentStrings } from './i18n';

/** Props of the floating button. */
export interface FeedbackButtonProps {
  strings: ContentStrings;
  corner: string;
  offset: { dx: number; dy: number };
  collapsed: boolean;
  onOpen(): void;
  /** The pointer rests on the button or it has keyboard focus: a click may follow. */
  onIntent(): void;
  /** Position or collapsed state changed by the user; remembered per site. */
  onPlace(state: { dx: number; dy: number; collapsed: boolean }): void;
  signal: AbortSignal;
}

const STEP = 16;
const DRAG_THRESHOLD = 4;

/**
 * The floating "Feedback" button: plain DOM, no framework, because it ships in the content script
 * on every matched page. Movable by drag or Alt+arrow keys, collapsible; all listeners end with `signal`.
 */
export function FeedbackButton(props: FeedbackButtonProps): HTMLElement & { setCount(text: string): void } {
  const { strings, signal } = props;
  const root = document.createElement('div');
  root.className = 'root';
  root.dataset.corner = props.corner;
  let { dx, dy } = props.offset;
  let collapsed = props.collapsed;

  const open = document.createElement('button');
  open.className = 'open';
  open.type = 'button';
  open.textContent = strings.button;
  open.setAttribute('aria-label', strings.buttonLabel);
  open.title = `${strings.buttonLabel} (${strings.moveHint})`;

  // Officers' questions open on this screen (issue #18): a count, never more, worded by the background
  // ("1 Frage"; '' for none), which also matches.
  const count = document.createElement('span');
  count.className = 'count';
  const setCount = (text: string) => {
    count.textContent = text;
    open.setAttribute('aria-label', text ? `${strings.buttonLabel} – ${text}` : strings.buttonLabel);
    // Tells tests the background has answered (also with none); the count itself shows only from 1.
    root.dataset.q = text;
  };

  const toggle = document.createElement('button');
  toggle.className = 'toggle';
  toggle.type = 'button';

  const apply = () => {
    root.style.setProperty('--dx', `${dx}px`);
    root.style.setProperty('--dy', `${dy}px`);
    root.toggleAttribute('data-collapsed', collapsed);
    toggle.textContent = collapsed ? '◂' : '▸';
    toggle.setAttribute('aria-label', collapsed ? strings.expand : strings.collapse);
    toggle.setAttribute('aria-expanded', String(!collapsed));
  };
  apply();
  const place = () => props.onPlace({ dx, dy, collapsed });

  // Offsets are measured from the anchored corner, so moving towards it shrinks them.
  const right = props.corner.endsWith('right');
  const bottom = props.corner.startsWith('bottom');
  const clamp = (value: number, max: number) => Math.min(Math.max(0, value), Math.max(0, max));
  const moveBy = (x: number, y: number) => {
    dx = clamp(dx + (right ? -x : x), innerWidth - 60);
    dy = clamp(dy + (bottom ? -y : y), innerHeight - 40);
    apply();
  };

  // A pointer reaching the button or focus landing on it comes a few hundred milliseconds before the
  // click: time enough to get the note dialog ready without preparing one on every page load.
  open.addEventListener('pointerenter', () => props.onIntent(), { signal });
  open.addEventListener('focus', () => props.onIntent(), { signal });

  let drag: { x: number; y: number; moved: boolean } | undefined;
  open.addEventListener(
    'pointerdown',
    (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, moved: false };
      open.setPointerCapture(event.pointerId);
    },
    { signal },
  );
  open.addEventListener(
    'pointermove',
    (event) => {
      if (!drag) return;
      const x = event.clientX - drag.x;
      const y = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(x, y) < DRAG_THRESHOLD) return;
      drag.moved = true;
      root.toggleAttribute('data-dragging', true);
      moveBy(x, y);
      drag.x = event.clientX;
      drag.y = event.clientY;
    },
    { signal },
  );
  open.addEventListener(
    'pointerup',
    () => {
      if (drag?.moved) place();
      root.toggleAttribute('data-dragging', false);
      // A drag is not a click: remember it until the click event that follows.
      open.dataset.dragged = drag?.moved ? '1' : '';
      drag = undefined;
    },
    { signal },
  );
  open.addEventListener(
    'click',
    (event) => {
      // Only the person opens the dialog: the page's own `button.click()` is not trusted (issue #14).
      if (!event.isTrusted) return;
      if (open.dataset.dragged === '1') {
        open.dataset.dragged = '';
        return;
      }
      props.onOpen();
    },
    { signal },
  );
  open.addEventListener(
    'keydown',
    (event) => {
      if (!event.altKey) return;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [-STEP, 0],
        ArrowRight: [STEP, 0],
        ArrowUp: [0, -STEP],
        ArrowDown: [0, STEP],
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      moveBy(...move);
      place();
    },
    { signal },
  );
  toggle.addEventListener(
    'click',
    () => {
      collapsed = !collapsed;
      apply();
      place();
      (collapsed ? toggle : open).focus();
    },
    { signal },
  );

  open.append(count);
  root.append(open, toggle);
  return Object.assign(root, { setCount });
}
