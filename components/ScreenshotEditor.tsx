import { useEffect, useRef, useState } from 'preact/hooks';
import type { Screenshot } from '../utils/schema/record';
import { SCREENSHOT_MAX_BYTES, SCREENSHOT_QUALITIES } from '../utils/screenshot/limits';

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

  const finish = (event: PointerEvent) => {
    const start = drag.current;
    drag.current = undefined;
    const c = canvas.current;
    if (!start || !c) return;
    const end = point(event);
    const ctx = c.getContext('2d');
    if (!ctx || Math.abs(end.x - start.x) < 3 || Math.abs(end.y - start.y) < 3) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(
      Math.min(start.x, end.x),
      Math.min(start.y, end.y),
      Math.abs(end.x - start.x),
      Math.abs(end.y - start.y),
    );
    // Black boxes only make the image simpler, so the first quality nearly always fits.
    let dataUrl = '';
    for (const quality of SCREENSHOT_QUALITIES) {
      dataUrl = c.toDataURL('image/jpeg', quality);
      if (dataUrl.length * 0.75 <= SCREENSHOT_MAX_BYTES) break;
    }
    setHistory([...history, shot]);
    onChange({ ...shot, dataUrl, maskCount: shot.maskCount + 1 });
  };

  return (
    <figure class="screenshot">
      <figcaption>
        {labels.title} <span class="hint">{labels.hint}</span>
      </figcaption>
      <canvas
        ref={canvas}
        data-testid="screenshot"
        role="img"
        aria-label={labels.title}
        onPointerDown={(event) => {
          drag.current = point(event);
          (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
        }}
        onPointerUp={finish}
      />
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
