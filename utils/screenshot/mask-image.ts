import { AppError } from '../errors';
import type { Screenshot } from '../schema/record';
import { bytesToDataUrl } from './base64';
import { SCREENSHOT_MAX_BYTES, SCREENSHOT_QUALITIES } from './limits';

/** A rectangle to black out, in CSS pixels and viewport coordinates. */
export interface MaskBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Blacks out `boxes` (`scale` = device pixel ratio) and re-encodes as JPEG under
 * SCREENSHOT_MAX_BYTES, shrinking quality, then size, as needed. The unmasked image exists only in
 * this function's memory: what leaves it has every box painted over.
 */
export async function maskImage(source: Blob, boxes: readonly MaskBox[], scale: number): Promise<Screenshot> {
  const bitmap = await createImageBitmap(source);
  let width = bitmap.width;
  let height = bitmap.height;
  const full = new OffscreenCanvas(width, height);
  const ctx = full.getContext('2d', { alpha: false });
  if (!ctx) {
    bitmap.close();
    throw new AppError('screenshot_failed', 'no 2d context');
  }
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
    for (const quality of SCREENSHOT_QUALITIES) {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= SCREENSHOT_MAX_BYTES) {
        const dataUrl = bytesToDataUrl(new Uint8Array(await blob.arrayBuffer()), 'image/jpeg');
        return { dataUrl, width, height, maskCount: boxes.length };
      }
    }
    // Still too large: shrink the (already masked) image by a quarter and try again.
    width = Math.max(1, Math.round(width * 0.75));
    height = Math.max(1, Math.round(height * 0.75));
    const smaller = new OffscreenCanvas(width, height);
    smaller.getContext('2d', { alpha: false })?.drawImage(canvas, 0, 0, width, height);
    canvas = smaller;
  }
  throw new AppError('screenshot_failed', 'could not compress');
}
