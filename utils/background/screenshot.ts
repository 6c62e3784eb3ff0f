import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import type { Screenshot } from '../schema/record';
import { dataUrlBytes } from '../screenshot/base64';
import { type MaskBox, maskImage } from '../screenshot/mask-image';

/**
 * How the browser hands us the unmasked picture. JPEG, not PNG: the PNG's decode cost ~50 ms of a
 * 1280×800 screenshot. Quality 92, not 100: the picture is re-encoded at ≤ 0.8 anyway, and at 100 it
 * grew by half (330 vs 204 KB here), which every copy, the base64 decode and the Blob read pay for.
 * Masks are painted over the decoded pixels with a pixel of margin, so what is under a box is black
 * whichever format carried it here; what JPEG's 8×8 blocks can carry across a box edge is a level or
 * two of noise in the pixels beside it, not readable content.
 */
const CAPTURE_FORMAT = { format: 'jpeg', quality: 92 } as const;

/**
 * Takes the visible tab with our own UI hidden, masks every form field, table body cell, definition
 * and configured sensitive element, and returns the masked image. Chrome allows captureVisibleTab
 * only with activeTab (granted when the user opens Mitsprache from the toolbar or the shortcut) or
 * <all_urls>; without either the caller gets screenshot_needs_gesture.
 */
export async function takeMaskedScreenshot(tabId: number): Promise<Screenshot> {
  const [tab, prepared] = await Promise.all([
    browser.tabs.get(tabId),
    browser.tabs.sendMessage(tabId, { type: 'shot:prepare' }, { frameId: 0 }) as Promise<
      { boxes: MaskBox[]; scale: number } | undefined
    >,
  ]);
  if (!prepared) throw new AppError('no_content_script');
  let captured: string;
  try {
    captured = await browser.tabs.captureVisibleTab(tab.windowId, CAPTURE_FORMAT);
  } catch (error) {
    const message = String(error);
    throw new AppError(
      /activeTab|all_urls|permission/i.test(message) ? 'screenshot_needs_gesture' : 'screenshot_failed',
      message,
    );
  } finally {
    // Our UI comes back while we mask; nothing waits for it.
    void browser.tabs.sendMessage(tabId, { type: 'shot:done' }, { frameId: 0 }).catch(() => undefined);
  }
  const bytes = dataUrlBytes(captured);
  if (!bytes) throw new AppError('screenshot_failed', 'not a data URL');
  return maskImage(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
    prepared.boxes,
    prepared.scale,
  );
}
