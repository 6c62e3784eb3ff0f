import { z } from 'zod';
import { MatchPattern, Site } from '../../schema/settings';
import { FieldIssue, SettingsPageState, SettingsStatus } from '../../schema/settings-status';
import { Ok, type ProtocolSpec } from './shared';

/** Which site to enable in which tab (popup card). */
export const EnableSite = z.object({
  tabId: z.number().int().nonnegative(),
  pattern: MatchPattern,
  app: Site.shape.app,
});
export type EnableSite = z.infer<typeof EnableSite>;

/** Reply to 'settings:save': saved (with the new state), or the field issues and nothing saved. */
export const SaveReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: SettingsPageState }),
  z.object({ ok: z.literal(false), issues: z.array(FieldIssue) }),
]);
export type SaveReply = z.infer<typeof SaveReply>;

/** Messages of the settings page and policy: read, validate, save, test connection, sites. */
export const settingsProtocol = {
  /**
   * Popup: effective settings without the token, locked keys, policy warnings and the permission
   * state of every site (so revoked permissions are shown, not silently broken).
   */
  'settings:view': { from: 'page', request: z.object({}).strict(), response: SettingsStatus },
  /** Settings page: the same plus the locally stored token, which the page shows masked. */
  'settings:get': { from: 'page', request: z.object({}).strict(), response: SettingsPageState },
  /**
   * Settings page: replace the local settings. The payload is checked against the settings schema
   * here, in the background, whatever the page checked; locked keys keep their local value.
   */
  'settings:save': { from: 'page', request: z.object({ settings: z.unknown() }), response: SaveReply },
  /**
   * Settings page: `GET {endpoint}/check`. Without `token`, the token in force is used, and only
   * towards the endpoint in force. Fails with an endpoint_* error code.
   */
  'settings:test-connection': {
    from: 'page',
    request: z.object({ endpoint: z.string().max(2000), token: z.string().max(500).optional() }),
    response: z.object({ service: z.string(), schemaVersions: z.array(z.number().int()) }),
  },
  /**
   * Popup ("enable feedback on this page"), sent just before the permission prompt: finish the enable
   * in the background when the permission arrives, because Firefox closes the popup when its prompt
   * opens and the popup's own code after the prompt never runs.
   */
  'sites:enable-intent': { from: 'page', request: EnableSite, response: Ok },
  /**
   * Popup, once the page holds host permission for `pattern`: add the site, register the content
   * script and run it in `tabId` at once. `shown`: the button is in the tab now (false when the tab
   * could not be reached; it appears on the next load).
   */
  'sites:enable': { from: 'page', request: EnableSite, response: z.object({ shown: z.boolean() }) },
} as const satisfies ProtocolSpec;
