/**
 * `npm run build`: the packages.
 *
 * - `npm run build`: the plain packages (.output/mitsprache-<version>-chrome.zip and -firefox.zip) with no
 *   site: every site is a runtime permission, set by the settings page or by policy.
 * - `npm run build -- --demo [-b firefox]`: the unpacked build for the demo organisation (demo/org.json)
 *   in .output/chrome-mv3 (firefox-mv3), which `npm start` and the end-to-end tests load.
 * - `npm run build -- --org org.json [--out dir] [--create-key]`: an organisation's own packages for
 *   self-hosting (docs/admin.md): its sites as required host permissions and default settings, its
 *   endpoint, its key and ids; a signed .crx with its update manifest, and the Firefox package with its
 *   own id (and updates.json). `--create-key` writes chromium.keyFile once if it does not exist.
 *
 * A bad org file or key stops the build before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_ORG_FILE } from '../demo-server';
import { loadOrgBuild, type OrgBuild, OrgFileError, readOrgFile } from './org-file';
import { builtVersion, createKey, firefoxUpdates, packChromium } from './package';

/** Runs the WXT CLI; the environment names the org file and the output folder. */
function wxt(args: string[], env: Record<string, string | undefined>): void {
  const result = spawnSync('npx', ['wxt', ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`wxt ${args.join(' ')} failed`);
}

/** A folder name from the organisation's name. */
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-') || 'org';

/** Files an organisation build wrote. */
export interface OrgPackages {
  build: OrgBuild;
  outDir: string;
  version: string;
  crx?: string;
  updateManifest?: string;
  firefoxZip: string;
  firefoxUpdates?: string;
}

/** Checks the org file (and key), then builds and packs; throws OrgFileError before writing anything. */
export async function buildOrg(
  file: string,
  options: { out?: string; createKey?: boolean } = {},
): Promise<OrgPackages> {
  const org = readOrgFile(file);
  if (org.chromium) {
    const keyFile = path.resolve(path.dirname(file), org.chromium.keyFile);
    if (!existsSync(keyFile)) {
      if (!options.createKey) {
        throw new OrgFileError(
          `chromium.keyFile ${keyFile} does not exist. Run once with --create-key to create it, then keep it ` +
            '(docs/admin.md): a new key is a new extension id.',
        );
      }
      createKey(keyFile);
      console.log(`Created ${keyFile}: keep it safe and backed up; it is your extension's id.`);
    }
  }
  const build = loadOrgBuild(file);
  const outDir = path.resolve(options.out ?? path.join('.output', slug(org.name)));
  mkdirSync(outDir, { recursive: true });
  const env = { MITSPRACHE_ORG: path.resolve(file), MITSPRACHE_OUT_DIR: outDir };
  // Chromium's package is the signed .crx made from the unpacked build; Firefox's is the zip (and the
  // sources zip AMO asks for) that AMO signs. `wxt zip` builds first.
  wxt(['build'], env);
  wxt(['zip', '-b', 'firefox'], env);
  const chromeDir = path.join(outDir, 'chrome-mv3');
  const version = builtVersion(chromeDir);
  const packages: OrgPackages = {
    build,
    outDir,
    version,
    firefoxZip: path.join(outDir, `mitsprache-${version}-firefox.zip`),
  };
  if (build.chromium) Object.assign(packages, await packChromium(build.chromium, chromeDir, outDir));
  if (build.firefox) packages.firefoxUpdates = firefoxUpdates(build.firefox, version, outDir);
  return packages;
}

function summary(packages: OrgPackages): string {
  const { build } = packages;
  return [
    `Mitsprache ${packages.version} for ${build.org.name} in ${packages.outDir}`,
    `  Sites without a prompt: ${build.hostPermissions.join(', ') || '(none)'}`,
    build.chromium
      ? `  Chrome/Edge id ${build.chromium.id}: ${packages.crx}, update manifest ${packages.updateManifest}` +
        ` (serve it at ${build.chromium.updateUrl})`
      : '  Chrome/Edge: no chromium section, so no signed .crx (the product id is kept)',
    `  Firefox id ${build.org.firefox?.id ?? '(the product id)'}: ${packages.firefoxZip}` +
      ' (have it signed on AMO as unlisted, see docs/admin.md)' +
      (packages.firefoxUpdates ? `, ${packages.firefoxUpdates}` : ''),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      out: { type: 'string' },
      'create-key': { type: 'boolean' },
      demo: { type: 'boolean' },
      browser: { type: 'string', short: 'b', default: 'chrome' },
    },
  });
  if (values.org) {
    console.log(summary(await buildOrg(values.org, { out: values.out, createKey: values['create-key'] })));
  } else if (values.demo) {
    wxt(['build', '-b', values.browser], { MITSPRACHE_ORG: DEMO_ORG_FILE });
  } else {
    // No org file: the product as published, with no site baked in.
    wxt(['zip'], { MITSPRACHE_ORG: undefined });
    wxt(['zip', '-b', 'firefox'], { MITSPRACHE_ORG: undefined });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof OrgFileError ? error.message : error);
    process.exit(1);
  });
}
