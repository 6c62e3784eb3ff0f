import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Four suites with one runner: unit (fake browser, fake IndexedDB, happy-dom), collector
// (the real server over HTTP on a real SQLite file), e2e (the built extension in real Chromium) and
// firefox (the built Firefox package in Firefox ESR over WebDriver BiDi).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        test: {
          name: 'collector',
          include: ['tests/collector/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Conditions in a real browser settle in seconds, not in vitest's default one second.
          expect: { poll: { timeout: 20_000, interval: 50 } },
          // One Chromium at a time: two cores, and each test owns a browser profile.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 20_000, interval: 50 } },
          // One Firefox at a time, and never beside a Chromium of the e2e project (same two cores).
          fileParallelism: false,
        },
      },
    ],
  },
});
