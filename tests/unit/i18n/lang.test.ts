import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { captureHandlers } from '../../../entrypoints/background/capture-handlers';
import { uiLang } from '../../../utils/i18n/lang';
import { roleLabel } from '../../../utils/i18n/roles';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import { harness, resetDb } from '../../support/outbox';

// Issue #16, item 7: one rule for the UI language on every surface — the settings' choice first, then
// the browser's preferred language. The dialog used to follow navigator.language, popup and options
// getUILanguage(), so a browser whose UI pack and preference differ showed two languages.

/** A browser whose UI is English while its content-language preference is German (or the reverse). */
function browserWith(ui: string, preferred: string) {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(ui);
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(preferred);
}

const dialogSender = {
  id: browser.runtime.id,
  url: browser.runtime.getURL('/note-dialog.html'),
  tab: { id: 7 } as never,
  frameId: 3,
};

async function languages(settings: Partial<Settings>) {
  const current = { ...DEFAULT_SETTINGS, ...settings };
  const capture = captureHandlers({ settings: async () => current, onRecordSaved: () => {} });
  const dialog = (await capture['dialog:form']({}, dialogSender)).lang;
  const button = (await capture['content:config']({}, { ...dialogSender, url: 'https://example.org/' })).lang;
  const popup = (await harness(settings).send('outbox:setup', {})).lang;
  return { dialog, button, popup, options: uiLang(current.uiLanguage) };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await resetDb();
});

describe('the UI language', () => {
  it.each([
    ['auto, English browser UI, German preference', 'auto', 'en-US', 'de-DE', 'de'],
    ['auto, German browser UI, English preference', 'auto', 'de-DE', 'en-US', 'en'],
    ['German chosen, English browser', 'de', 'en-US', 'en-US', 'de'],
    ['English chosen, German browser', 'en', 'de-DE', 'de-DE', 'en'],
  ] as const)('is the same on every surface: %s', async (_name, setting, ui, preferred, expected) => {
    browserWith(ui, preferred);
    expect(await languages({ uiLanguage: setting })).toEqual({
      dialog: expected,
      button: expected,
      popup: expected,
      options: expected,
    });
  });
});

describe('role words', () => {
  it.each([
    ['tab', 'de', 'Reiter'],
    ['tab', 'en', 'Tab'],
    ['button', 'de', 'Schaltfläche'],
    ['kol-button', 'de', 'Element'],
    ['constructor', 'de', 'Element'],
  ] as const)('names the role %s in %s as %s', (role, lang, word) => {
    expect(roleLabel(role, lang)).toBe(word);
  });
});
