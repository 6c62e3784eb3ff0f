import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import type { Screenshot } from '../schema/record';
import { dataUrlBytes } from '../screenshot/base64';
import { type MaskBox, maskImage } from '../screenshot/mask-image';

/**
 * How the browser hands us the unmasked picture. JPEG, not PNG: Chrome's PNG encoder took ~140 ms
 * of a 1280×800 capture and its decode another ~50 ms, JPEG a fraction of both. At quality 100 the
 * only loss is invisible rounding, and masks are painted over the decoded pixels either way, so
 * what is under a box is black whichever format carried it here.
 */
const CAPTURE_FORMAT = { format: 'jpeg', quality: 100 } as const;

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
