import type { RawCaptureInput } from '../schema/capture';
import type { CaptureOptions } from './context';

/** What each frame's content script exposes in its isolated world for the background to read. */
export interface FrameProbe {
  lastInteraction: number;
  /** A promise when the code that reads the page loads first (the content script's page tools). */
  capture(options: Omit<CaptureOptions, 'framePath'>): RawCaptureInput | Promise<RawCaptureInput>;
}

/** Name of that isolated-world global (see entrypoints/content/frame-tracker.ts, entrypoints/background/frames.ts). */
export const FRAME_PROBE = '__mitspracheFrame';
