import { browser } from 'wxt/browser';

/**
 * A site pattern as the browser's permissions API takes it. Firefox refuses a port in a match
 * pattern ("http://127.0.0.1:5173/*" throws), and its host permissions ignore ports anyway; Chromium
 * takes the pattern as it is. Every permissions.request from a surface goes through here, so the
 * Firefox rule lives in one place (the background's holdsOrigin should use it too).
 */
export function permissionOrigin(pattern: string, firefox = import.meta.env.FIREFOX): string {
  if (!firefox) return pattern;
  // scheme://host:port/path → scheme://host/path; "*" hosts and patterns without a port are unchanged.
  return pattern.replace(/^([a-z*-]+:\/\/[^/:]+):\d+(?=\/)/i, '$1');
}

/**
 * Asks the browser for host permission for these site patterns. Call it straight from the click,
 * before any await: the browser shows its prompt only during the user's gesture.
 */
export function requestSiteOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...new Set(patterns.map((p) => permissionOrigin(p)))] });
}
