import { browser } from 'wxt/browser';
import { withoutPort } from './match';

/**
 * A site pattern as the browser's permissions API takes it. Firefox refuses a port in a match
 * pattern ("http://127.0.0.1:5173/*" throws), and its host permissions ignore ports anyway; Chromium
 * takes the pattern as it is. Every permissions and tabs call with a site pattern goes through here
 * (surfaces' requests, the background's contains/remove and tab queries), so the Firefox rule lives in
 * one place.
 */
export function permissionOrigin(pattern: string, firefox = import.meta.env.FIREFOX): string {
  return firefox ? withoutPort(pattern) : pattern;
}

/**
 * Asks the browser for host permission for these site patterns. Call it straight from the click,
 * before any await: the browser shows its prompt only during the user's gesture.
 */
export function requestSiteOrigins(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...new Set(patterns.map((p) => permissionOrigin(p)))] });
}
