import type { ErrorCode } from '../errors';

/** Every reply crosses the boundary in this envelope, so errors arrive as codes, never as thrown text. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode } };

export interface Message<K extends string = string, D = unknown> {
  type: K;
  data: D;
}
