/**
 * What self-hosting an organisation's package needs, from a finished build: the `.crx` signed with the
 * organisation's key, the update manifest Chrome and Edge poll, and Firefox's updates.json.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import crx3 from 'crx3';
import type { OrgBuild } from './org-file';

/**
 * Writes a new RSA 2048 key (PKCS#8 PEM, readable by its owner only). Refuses to overwrite: the key is
 * the extension's id, and a lost or replaced key means every desk installs a different extension.
 */
export function createKey(keyFile: string): void {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(keyFile, privateKey, { flag: 'wx', mode: 0o600 });
}

/** The version of a built extension folder. */
export function builtVersion(extensionDir: string): string {
  return (JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { version: string })
    .version;
}

const xml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The gupdate manifest for one version at one address. */
export function updateManifest(id: string, version: string, crxUrl: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${xml(id)}'>
    <updatecheck codebase='${xml(crxUrl)}' version='${xml(version)}' />
  </app>
</gupdate>
`;
}

/** Files written for Chromium: the signed package and its update manifest. */
export async function packChromium(
  chromium: NonNullable<OrgBuild['chromium']>,
  extensionDir: string,
  outDir: string,
): Promise<{ crx: string; updateManifest: string }> {
  const version = builtVersion(extensionDir);
  const crxName = `mitsprache-${version}.crx`;
  const crx = path.join(outDir, crxName);
  await crx3([extensionDir], { keyPath: chromium.keyFile, crxPath: crx });
  const manifestFile = path.join(
    outDir,
    path.basename(new URL(chromium.updateUrl).pathname) || 'updates.xml',
  );
  const crxUrl = chromium.crxUrl ?? new URL(crxName, chromium.updateUrl).href;
  writeFileSync(manifestFile, updateManifest(chromium.id, version, crxUrl));
  return { crx, updateManifest: manifestFile };
}

/** Firefox's self-hosted update manifest (updates.json), when the org file gives its address. */
export function firefoxUpdates(
  firefox: NonNullable<OrgBuild['firefox']>,
  version: string,
  outDir: string,
): string | undefined {
  if (!firefox.updateUrl) return undefined;
  const link = firefox.xpiUrl ?? new URL(`mitsprache-${version}.xpi`, firefox.updateUrl).href;
  const file = path.join(outDir, path.basename(new URL(firefox.updateUrl).pathname) || 'updates.json');
  const updates = { addons: { [firefox.id]: { updates: [{ version, update_link: link }] } } };
  writeFileSync(file, `${JSON.stringify(updates, null, 2)}\n`);
  return file;
}
