import { spawnSync } from 'node:child_process';
import { createVerify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdOf } from '../../scripts/build/org-file';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { FeedbackUi } from './support/pages';

// `npm run build -- --org org.json` for a sample organisation, once: the packages self-hosting needs,
// and the package itself in Chromium, where its site needs no permission prompt.

/** A host no other build or test grants; the demo app stands in for the organisation's application. */
const SITE_HOST = '127.0.0.4';
const ORG = {
  name: 'Jobcenter Beispielkreis',
  sites: [{ pattern: `http://${SITE_HOST}/*`, app: 'Fachverfahren Beispielkreis' }],
  endpoint: 'https://feedback.beispielkreis.example/api/v1/feedback',
  chromium: {
    keyFile: 'beispielkreis.pem',
    updateUrl: 'https://intranet.beispielkreis.example/mitsprache/updates.xml',
  },
  firefox: {
    id: 'mitsprache@beispielkreis.example',
    updateUrl: 'https://intranet.beispielkreis.example/mitsprache/updates.json',
  },
};

let work: string;
let out: string;

/** Runs the build script as an administrator does. */
function build(orgFile: string, ...args: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/build/index.ts', '--org', orgFile, '--out', out, ...args], {
    encoding: 'utf8',
  });
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(out, dir, 'manifest.json'), 'utf8'));
const crxFile = () => join(out, `mitsprache-${manifest('chrome-mv3').version}.crx`);

/** Length-delimited fields of a protocol buffer message (all a CRX3 header uses besides varints). */
function fields(message: Buffer): [number, Buffer][] {
  const found: [number, Buffer][] = [];
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < message.length) {
    const key = varint();
    if ((key & 7) === 2) {
      const length = varint();
      found.push([Math.floor(key / 8), message.subarray(at, at + length)]);
      at += length;
    } else varint();
  }
  return found;
}

/** Checks a CRX3 file as Chromium does: its signed id, and the signatures over the signed data and zip. */
function readCrx(file: string): { id: string; verified: boolean[] } {
  const crx = readFileSync(file);
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  const headerEnd = 12 + crx.readUInt32LE(8);
  const header = fields(crx.subarray(12, headerEnd));
  const signedData = header.find(([field]) => field === 10000)?.[1] ?? Buffer.alloc(0);
  const crxId = fields(signedData).find(([field]) => field === 1)?.[1] ?? Buffer.alloc(0);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedData.length);
  const signed = Buffer.concat([
    Buffer.from('CRX3 SignedData\0', 'latin1'),
    length,
    signedData,
    crx.subarray(headerEnd),
  ]);
  const verified = header
    .filter(([field]) => field === 2) // sha256_with_rsa proofs
    .map(([, proof]) => {
      const parts = fields(proof);
      const publicKey = parts.find(([field]) => field === 1)?.[1] ?? Buffer.alloc(0);
      const signature = parts.find(([field]) => field === 2)?.[1] ?? Buffer.alloc(0);
      // The signing key is the one whose id the header names.
      const keyId = extensionIdOf(publicKey);
      return (
        keyId === idOf(crxId) &&
        createVerify('sha256')
          .update(signed)
          .verify({ key: publicKey, format: 'der', type: 'spki' }, signature)
      );
    });
  return { id: idOf(crxId), verified };
}

/** A CRX id's 16 bytes as the extension id (hex digits 0-f written a-p). */
const idOf = (bytes: Buffer) =>
  [...bytes.toString('hex')].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mitsprache-org-build-'));
  out = join(work, 'out');
  writeFileSync(join(work, 'org.json'), JSON.stringify(ORG));
  const result = build(join(work, 'org.json'), '--create-key');
  expect(result.status, result.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an organisation build', () => {
  it('stops at a bad org file with the field named, before writing anything', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...ORG, sites: [{ pattern: 'beispielkreis.example', app: 'X' }] }));
    const previous = out;
    out = join(work, 'bad-out');
    try {
      const result = build(bad);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('sites[0].pattern: not a match pattern');
      expect(existsSync(out)).toBe(false);
    } finally {
      out = previous;
    }
  });

  it('makes the sites and the endpoint required permissions, and carries the key, update address and gecko id', () => {
    // The endpoint's origin too: requests to it skip CORS, so no Firefox UUID need be configured.
    const hosts = [`http://${SITE_HOST}/*`, 'https://feedback.beispielkreis.example/*'];
    const chrome = manifest('chrome-mv3');
    expect(chrome.host_permissions).toEqual(hosts);
    expect(chrome.update_url).toBe(ORG.chromium.updateUrl);
    expect(extensionIdOf(Buffer.from(chrome.key, 'base64'))).toBe(readCrx(crxFile()).id);
    const firefox = manifest('firefox-mv3');
    expect(firefox.host_permissions).toEqual(hosts);
    expect(firefox.browser_specific_settings.gecko).toMatchObject({
      id: ORG.firefox.id,
      update_url: ORG.firefox.updateUrl,
      data_collection_permissions: { required: expect.any(Array) },
    });
    expect(existsSync(join(out, `mitsprache-${manifest('chrome-mv3').version}-firefox.zip`))).toBe(true);
  });

  it('signs the .crx with the organisation’s key, and the update manifests name its id and version', () => {
    const { id, verified } = readCrx(crxFile());
    expect(verified).toEqual([true]);
    const version = manifest('chrome-mv3').version;
    const xml = readFileSync(join(out, 'updates.xml'), 'utf8');
    expect(xml).toContain(`<app appid='${id}'>`);
    expect(xml).toContain(
      `<updatecheck codebase='https://intranet.beispielkreis.example/mitsprache/mitsprache-${version}.crx' version='${version}' />`,
    );
    const updates = JSON.parse(readFileSync(join(out, 'updates.json'), 'utf8'));
    expect(updates.addons[ORG.firefox.id].updates).toEqual([
      { version, update_link: `https://intranet.beispielkreis.example/mitsprache/mitsprache-${version}.xpi` },
    ]);
  });

  describe('installed', () => {
    let app: DemoServer;
    let ext: ExtensionBrowser;
    beforeAll(async () => {
      app = await startDemoServer({ host: SITE_HOST, port: 0 });
      ext = await launchWithExtension({ extensionDir: join(out, 'chrome-mv3') });
    });
    afterAll(async () => {
      await ext?.close();
      await app?.close();
    });

    it('shows the button on the organisation’s site with no permission granted by anyone', async () => {
      expect(ext.extensionId).toBe(readCrx(crxFile()).id);
      const held = await ext.worker.evaluate(
        (origin) =>
          (
            globalThis as unknown as { chrome: typeof import('webextension-polyfill') }
          ).chrome.permissions.contains({ origins: [origin] }),
        `http://${SITE_HOST}/*`,
      );
      expect(held).toBe(true);
      const page = await ext.context.newPage();
      await page.goto(`${app.url}/akte/JC-2024-004711/uebersicht`);
      await new FeedbackUi(page).button.waitFor();
    });
  });
});
