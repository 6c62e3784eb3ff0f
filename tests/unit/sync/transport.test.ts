import { describe, expect, it } from 'vitest';
import { checkEndpoint, describeBrowser, isoWithOffset, statusUrl } from '../../../utils/sync/transport';

describe('describeBrowser', () => {
  it.each([
    [
      {
        userAgentData: {
          brands: [
            { brand: 'Not)A;Brand', version: '8' },
            { brand: 'Chromium', version: '156' },
          ],
        },
      },
      'Chromium 156',
    ],
    [
      {
        userAgentData: {
          brands: [
            { brand: 'Chromium', version: '156' },
            { brand: 'Microsoft Edge', version: '156' },
            { brand: 'Not_A Brand', version: '24' },
          ],
        },
      },
      'Microsoft Edge 156',
    ],
    [{ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0' }, 'Firefox 140'],
    [
      { userAgent: 'Mozilla/5.0 AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0' },
      'Microsoft Edge 156',
    ],
    [{ userAgent: 'Mozilla/5.0 AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36' }, 'Chromium 156'],
    [{ userAgent: 'curl/8' }, 'unknown'],
    [undefined, 'unknown'],
  ])('%j → %s', (nav, expected) => {
    expect(describeBrowser(nav)).toBe(expected);
  });
});

describe('checkEndpoint', () => {
  it.each([
    ['https://feedback.example/api/ingest', true],
    ['http://localhost:8787/ingest', true],
    ['http://127.0.0.1:8787/ingest', true],
    ['http://feedback.example/ingest', false],
    ['https://user:pw@feedback.example/', false],
    ['ftp://feedback.example/', false],
    ['not a url', false],
  ])('%s → allowed: %s', (endpoint, allowed) => {
    if (allowed) expect(checkEndpoint(endpoint)).toBe(endpoint);
    else
      expect(() => checkEndpoint(endpoint)).toThrow(expect.objectContaining({ code: 'endpoint_insecure' }));
  });
});

describe('statusUrl', () => {
  it.each([
    ['https://f.example/ingest', 'https://f.example/ingest/status'],
    ['https://f.example/ingest/', 'https://f.example/ingest/status'],
    ['https://f.example', 'https://f.example/status'],
    ['https://f.example/api?tenant=7', 'https://f.example/api/status?tenant=7'],
  ])('%s → %s', (endpoint, expected) => {
    expect(statusUrl(endpoint)).toBe(expected);
  });
});

describe('isoWithOffset', () => {
  it('carries an explicit offset and round-trips', () => {
    const ms = Date.parse('2026-11-25T10:02:03.123Z');
    const text = isoWithOffset(ms);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(text)).toBe(ms);
  });
});
