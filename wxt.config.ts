import { defineConfig } from 'wxt';

// Stable id for enterprise policy (ExtensionSettings / 3rdparty): the public half of the
// signing key pins the Chromium extension id; Firefox gets a fixed gecko id.
import { CHROMIUM_PUBLIC_KEY, GECKO_ID } from './utils/extension-id';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: the collector and tests share these modules outside WXT.
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'de',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } } }
      : { key: CHROMIUM_PUBLIC_KEY, minimum_chrome_version: '116' }),
    commands: {
      'open-feedback': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandOpenFeedback__',
      },
    },
    action: { default_title: '__MSG_extName__' },
    web_accessible_resources: [
      {
        resources: ['note-dialog.html'],
        matches: ['http://*/*', 'https://*/*'],
        use_dynamic_url: true,
      },
    ],
  }),
});
