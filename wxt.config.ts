import { defineConfig } from 'wxt';
import { loadOrgBuild, orgBuildEnv } from './scripts/build/org-file';
// Stable id for enterprise policy (ExtensionSettings / 3rdparty): the public half of the
// signing key pins the Chromium extension id; Firefox gets a fixed gecko id.
import { CHROMIUM_PUBLIC_KEY, GECKO_ID } from './utils/extension-id';
import { withoutPort } from './utils/sites/match';

// An organisation build (`npm run build -- --org org.json`, the demo's demo/org.json): its sites become
// required host permissions and default settings, its key and gecko id the extension's identity.
// Without one the package ships no site and asks for every host at runtime.
const orgFile = process.env.MITSPRACHE_ORG;
const org = orgFile ? loadOrgBuild(orgFile) : undefined;
// Vite hands WXT_-prefixed variables from the environment to the bundle (utils/build-defaults.ts);
// values given explicitly (npm start's local collector) win over the file's.
if (org) for (const [name, value] of Object.entries(orgBuildEnv(org.org))) process.env[name] ??= value;

/** The speech bubble (public/icon/mitsprache.svg, rendered by scripts/build/icons.ts). */
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icon/${size}.png`]));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: the collector and tests share these modules outside WXT.
  imports: false,
  manifestVersion: 3,
  // The benchmark builds a variant with its seeding helpers into its own folder (scripts/bench/sync.ts).
  outDir: process.env.MITSPRACHE_OUT_DIR ?? '.output',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
  hooks: {
    // Content scripts get the browser's native promise API instead of webextension-polyfill: Chrome MV3
    // and Firefox both return promises for everything the content script uses, and the polyfill alone
    // would take 3 KB of its 8 KB gzipped budget. Background and extension pages keep the polyfill.
    // (Content-script message listeners answer through sendResponse, which both APIs support.)
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      config.resolve ??= {};
      const native = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      const alias = config.resolve.alias;
      config.resolve.alias = Array.isArray(alias)
        ? [native, ...alias.filter((a) => String(a.find) !== 'wxt/browser')]
        : [
            native,
            ...Object.entries(alias ?? {})
              .filter(([find]) => find !== 'wxt/browser')
              .map(([find, replacement]) => ({ find, replacement: String(replacement) })),
          ];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'de',
    // webRequest: observe (never block) whether top-level loads of the configured sites fail, for the
    // outage report (issue #17, docs/admin.md); the browser reports only hosts we hold permission for.
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage', 'webRequest'],
    // Policy cannot grant optional host permissions, so an organisation's own sites are required ones
    // (no prompt on a force-installed package); every other site is asked for at runtime.
    host_permissions:
      browser === 'firefox'
        ? // Firefox takes no port in a match pattern (bugs 1362809, 1468162): there a site's permission
          // covers its host on every port; the extension still tells the ports apart (utils/sites/match.ts).
          [...new Set(org?.hostPermissions.map(withoutPort))]
        : (org?.hostPermissions ?? []),
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    icons: ICONS,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: org?.firefox?.id ?? GECKO_ID,
              strict_min_version: '128.0',
              ...(org?.firefox?.updateUrl ? { update_url: org.firefox.updateUrl } : {}),
              // Firefox 140+ shows this at install (older ones ignore it): a note carries the screen's
              // cleaned address and name (browsingActivity) and page text or, if the organisation allows
              // it, a screenshot (websiteContent), sent to the organisation's own collector only.
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] },
            },
          },
        }
      : {
          key: org?.chromium?.key ?? CHROMIUM_PUBLIC_KEY,
          ...(org?.chromium ? { update_url: org.chromium.updateUrl } : {}),
          minimum_chrome_version: '116',
          // Enterprise policy for this extension (public/managed_schema.json, docs/admin.md). Firefox reads
          // policies.json "3rdparty" without a schema and does not know this key.
          storage: { managed_schema: 'managed_schema.json' },
        }),
    commands: {
      'open-feedback': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandOpenFeedback__',
      },
    },
    action: { default_title: '__MSG_extName__', default_icon: ICONS },
    web_accessible_resources: [
      {
        // page-tools.js: what the content script loads on the first sign of intent (issue #20), by a module
        // import from the page's isolated world, which needs it web-accessible.
        resources: ['note-dialog.html', 'page-tools.js'],
        matches: ['http://*/*', 'https://*/*'],
        use_dynamic_url: true,
      },
    ],
  }),
});
