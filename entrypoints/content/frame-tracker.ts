import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FRAME_PROBE, type FrameProbe } from '../../utils/capture/frame-probe';
import { loadPageTools } from './page-tools';

/**
 * Which frame the user is working in, for iframe and frameset applications: one button in the top
 * frame, context from the frame last clicked or focused. Only a timestamp is kept, in this frame's
 * memory, and nothing leaves the frame until the user asks for feedback — then the background reads
 * it through scripting.executeScript (which runs in this same isolated world).
 */
/** "top>frame[1]>frame[0]": where this frame sits in the tab. */
export function framePath(win: Window = window): string {
  const parts: string[] = [];
  for (let w: Window = win; w !== w.parent; w = w.parent) {
    parts.unshift(`frame[${Array.prototype.indexOf.call(w.parent.frames, w)}]`);
  }
  return ['top', ...parts].join('>');
}

export function trackFrame(ctx: ContentScriptContext): void {
  const probe: FrameProbe = {
    lastInteraction: 0,
    // The tools that read the page load only when the background asks (entrypoints/background/frames.ts
    // reads the answer of the promise).
    capture: async (options) =>
      (await loadPageTools()).captureContext(document, { ...options, framePath: framePath() }),
  };
  const mark = (event: Event) => {
    // Pressing our own button is not "working in this frame".
    if (event.composedPath().some((node) => (node as Element).localName === 'mitsprache-feedback')) return;
    probe.lastInteraction = Date.now();
  };
  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  for (const type of ['pointerdown', 'focusin'] as const) {
    window.addEventListener(type, mark, { capture: true, passive: true, signal: controller.signal });
  }
  Object.assign(globalThis, { [FRAME_PROBE]: probe });
}
