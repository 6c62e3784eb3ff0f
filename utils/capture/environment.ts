import { browser } from 'wxt/browser';

/** Browser name and major version, for the record's context (no full user-agent string: it fingerprints). */
export function browserInfo(): { name: string; version: string } {
  const ua = navigator.userAgent;
  const firefox = /Firefox\/(\d+)/.exec(ua);
  if (firefox) return { name: 'Firefox', version: firefox[1] ?? '' };
  const edge = /Edg\/(\d+)/.exec(ua);
  if (edge) return { name: 'Edge', version: edge[1] ?? '' };
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(ua);
  if (chrome) return { name: 'Chromium', version: chrome[1] ?? '' };
  return { name: 'unknown', version: '' };
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}
