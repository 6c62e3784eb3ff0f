/**
 * Defaults baked in at build time, for `npm start` (points the extension at the local collector) and
 * for organisations that build their own package (scripts/build/org-file.ts sets these variables from
 * the org file). Empty in a normal build: then records wait until an endpoint is set by the settings
 * page or by policy, and no site is configured. Outside a Vite build (collector, Node tests)
 * import.meta.env does not exist and the defaults are empty too.
 */
const env = (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};

export const BUILD_DEFAULT_ENDPOINT = env.WXT_DEFAULT_ENDPOINT ?? '';
export const BUILD_DEFAULT_TOKEN = env.WXT_DEFAULT_TOKEN ?? '';
/** The org file's sites as JSON (checked against the Site schema by the build and again by settings). */
export const BUILD_DEFAULT_SITES: unknown = JSON.parse(env.WXT_DEFAULT_SITES || '[]');
