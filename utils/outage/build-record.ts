import type { BuildOptions } from '../capture/build-context';
import { organisationRedaction } from '../capture/build-context';
import { maskCounts, redactNote } from '../capture/build-record';
import {
  type FeedbackRecord,
  newAnswerSecret,
  type Outage,
  RECORD_SCHEMA_VERSION,
  type Reporter,
} from '../schema/record';

/** What the browser tells the background about the device, in place of a content script's capture. */
export interface OutageEnvironment {
  viewport: { width: number; height: number };
  screenSize: { width: number; height: number; pixelRatio: number };
  uiLanguage: string;
}

/**
 * The record of an outage seen on a page no content script runs in (the browser's error page, a bare
 * 5xx page): built by the background from the site settings, the tab and the address the caseworker
 * tried to reach, already redacted when the failure was seen. Category `error`, impact `blocks`.
 * The note is the caseworker's, redacted like every note, or the generated sentence (utils/outage/words.ts).
 */
export function buildOutageRecord(args: {
  id: string;
  createdAt: string;
  note: string;
  /** The redacted address and route template of the screen that failed. */
  page: { url: string; routeTemplate: string };
  outage: Outage;
  reporter: Reporter;
  environment: OutageEnvironment;
  options: BuildOptions;
}): FeedbackRecord {
  const note = redactNote(args.note, { pageTerms: new Set(), ...organisationRedaction(args.options) });
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: args.id,
    createdAt: args.createdAt,
    note: note.text,
    category: 'error',
    impact: 'blocks',
    duringAppointment: false,
    minutesLost: null,
    context: {
      app: args.options.app,
      url: args.page.url,
      routeTemplate: args.page.routeTemplate,
      // The error page's title is the browser's, not the application's: nothing to say about the screen.
      title: '',
      screen: { name: args.page.routeTemplate || args.options.app },
      frame: { path: 'top' },
      viewport: args.environment.viewport,
      screenSize: args.environment.screenSize,
      browser: args.options.browser,
      uiLanguage: args.environment.uiLanguage,
      extensionVersion: args.options.extensionVersion,
      sinceLoadMs: 0,
    },
    reporter: args.reporter,
    redaction: { counts: maskCounts({}, note.counts) },
    outage: args.outage,
    answerSecret: newAnswerSecret(),
  };
}
