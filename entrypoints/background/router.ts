import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { AppError, toErrorCode } from '../../utils/errors';
import type { Envelope } from '../../utils/messaging/envelope';
import { type MessageType, type Protocol, protocol, type SenderKind } from '../../utils/messaging/protocol';
import type { ProtocolSpec } from '../../utils/messaging/protocol/shared';

/** Handlers for one part of the protocol. */
export type HandlersFor<P extends ProtocolSpec> = {
  [K in keyof P]: (
    data: z.output<P[K]['request']>,
    sender: Runtime.MessageSender,
  ) => Promise<z.output<P[K]['response']>>;
};

/** One handler per message type; the mapped type makes a missing handler a compile error. */
export type Handlers = HandlersFor<Protocol>;

/** Which kind of sender this is, or undefined for anything that is not ours. */
export function senderKind(sender: Runtime.MessageSender): SenderKind | undefined {
  if (sender.id !== browser.runtime.id) return undefined;
  const extensionOrigin = browser.runtime.getURL('/');
  if (sender.url?.startsWith(extensionOrigin)) return 'page';
  if (sender.tab?.id !== undefined) return 'content';
  return undefined;
}

/** Validates, authorises and dispatches one message; always resolves to an envelope. */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: Runtime.MessageSender,
): Promise<Envelope<unknown>> {
  try {
    if (typeof message !== 'object' || message === null || !('type' in message)) {
      throw new AppError('bad_message', 'not a message');
    }
    const { type, data } = message as { type: unknown; data: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(protocol, type)) {
      throw new AppError('bad_message', `unknown type ${String(type)}`);
    }
    const spec: ProtocolSpec[string] = protocol[type as MessageType];
    const kind = senderKind(sender);
    const allowed: readonly SenderKind[] = typeof spec.from === 'string' ? [spec.from] : spec.from;
    if (!kind || !allowed.includes(kind)) throw new AppError('forbidden_sender', type);
    const parsed = spec.request.safeParse(data);
    if (!parsed.success) throw new AppError('bad_message', parsed.error.issues[0]?.message);
    const handler = handlers[type as MessageType] as (
      d: unknown,
      s: Runtime.MessageSender,
    ) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data, sender) };
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[mitsprache]', error);
    return { ok: false, error: { code: toErrorCode(error) } };
  }
}

/** Registers the message router; returns the function that removes it. */
export function registerRouter(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    // Broadcasts between extension pages (e.g. sync state) are not requests for us.
    if (typeof message === 'object' && message && (message as { type?: unknown }).type === 'broadcast') {
      return undefined;
    }
    return dispatch(handlers, message, sender);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
