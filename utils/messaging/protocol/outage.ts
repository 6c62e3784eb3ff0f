import { z } from 'zod';
import { NOTE_MAX, OutageKind } from '../../schema/record';
import { IncidentStatus } from '../../schema/wire';
import type { ProtocolSpec } from './shared';

/** What the popup's "Störung melden" card shows before anything is stored. */
export const OutageOffer = z.object({
  app: z.string(),
  kind: OutageKind,
  code: z.string().optional(),
  /** The error in words ("Verbindung abgelehnt"), in the UI language. */
  words: z.string(),
  /** Epoch ms of the first failure seen in this episode. */
  since: z.number(),
  /** The screen the caseworker tried to reach, as a redacted route template. */
  routeTemplate: z.string(),
  /** The note stored when the caseworker types none. */
  note: z.string(),
  /** How many reports of this outage this device has stored already. */
  reported: z.number().int().nonnegative(),
  /** What the officers said about it, if a status poll brought the incident of one of those reports. */
  incident: IncidentStatus.optional(),
});
export type OutageOffer = z.infer<typeof OutageOffer>;

const TabRef = z.object({ tabId: z.number().int(), tabUrl: z.string().max(8000) });

/** Messages of the outage report (issue #17): the popup's card over a failed page. */
export const outageProtocol = {
  /** Popup: whether the tab shows a failure of a configured application, and what the card says. */
  'outage:offer': { from: 'page', request: TabRef, response: z.object({ offer: OutageOffer.nullable() }) },
  /**
   * Popup: store the outage report for this tab, with the caseworker's note or the generated one.
   * Resolves after the IndexedDB transaction committed; queued for sync like every note.
   */
  'outage:report': {
    from: 'page',
    request: TabRef.extend({
      note: z
        .string()
        .max(NOTE_MAX * 10)
        .optional(),
      /** The popup's own screen: the background has no window to ask. */
      screen: z.object({
        width: z.number().int().nonnegative(),
        height: z.number().int().nonnegative(),
        pixelRatio: z.number().positive(),
      }),
      uiLanguage: z.string().max(35),
    }),
    response: z.object({ id: z.uuid() }),
  },
} as const satisfies ProtocolSpec;
