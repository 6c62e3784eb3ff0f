import type { z } from 'zod';
import { captureProtocol } from './protocol/capture';
import { outageProtocol } from './protocol/outage';
import { outboxProtocol } from './protocol/outbox';
import { questionsProtocol } from './protocol/questions';
import { settingsProtocol } from './protocol/settings';
import type { ProtocolSpec } from './protocol/shared';

export type { ContentConfig, DialogSetup, SenderKind } from './protocol/shared';

/**
 * The one message map: every message has a request schema, a response schema and the kind of
 * sender allowed to send it. The background validates payload and sender, because content scripts
 * run next to untrusted pages. Parts live in ./protocol/ by capability; tests/unit/messaging/protocol.test.ts
 * checks that every message has a handler and that no two parts define the same type.
 */
export const protocol = {
  ...captureProtocol,
  ...outboxProtocol,
  ...outageProtocol,
  ...settingsProtocol,
  ...questionsProtocol,
} as const satisfies ProtocolSpec;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.input<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<Protocol[K]['response']>;
/** Sends one typed message and resolves with its reply: `client.ts`'s `send`, or a stand-in in tests. */
export type Send = <K extends MessageType>(type: K, data: RequestOf<K>) => Promise<ResponseOf<K>>;

/** Broadcasts from the background to extension pages (ignored by the router). */
export type Broadcast =
  | { type: 'broadcast'; event: 'capture:element'; captureId: string }
  /** A tab may now be photographed (entrypoints/background/tab-grants.ts); open dialogs ask again. */
  | { type: 'broadcast'; event: 'grant' };

/** Messages the background sends to content scripts (trusted: only the extension can send them). */
export type ToContent =
  | { type: 'ui:open' }
  | { type: 'ui:close'; captureId: string; notice?: 'saved' | 'draft-kept' }
  | { type: 'picker:start'; captureId: string }
  | { type: 'shot:prepare' }
  | { type: 'shot:done' };
