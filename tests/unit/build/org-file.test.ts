import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionIdOf, loadOrgBuild, OrgFileError, readOrgFile } from '../../../scripts/build/org-file';
import { createKey } from '../../../scripts/build/package';
import { CHROMIUM_EXTENSION_ID, CHROMIUM_PUBLIC_KEY } from '../../../utils/extension-id';

const work = mkdtempSync(path.join(tmpdir(), 'mitsprache-org-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GOOD = {
  name: 'Jobcenter Beispielkreis',
  sites: [{ pattern: 'https://allegro.beispielkreis.example/*', app: 'ALLEGRO' }],
  endpoint: 'https://feedback.beispielkreis.example/api/v1/feedback',
  chromium: {
    keyFile: 'org.pem',
    updateUrl: 'https://intranet.beispielkreis.example/mitsprache/updates.xml',
  },
  firefox: { id: 'mitsprache@beispielkreis.example' },
};

function write(name: string, content: unknown): string {
  const file = path.join(work, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The error message for an org file, or '' when it is valid. */
function problem(content: unknown): string {
  try {
    readOrgFile(write('org.json', content));
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(OrgFileError);
    return (error as Error).message;
  }
}

describe('the organisation file', () => {
  it('accepts a complete file, filling the site defaults of the settings schema', () => {
    expect(problem(GOOD)).toBe('');
    const org = readOrgFile(write('org.json', GOOD));
    expect(org.sites[0]).toEqual({
      ...GOOD.sites[0],
      screenSelectors: [],
      allowedParams: [],
      sensitiveSelectors: [],
    });
  });

  it.each([
    [
      'a site pattern',
      { sites: [{ pattern: 'allegro.example', app: 'A' }] },
      'sites[0].pattern: not a match pattern',
    ],
    [
      'a site without name',
      { sites: [{ pattern: 'https://a.example/*' }] },
      'sites[0].app: missing (required)',
    ],
    [
      'a repeated site',
      { sites: [...GOOD.sites, ...GOOD.sites] },
      'sites[1].pattern: repeats an earlier site pattern',
    ],
    ['an http endpoint', { endpoint: 'http://feedback.example/api' }, 'endpoint: must be an https address'],
    ['a typo', { endpiont: 'https://x.example/' }, 'endpiont'],
    [
      'an http update address',
      { chromium: { keyFile: 'k.pem', updateUrl: 'http://intranet.example/u.xml' } },
      'chromium.updateUrl: must be an https address',
    ],
    [
      'a missing key file name',
      { chromium: { updateUrl: GOOD.chromium.updateUrl } },
      'chromium.keyFile: missing (required)',
    ],
    ['a gecko id', { firefox: { id: 'mitsprache' } }, 'firefox.id: not a Firefox add-on id'],
  ])('names the field of %s', (_, change, message) => {
    expect(problem({ ...GOOD, ...change })).toContain(message);
  });

  it('names the file when it is not JSON', () => {
    expect(problem('{ name: Beispielkreis')).toMatch(/org\.json: cannot read it as JSON/);
  });

  it('derives the extension id from the key as Chromium does (the product key gives the pinned id)', () => {
    expect(extensionIdOf(Buffer.from(CHROMIUM_PUBLIC_KEY, 'base64'))).toBe(CHROMIUM_EXTENSION_ID);
  });

  it('resolves the key next to the org file: the manifest key and id', () => {
    const org = write('with-key.json', { ...GOOD, chromium: { ...GOOD.chromium, keyFile: 'org.pem' } });
    createKey(path.join(work, 'org.pem'));
    const build = loadOrgBuild(org);
    expect(build.chromium?.id).toBe(extensionIdOf(Buffer.from(build.chromium?.key ?? '', 'base64')));
    expect(build.hostPermissions).toEqual([
      'https://allegro.beispielkreis.example/*',
      'https://feedback.beispielkreis.example/*',
    ]);
  });

  it('never overwrites a key: a new key would be a new extension', () => {
    const keyFile = path.join(work, 'keep.pem');
    createKey(keyFile);
    const before = readFileSync(keyFile, 'utf8');
    expect(() => createKey(keyFile)).toThrow(/EEXIST/);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });
});
