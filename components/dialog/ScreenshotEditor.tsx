import { useEffect, useRef, useState } from 'preact/hooks';
import type { Screenshot } from '../../utils/schema/record';
import { SCREENSHOT_MAX_BYTES, SCREENSHOT_QUALITIES } from '../../utils/screenshot/limits';

/** Props of the screenshot preview where the user can black out more. */
export interface ScreenshotEditorProps {
  shot: Screenshot;
  labels: { title: string; hint: string; remove: string; undo: string };
  onChange(shot: Screenshot | undefined): void;
}

/**
 * Shows the already masked screenshot. Dragging paints further black boxes (the result replaces the
 * image, so nothing painted over can be recovered); "remove" drops the screenshot entirely.
 */
export function ScreenshotEditor({ shot, labels, onChange }: ScreenshotEditorProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [history, setHistory] = useState<Screenshot[]>([]);
  const drag = useRef<{ x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    const image = new Image();
    image.onload = () => {
      const c = canvas.current;
      if (!c) return;
      c.width = shot.width;
      c.height = shot.height;
      c.getContext('2d')?.drawImage(image, 0, 0);
    };
    image.src = shot.dataUrl;
  }, [shot]);

  const point = (event: PointerEvent) => {
    const c = canvas.current as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    return {
      x: ((event.clientX - r.left) / r.width) * c.width,
      y: ((event.clientY - r.top) / r.height) * c.height,
    };
  };

  /** Paints a black box (image pixels) and hands on the re-encoded image. */
  const blackOut = (box: Rect) => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || box.width < 3 || box.height < 3) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(box.x, box.y, box.width, box.height);
    // Black boxes only make the image simpler, so the first quality nearly always fits.
    let dataUrl = '';
    for (const quality of SCREENSHOT_QUALITIES) {
      dataUrl = c.toDataURL('image/jpeg', quality);
      if (dataUrl.length * 0.75 <= SCREENSHOT_MAX_BYTES) break;
    }
    setHistory([...history, shot]);
    onChange({ ...shot, dataUrl, maskCount: shot.maskCount + 1 });
  };

  const finish = (event: PointerEvent) => {
    const start = drag.current;
    drag.current = undefined;
    if (!start || !canvas.current) return;
    const end = point(event);
    blackOut({
      x: Math.min(start.x, end.x),
      y: Math.min(start.y, end.y),
      width: Math.abs(end.x - start.x),
      height: Math.abs(end.y - start.y),
    });
  };

  // Keyboard: the focused image shows a frame; arrows move it, Shift + arrows resize it, Enter or Space
  // blacks it out — the same result as dragging with the mouse.
  const [frame, setFrame] = useState<Rect>(() => initialFrame(shot));
  const [focused, setFocused] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    const step = Math.max(4, Math.round(Math.min(shot.width, shot.height) / 40));
    const dx = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
    const dy = event.key === 'ArrowDown' ? step : event.key === 'ArrowUp' ? -step : 0;
    if (dx || dy) {
      event.preventDefault();
      setFrame(event.shiftKey ? resize(frame, dx, dy, shot) : move(frame, dx, dy, shot));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      blackOut(frame);
    }
  };

  return (
    <figure class="screenshot">
      <figcaption>
        {labels.title} <span class="hint">{labels.hint}</span>
      </figcaption>
      <div class="canvas">
        <canvas
          ref={canvas}
          data-testid="screenshot"
          role="img"
          tabIndex={0}
          aria-label={`${labels.title}. ${labels.hint}`}
          onPointerDown={(event) => {
            drag.current = point(event);
            (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
          }}
          onPointerUp={finish}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
        {focused ? (
          <div
            class="mask-frame"
            data-testid="mask-frame"
            aria-hidden="true"
            style={{
              left: `${(frame.x / shot.width) * 100}%`,
              top: `${(frame.y / shot.height) * 100}%`,
              width: `${(frame.width / shot.width) * 100}%`,
              height: `${(frame.height / shot.height) * 100}%`,
            }}
          />
        ) : null}
      </div>
      <div class="actions">
        {history.length ? (
          <button
            type="button"
            onClick={() => {
              onChange(history.at(-1));
              setHistory(history.slice(0, -1));
            }}
          >
            {labels.undo}
          </button>
        ) : null}
        <button type="button" onClick={() => onChange(undefined)}>
          {labels.remove}
        </button>
      </div>
    </figure>
  );
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A quarter of the image, centred: where the keyboard frame starts. */
function initialFrame(shot: Screenshot): Rect {
  const width = Math.round(shot.width / 4);
  const height = Math.round(shot.height / 4);
  return {
    x: Math.round((shot.width - width) / 2),
    y: Math.round((shot.height - height) / 2),
    width,
    height,
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

function move(frame: Rect, dx: number, dy: number, shot: Screenshot): Rect {
  return {
    ...frame,
    x: clamp(frame.x + dx, 0, shot.width - frame.width),
    y: clamp(frame.y + dy, 0, shot.height - frame.height),
  };
}

function resize(frame: Rect, dx: number, dy: number, shot: Screenshot): Rect {
  return {
    ...frame,
    width: clamp(frame.width + dx, 8, shot.width - frame.x),
    height: clamp(frame.height + dy, 8, shot.height - frame.y),
  };
}
