import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadLexiconFromDisk } from '../../utils/redact/lexicon-node';

// Every unit test starts from an empty in-memory browser (storage, alarms, runtime listeners).
beforeEach(() => {
  fakeBrowser.reset();
});

// The redactor's name and word lists, as the background loads them before it stores anything.
loadLexiconFromDisk();

// Caseworkers' browsers are German (as in the end-to-end tests, tests/e2e/support/browser.ts); happy-dom
// says en-US. A getter on the prototype, so a test can still spy on it for another language.
// Files that run in Node's own environment (`@vitest-environment node`) have no navigator on Node 20.
if (typeof navigator !== 'undefined') {
  Object.defineProperty(Object.getPrototypeOf(navigator), 'language', {
    configurable: true,
    get: () => 'de-DE',
  });
}
