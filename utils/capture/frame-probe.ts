import type { RawCaptureInput } from '../schema/capture';
import type { CaptureOptions } from './context';

/** What each frame's content script exposes in its isolated world for the background to read. */
export interface FrameProbe {
  lastInteraction: number;
  capture(options: Omit<CaptureOptions, 'framePath'>): RawCaptureInput;
}

/** Name of that isolated-world global (see entrypoints/content/frame-tracker.ts, entrypoints/background/frames.ts). */
export const FRAME_PROBE = '__mitspracheFrame';
