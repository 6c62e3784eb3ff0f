/**
 * The organisation file (`npm run build -- --org org.json`): what an IT department bakes into its own
 * package so a force-installed extension works without any prompt — its sites (required host
 * permissions and default settings), its collector, and its own identity (Chromium key, gecko id).
 * Read by wxt.config.ts (MITSPRACHE_ORG) for the manifest and the build defaults, and by
 * scripts/build/index.ts for packaging. Sites are the settings' own Site schema.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DUPLICATE, EndpointUrl, MatchPattern, Site } from '../../utils/schema/settings';

/** An https address where the organisation hosts its packages. */
const HttpsUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'https_url');

/** Firefox add-on ids: an email-like id or a {GUID}, as AMO accepts them. */
const GeckoId = z
  .string()
  .trim()
  .max(80)
  .regex(
    /^(?:[a-z0-9-._]*@[a-z0-9-._]+|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i,
    'gecko_id',
  );

export const OrgFile = z.strictObject({
  /** The organisation, for the build's summary and the package folder name. */
  name: z.string().trim().min(1).max(100),
  /** Applications the button appears on: required host permissions and the default sites. */
  sites: z
    .array(Site)
    .max(100)
    .default([])
    .superRefine((sites, ctx) => {
      const seen = new Set<string>();
      sites.forEach((site, index) => {
        const key = site.pattern.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: DUPLICATE, path: [index, 'pattern'] });
        seen.add(key);
      });
    }),
  /** Further hosts the extension may reach without asking, beyond the sites (the demo: this machine). */
  hostPermissions: z.array(MatchPattern).max(100).default([]),
  /** The collector's ingest endpoint, baked in as the default (policy still wins). */
  endpoint: EndpointUrl.optional(),
  /** The ingest token, baked in as the default. Anyone with the package can read it. */
  token: z.string().trim().min(1).max(500).optional(),
  chromium: z
    .strictObject({
      /** The organisation's private key (PKCS#8 PEM), relative to the org file. Keep it; it is the id. */
      keyFile: z.string().trim().min(1),
      /** Where the update manifest will be served; Chrome and Edge poll it. */
      updateUrl: HttpsUrl,
      /** Where the .crx will be served; defaults to mitsprache-<version>.crx next to the update manifest. */
      crxUrl: HttpsUrl.optional(),
    })
    .optional(),
  firefox: z
    .strictObject({
      id: GeckoId,
      /** Where updates.json will be served (self-hosted updates); leave out when AMO hosts the add-on. */
      updateUrl: HttpsUrl.optional(),
      /** Where the signed .xpi will be served; defaults to mitsprache-<version>.xpi next to updates.json. */
      xpiUrl: HttpsUrl.optional(),
    })
    .optional(),
});
export type OrgFile = z.infer<typeof OrgFile>;

/** Readable text for the schemas' error codes (they are codes because the settings page translates them). */
const CODE_TEXT: Record<string, string> = {
  match_pattern: 'not a match pattern such as https://host.example/* (scheme://host[:port]/path)',
  endpoint_insecure: 'must be an https address (http only for localhost / 127.0.0.1)',
  https_url: 'must be an https address',
  gecko_id: 'not a Firefox add-on id (name@domain or {GUID})',
  [DUPLICATE]: 'repeats an earlier site pattern',
};

/** A bad org file: the message names the file and every field at fault. */
export class OrgFileError extends Error {}

/** Reads and checks an org file; throws OrgFileError naming each bad field. Writes nothing. */
export function readOrgFile(file: string): OrgFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OrgFileError(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const result = OrgFile.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length ? z.core.toDotPath(issue.path) : '(top level)';
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return `  ${field}: ${missing ? 'missing (required)' : (CODE_TEXT[issue.message] ?? issue.message)}`;
  });
  throw new OrgFileError(`${file} is not a valid organisation file:\n${lines.join('\n')}`);
}

/** The Chromium extension id of a public key (SPKI DER): SHA-256's first 32 hex digits, 0-f → a-p. */
export function extensionIdOf(publicKeyDer: Uint8Array): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The manifest `key` (base64 SPKI) and id for a private key file. */
export function chromiumIdentity(keyFile: string): { key: string; id: string } {
  let der: Buffer;
  try {
    der = createPublicKey(readFileSync(keyFile)).export({ type: 'spki', format: 'der' });
  } catch (error) {
    throw new OrgFileError(
      `chromium.keyFile ${keyFile}: not a readable private key (${(error as Error).message})`,
    );
  }
  return { key: der.toString('base64'), id: extensionIdOf(der) };
}

/** What an organisation changes in the build, resolved against the org file's folder. */
export interface OrgBuild {
  org: OrgFile;
  /** Required host permissions: the sites, the endpoint's origin, then the extra hosts, each once. */
  hostPermissions: string[];
  chromium?: { keyFile: string; key: string; id: string; updateUrl: string; crxUrl?: string };
  firefox?: OrgFile['firefox'];
}

/** Reads an org file and resolves its key; throws OrgFileError on any fault. */
export function loadOrgBuild(file: string): OrgBuild {
  const org = readOrgFile(file);
  // The endpoint's own origin too: a request to a host the extension holds skips CORS in both browsers,
  // so the collector need not know each Firefox installation's random UUID (docs/collector.md).
  const endpoint = org.endpoint ? [`${new URL(org.endpoint).origin}/*`] : [];
  const hostPermissions = [
    ...new Set([...org.sites.map((site) => site.pattern), ...endpoint, ...org.hostPermissions]),
  ];
  const build: OrgBuild = { org, hostPermissions, firefox: org.firefox };
  if (org.chromium) {
    const keyFile = path.resolve(path.dirname(file), org.chromium.keyFile);
    build.chromium = { ...org.chromium, keyFile, ...chromiumIdentity(keyFile) };
  }
  return build;
}

/**
 * The build defaults an org file sets, as the WXT_DEFAULT_* variables utils/build-defaults.ts reads
 * (Vite hands WXT_-prefixed variables to the bundle). Only what the file names: `npm start` adds its
 * local collector the same way.
 */
export function orgBuildEnv(org: OrgFile): Record<string, string> {
  return {
    WXT_DEFAULT_SITES: JSON.stringify(org.sites),
    ...(org.endpoint ? { WXT_DEFAULT_ENDPOINT: org.endpoint } : {}),
    ...(org.token ? { WXT_DEFAULT_TOKEN: org.token } : {}),
  };
}
