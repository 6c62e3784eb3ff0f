import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_ID, GECKO_ID } from '../../../utils/extension-id';
import { parsePolicy } from '../../../utils/settings/policy';

// The copy-and-paste examples in docs/policy-examples must be policies the extension accepts in full.

const read = (name: string) => readFileSync(resolve('docs/policy-examples', name), 'utf8');

/**
 * Reads the values of one key of a .reg file the way Chrome reads the registry for a policy with a
 * schema: REG_SZ as text (JSON text for lists and objects), dword as integer.
 */
function readRegKey(text: string, key: string): Record<string, unknown> {
  const section = text.split(/^\[/m).find((part) => part.startsWith(`${key}]`)) ?? '';
  const values: Record<string, unknown> = {};
  for (const line of section.split(/\r?\n/).slice(1)) {
    const text = /^"([^"]+)"="(.*)"$/.exec(line);
    const dword = /^"([^"]+)"=dword:([0-9a-f]{8})$/i.exec(line);
    if (text?.[1] && text[2] !== undefined) {
      const raw = text[2].replace(/\\(["\\])/g, '$1');
      values[text[1]] = /^[[{]/.test(raw) ? JSON.parse(raw) : raw;
    } else if (dword?.[1] && dword[2]) {
      values[dword[1]] = Number.parseInt(dword[2], 16);
    }
  }
  return values;
}

const booleans = new Set(['screenshotsAllowed', 'redactAllDates', 'questionsEnabled', 'questionPrompt']);
/** REG_DWORD 0/1 become booleans where the schema says boolean (as Chrome converts them). */
const withBooleans = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, booleans.has(k) ? v === 1 : v]));

describe('docs/policy-examples', () => {
  it('extension-policy.json sets every setting and all of it applies', () => {
    const policy = parsePolicy(JSON.parse(read('extension-policy.json')));
    expect(policy.warnings).toEqual([]);
    expect(policy.locked).toHaveLength(19);
  });

  it('the Linux Chromium file addresses our extension id and applies in full', () => {
    const file = JSON.parse(read('linux-chromium-mitsprache.json'));
    expect(Object.keys(file.ExtensionSettings)).toEqual([CHROMIUM_EXTENSION_ID]);
    const policy = parsePolicy(file['3rdparty'].extensions[CHROMIUM_EXTENSION_ID]);
    expect(policy.warnings).toEqual([]);
    expect(policy.locked).toContain('sites');
  });

  it('the Firefox policies.json addresses our gecko id and applies in full', () => {
    const file = JSON.parse(read('firefox-policies.json'));
    expect(Object.keys(file.policies.ExtensionSettings)).toEqual([GECKO_ID]);
    const policy = parsePolicy(file.policies['3rdparty'].Extensions[GECKO_ID]);
    expect(policy.warnings).toEqual([]);
    expect(policy.locked).toContain('endpoint');
  });

  it.each([
    ['windows-chrome.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
    ['windows-edge.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
  ])('%s force-installs and configures our extension id', (name, root) => {
    const text = read(name);
    expect(text).toMatch(/^Windows Registry Editor Version 5\.00/);
    // regedit reads a "Version 5.00" file as UTF-16 unless it is plain ASCII.
    expect([...text].every((char) => char.charCodeAt(0) < 128)).toBe(true);
    const settings = readRegKey(text, root).ExtensionSettings as Record<string, unknown>;
    expect(Object.keys(settings)).toEqual([CHROMIUM_EXTENSION_ID]);
    const values = withBooleans(
      readRegKey(text, `${root}\\3rdparty\\extensions\\${CHROMIUM_EXTENSION_ID}\\policy`),
    );
    const policy = parsePolicy(values);
    expect(policy.warnings).toEqual([]);
    expect(policy.values.redactionTerms).toEqual(['Beschäftigungsträger Nord gGmbH']);
    expect(policy.values.batchSize).toBe(50);
    expect(policy.locked.sort()).toEqual(Object.keys(values).sort());
  });
});
