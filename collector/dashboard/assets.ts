import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetUrls } from './views/layout';

/** A static file the dashboard serves. */
export interface Asset {
  body: string;
  type: string;
  /** Short content hash, put into the URL so browsers may cache the file until it changes. */
  version: string;
  /** Whether the sign-in page needs it (then it is served without a session). */
  public: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function load(file: string, type: string, isPublic: boolean): Asset {
  const body = readFileSync(file, 'utf8');
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type, version, public: isPublic };
}

/**
 * The dashboard's own script and style sheet, and uPlot from node_modules (served by the collector
 * itself: the CSP allows scripts and styles from 'self' only, and officers' networks often block CDNs).
 */
export function loadAssets(): Map<string, Asset> {
  return new Map([
    ['dashboard.css', load(path.join(here, 'assets/dashboard.css'), 'text/css; charset=utf-8', true)],
    ['dashboard.js', load(path.join(here, 'assets/dashboard.js'), 'text/javascript; charset=utf-8', false)],
    [
      'uplot.js',
      load(require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8', false),
    ],
    ['uplot.css', load(require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8', false)],
  ]);
}

/** Versioned URLs of the assets, for the pages. */
export function assetUrls(assets: ReadonlyMap<string, Asset>): AssetUrls {
  const url = (name: string) => `/dashboard/assets/${name}?v=${assets.get(name)?.version ?? '0'}`;
  return {
    css: url('dashboard.css'),
    js: url('dashboard.js'),
    uplotJs: url('uplot.js'),
    uplotCss: url('uplot.css'),
  };
}
