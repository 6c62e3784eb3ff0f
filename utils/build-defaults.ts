/**
 * Defaults baked in at build time, for `npm start` (points the extension at the local collector) and
 * for organisations that build their own package. Empty in a normal build: then records wait until an
 * endpoint is set by the settings page or by policy. Outside a Vite build (collector, Node tests)
 * import.meta.env does not exist and the defaults are empty too.
 */
const env = (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};

export const BUILD_DEFAULT_ENDPOINT = env.WXT_DEFAULT_ENDPOINT ?? '';
export const BUILD_DEFAULT_TOKEN = env.WXT_DEFAULT_TOKEN ?? '';
