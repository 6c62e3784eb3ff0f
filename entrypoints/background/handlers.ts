import { type CaptureDeps, captureHandlers } from './capture-handlers';
import { outageHandlers } from './outages';
import { outboxHandlers } from './outbox-handlers';
import { questionHandlers } from './question-handlers';
import type { Handlers } from './router';
import { settingsHandlers } from './settings-handlers';

export type HandlerDeps = CaptureDeps;

/** The background's answer to every message in the protocol, composed from the capability parts. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...captureHandlers(deps),
    ...outboxHandlers(),
    ...outageHandlers(deps),
    ...settingsHandlers(),
    ...questionHandlers(deps),
  };
}
