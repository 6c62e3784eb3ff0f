import { z } from 'zod';
import { MaskWords } from '../../capture/mask-words';
import { RawCapture, RawElement } from '../../schema/capture';
import { NoteInput, OutageKind, Screenshot } from '../../schema/record';
import {
  CaptureId,
  ContentConfig,
  DialogSetup,
  Empty,
  NoteDraftStored,
  Ok,
  type ProtocolSpec,
} from './shared';

/** What the page shows for a moment after the dialog closed (a save, or a draft kept). */
export const CloseNotice = z.enum(['saved', 'draft-kept']);
export type CloseNotice = z.infer<typeof CloseNotice>;

/**
 * What the note form needs before any capture exists, so a dialog prepared ahead of the click can
 * render (nothing about the page: language, categories, whether screenshots are offered, note limit).
 */
export const DialogForm = DialogSetup.pick({ lang: true, categories: true, screenshotsAllowed: true }).extend(
  {
    noteMax: z.number().int().positive(),
  },
);
export type DialogForm = z.infer<typeof DialogForm>;

/** Messages of the capture path: button, dialog, save. */
export const captureProtocol = {
  /** Content script: what it needs to show the button on this site. */
  'content:config': { from: 'content', request: Empty, response: ContentConfig },
  /** Content script: a frame in this page loaded a document; bring the content script to it too. */
  'content:frame-loaded': { from: 'content', request: Empty, response: Ok },
  /**
   * Content script: the user pressed the button; keep this capture until the dialog saves or closes.
   * The content script picks the id (a random UUID) and hands it to the dialog at the same time, so
   * showing the dialog never waits for this round trip.
   */
  'capture:begin': {
    from: 'content',
    request: z.object({ capture: RawCapture, captureId: z.uuid() }),
    response: Ok,
  },
  /** Dialog: the form's settings; asked before the click by a dialog prepared in advance. */
  'dialog:form': { from: 'page', request: Empty, response: DialogForm },
  /** Dialog: fetch the capture and settings it needs. */
  'dialog:setup': { from: 'page', request: z.object({ captureId: CaptureId }), response: DialogSetup },
  /**
   * Dialog: store the note, with the words the person chose to mask in the preview. Resolves only
   * after the IndexedDB transaction committed.
   */
  'record:save': {
    from: 'page',
    request: z.object({
      captureId: CaptureId,
      input: NoteInput,
      withElement: z.boolean(),
      screenshot: Screenshot.optional(),
      maskWords: MaskWords.optional(),
      /**
       * "Das ist eine Störung" (issue #17): the note reports an outage of the application; the
       * background adds since when and the episode, and stores it as blocking.
       */
      outage: z.object({ kind: OutageKind.extract(['unresponsive', 'error-message']) }).optional(),
    }),
    response: z.object({ id: z.uuid() }),
  },
  /** Dialog: take a masked screenshot of the visible tab (only where the organisation allows it). */
  'screenshot:take': { from: 'page', request: z.object({ captureId: CaptureId }), response: Screenshot },
  /** Dialog: let the user point at the element the note is about. */
  'picker:start': { from: 'page', request: z.object({ captureId: CaptureId }), response: Ok },
  /** Content script: the element the user pointed at (null: none / removed). */
  'capture:element': {
    from: ['content', 'page'],
    request: z.object({ captureId: CaptureId, element: RawElement.nullable() }),
    response: Ok,
  },
  /** Dialog: close the in-page dialog (after save or cancel), with what the page says for a moment. */
  'dialog:close': {
    from: 'page',
    request: z.object({ captureId: CaptureId, notice: CloseNotice.optional() }),
    response: Ok,
  },
  /** Dialog: keep what is typed as the draft of this tab and screen (until saved or discarded). */
  'draft:put': {
    from: 'page',
    request: z.object({ captureId: CaptureId, draft: NoteDraftStored }),
    response: Ok,
  },
  /** Dialog: the user discarded the draft of this tab and screen. */
  'draft:discard': { from: 'page', request: z.object({ captureId: CaptureId }), response: Ok },
  /** Popup: open the note dialog in the active tab (the toolbar path; the shortcut goes through commands). */
  'dialog:open-in-tab': { from: 'page', request: z.object({ tabId: z.number().int() }), response: Ok },
} as const satisfies ProtocolSpec;
