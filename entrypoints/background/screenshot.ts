import { browser } from 'wxt/browser';
import { FRAME_PROBE, type FrameProbe } from '../../utils/capture/frame-probe';
import { AppError } from '../../utils/errors';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { extractPageTerms } from '../../utils/redact/page-terms';
import type { RedactOptions } from '../../utils/redact/text';
import { RawCapture } from '../../utils/schema/capture';
import type { Screenshot } from '../../utils/schema/record';
import { dataUrlBytes } from '../../utils/screenshot/base64';
import { type MaskBox, maskImage } from '../../utils/screenshot/mask-image';
import { collectTextBlocks, measureTextMasks } from '../../utils/screenshot/text-boxes';
import { blockMasks } from '../../utils/screenshot/text-masks';

/**
 * How the browser hands us the unmasked picture. JPEG, not PNG: the PNG's decode cost ~50 ms of a
 * 1280×800 screenshot. Quality 92, not 100: the picture is re-encoded at ≤ 0.8 anyway, and at 100 it
 * grew by half (330 vs 204 KB here), which every copy, the base64 decode and the Blob read pay for.
 * Masks are painted over the decoded pixels with a pixel of margin, so what is under a box is black
 * whichever format carried it here; what JPEG's 8×8 blocks can carry across a box edge is a level or
 * two of noise in the pixels beside it, not readable content.
 */
const CAPTURE_FORMAT = { format: 'jpeg', quality: 92 } as const;

/** Our UI's host element (entrypoints/content/feedback-ui.ts): its text is ours, and out of the picture. */
const OWN_HOST = 'mitsprache-feedback';
/** Blacked out whole by the content script's mask boxes, so their text need not be read. */
const MASKED_WHOLE = 'tbody td,dd';

/** How the screenshot of one capture is masked. */
export interface ShotMasking {
  /** The options the record's text is redacted with: visible text they mask is blacked out. */
  redaction: RedactOptions;
  /** The site's configured sensitive elements, blacked out whole. */
  sensitiveSelectors: readonly string[];
}

/**
 * Client names from the data regions of every frame of the tab. The record's page terms come from the
 * frame the user worked in (and the top frame), but the picture shows every frame: a name only a
 * framed case file lists must not stay readable in its heading. Each frame's terms are extracted on
 * their own and added up, so one frame's vocabulary never unmasks another frame's names. Frames
 * without our content script (other sites) add nothing; they are blacked out whole if unreadable.
 */
async function framePageTerms(tabId: number): Promise<string[]> {
  const frames = await browser.scripting
    .executeScript({
      target: { tabId, allFrames: true },
      // Async: the probe loads the code that reads the page first (entrypoints/content/page-tools.ts).
      func: async (name: string) =>
        (
          await (globalThis as unknown as Record<string, FrameProbe | undefined>)[name]?.capture({
            screenSelectors: [],
          })
        )?.pageTexts,
      args: [FRAME_PROBE],
    })
    .catch(() => []);
  const terms: string[] = [];
  for (const frame of frames) {
    const texts = RawCapture.shape.pageTexts.safeParse(frame.result);
    if (texts.success) terms.push(...extractPageTerms(texts.data));
  }
  return terms;
}

/**
 * Boxes of the visible text (headings, breadcrumbs, captions, links, labels; in open shadow roots
 * and same-origin frames) that the redactor would mask, so the picture never shows what the text
 * preview shows as [NAME]. The page hands over its visible text per block and later measures the
 * masked characters; the redaction itself runs here, never in the page.
 */
async function textMaskBoxes(tabId: number, masking: ShotMasking): Promise<MaskBox[]> {
  const target = { tabId, frameIds: [0] };
  // The lists the record's text is redacted with: without them the picture would show names the
  // preview masks.
  const [[read], frameTerms] = await Promise.all([
    browser.scripting.executeScript({
      target,
      func: collectTextBlocks,
      args: [[MASKED_WHOLE, ...masking.sensitiveSelectors].join(','), OWN_HOST],
    }),
    framePageTerms(tabId),
    ensureLexicon(),
  ]);
  const texts = read?.result;
  if (!Array.isArray(texts)) throw new AppError('screenshot_failed', 'page text not read');
  const redaction = {
    ...masking.redaction,
    pageTerms: new Set([...(masking.redaction.pageTerms ?? []), ...frameTerms]),
  };
  const masks = texts.map((text) => blockMasks(typeof text === 'string' ? text : null, redaction));
  const [measured] = await browser.scripting.executeScript({ target, func: measureTextMasks, args: [masks] });
  const boxes = measured?.result;
  if (!Array.isArray(boxes)) throw new AppError('screenshot_failed', 'text masks not measured');
  return boxes as MaskBox[];
}

/**
 * Takes the visible tab with our own UI hidden, masks every form field, table body cell, definition,
 * configured sensitive element and visible text the redactor masks, and returns the masked image. Chrome allows captureVisibleTab
 * only with activeTab (granted when the user opens Mitsprache from the toolbar or the shortcut) or
 * <all_urls>; without either the caller gets screenshot_needs_gesture.
 */
export async function takeMaskedScreenshot(tabId: number, masking: ShotMasking): Promise<Screenshot> {
  const [tab, prepared, text] = await Promise.all([
    browser.tabs.get(tabId),
    browser.tabs.sendMessage(tabId, { type: 'shot:prepare' }, { frameId: 0 }) as Promise<
      { boxes: MaskBox[]; scale: number } | undefined
    >,
    // Unreadable text must not be photographed unmasked: failing here fails the screenshot.
    textMaskBoxes(tabId, masking).catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError('screenshot_failed', String(error));
    }),
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
    [...prepared.boxes, ...text],
    prepared.scale,
  );
}
