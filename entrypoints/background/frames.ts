import { browser } from 'wxt/browser';
import { FRAME_PROBE, type FrameProbe } from '../../utils/capture/frame-probe';
import type { RawCapture } from '../../utils/schema/capture';
import { RawCapture as RawCaptureSchema } from '../../utils/schema/capture';

/**
 * For apps built from iframes or framesets: when the user worked in a subframe more recently than in
 * the top frame, take the screen context from that frame (its heading, step, form…), keeping the top
 * frame's address and title. Any failure keeps the top-frame capture.
 */
export async function preferActiveFrame(
  tabId: number,
  top: RawCapture,
  options: { screenSelectors: string[] },
): Promise<RawCapture> {
  try {
    const probes = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: (name: string) =>
        (globalThis as unknown as Record<string, FrameProbe | undefined>)[name]?.lastInteraction ?? 0,
      args: [FRAME_PROBE],
    });
    const topTime = probes.find((p) => p.frameId === 0)?.result ?? 0;
    const latest = probes
      .filter((p) => p.frameId !== 0 && typeof p.result === 'number' && p.result > (topTime as number))
      .sort((a, b) => (b.result as number) - (a.result as number))[0];
    if (!latest) return top;
    const [inner] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [latest.frameId] },
      func: (name: string, opts: { screenSelectors: string[] }) =>
        (globalThis as unknown as Record<string, FrameProbe | undefined>)[name]?.capture(opts),
      args: [FRAME_PROBE, options],
    });
    const parsed = RawCaptureSchema.safeParse(inner?.result);
    if (!parsed.success) return top;
    const frame = parsed.data;
    return {
      ...frame,
      href: top.href,
      title: top.title,
      breadcrumb: frame.breadcrumb ?? top.breadcrumb,
      navigation: frame.navigation ?? top.navigation,
      viewport: top.viewport,
      pageTexts: {
        data: [...frame.pageTexts.data, ...top.pageTexts.data].slice(0, 3000),
        ui: [...frame.pageTexts.ui, ...top.pageTexts.ui].slice(0, 3000),
        chrome: [...frame.pageTexts.chrome, ...top.pageTexts.chrome].slice(0, 3000),
      },
    };
  } catch {
    return top;
  }
}
