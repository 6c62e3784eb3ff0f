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
