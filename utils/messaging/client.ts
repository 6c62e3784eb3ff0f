import { browser } from 'wxt/browser';
import { AppError, isErrorCode } from '../errors';
import type { Envelope } from './envelope';
import type { MessageType, RequestOf, ResponseOf } from './protocol';

/**
 * Sends a typed message to the background. Imports the protocol for types only, so the content script
 * that uses this doesn't bundle zod; the background validates.
 */
export async function send<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = await ask(type, data);
  if (!reply || typeof reply !== 'object') throw new AppError('internal', `no reply to ${type}`);
  if (reply.ok) return reply.data;
  throw new AppError(isErrorCode(reply.error?.code) ? reply.error.code : 'internal');
}

/**
 * send() for the content script, which never shows or branches on an error code: a failure is only a
 * rejection. It leaves the list of codes that send() checks against out of every page (issue #20).
 */
export async function sendFromPage<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const reply = await ask(type, data);
  if (reply?.ok) return reply.data;
  throw new Error(`${type} failed`);
}

const ask = <K extends MessageType>(type: K, data: RequestOf<K>) =>
  browser.runtime.sendMessage({ type, data }) as Promise<Envelope<ResponseOf<K>> | undefined>;
