import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import type { Screenshot } from '../schema/record';

/** Stored screenshots stay under this many bytes (JPEG). */
export const SCREENSHOT_MAX_BYTES = 200_000;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Blacks out `boxes` (CSS pixels, viewport coordinates; `scale` = device pixel ratio) and re-encodes
 * as JPEG under SCREENSHOT_MAX_BYTES, shrinking quality, then size, as needed. The unmasked image
 * exists only in this function's memory.
 */
export async function maskImage(source: Blob, boxes: readonly Box[], scale: number): Promise<Screenshot> {
  const bitmap = await createImageBitmap(source);
  let width = bitmap.width;
  let height = bitmap.height;
  const full = new OffscreenCanvas(width, height);
  const ctx = full.getContext('2d');
  if (!ctx) throw new AppError('screenshot_failed', 'no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  ctx.fillStyle = '#000';
  for (const box of boxes) {
    // A pixel of margin: anti-aliased glyph edges must not survive at the box border.
    ctx.fillRect(
      Math.floor(box.x * scale) - 1,
      Math.floor(box.y * scale) - 1,
      Math.ceil(box.width * scale) + 2,
      Math.ceil(box.height * scale) + 2,
    );
  }
  let canvas = full;
  for (let attempt = 0; attempt < 8; attempt++) {
    for (const quality of [0.8, 0.6, 0.45]) {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= SCREENSHOT_MAX_BYTES) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000)
          binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { dataUrl: `data:image/jpeg;base64,${btoa(binary)}`, width, height, maskCount: boxes.length };
      }
    }
    // Still too large: shrink the (already masked) image by a quarter and try again.
    width = Math.max(1, Math.round(width * 0.75));
    height = Math.max(1, Math.round(height * 0.75));
    const smaller = new OffscreenCanvas(width, height);
    smaller.getContext('2d')?.drawImage(canvas, 0, 0, width, height);
    canvas = smaller;
  }
  throw new AppError('screenshot_failed', 'could not compress');
}

/**
 * Takes the visible tab with our own UI hidden, masks every form field, table body cell, definition
 * and configured sensitive element, and returns the masked image. Chrome allows captureVisibleTab
 * only with activeTab (granted when the user opens Mitsprache from the toolbar or the shortcut) or
 * <all_urls>; without either the caller gets screenshot_needs_gesture.
 */
export async function takeMaskedScreenshot(tabId: number): Promise<Screenshot> {
  const tab = await browser.tabs.get(tabId);
  const prepared = (await browser.tabs.sendMessage(tabId, { type: 'shot:prepare' }, { frameId: 0 })) as
    | { boxes: Box[]; scale: number }
    | undefined;
  if (!prepared) throw new AppError('no_content_script');
  let png: string;
  try {
    png = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (error) {
    const message = String(error);
    throw new AppError(
      /activeTab|all_urls|permission/i.test(message) ? 'screenshot_needs_gesture' : 'screenshot_failed',
      message,
    );
  } finally {
    await browser.tabs.sendMessage(tabId, { type: 'shot:done' }, { frameId: 0 }).catch(() => undefined);
  }
  return maskImage(await (await fetch(png)).blob(), prepared.boxes, prepared.scale);
}
