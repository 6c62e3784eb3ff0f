import { describe, expect, it } from 'vitest';
import type { Site } from '../../../utils/schema/settings';
import { findSite } from '../../../utils/sites/match';

const site = (pattern: string): Site => ({
  pattern,
  app: pattern,
  screenSelectors: [],
  allowedParams: [],
  sensitiveSelectors: [],
});

describe('findSite with ports (Chromium match patterns)', () => {
  it.each([
    ['http://127.0.0.1:5173/*', 'http://127.0.0.1:5173/akte/1/uebersicht', true],
    // The demo's sites name their port: the officers' dashboard on the same host is not a site.
    ['http://127.0.0.1:5173/*', 'http://127.0.0.1:8787/dashboard', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:8787/dashboard', true],
    ['http://127.0.0.1:*/*', 'http://127.0.0.1:8787/dashboard', true],
    ['https://fv.example:443/*', 'https://fv.example/start', true],
    ['http://fv.example:80/akte/*', 'http://fv.example/akte/1', true],
    ['http://fv.example:80/akte/*', 'http://fv.example/suche', false],
    ['http://localhost:5173/*', 'http://127.0.0.1:5173/', false],
  ])('%s covers %s: %s', (pattern, url, covered) => {
    expect(findSite([site(pattern)], url) !== undefined).toBe(covered);
  });
});
