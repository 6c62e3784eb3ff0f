import { describe, expect, it } from 'vitest';
import { suggestSite, withSite } from '../../../utils/settings/sites';
import { EAKTE } from '../../support/settings';

describe('suggestSite', () => {
  it.each([
    ['https://eakte.jobcenter.example/akte/123?tab=2', 'https://eakte.jobcenter.example/*', 'Eakte'],
    ['http://127.0.0.2:5173/kunde/4711', 'http://127.0.0.2/*', '127.0.0.2'],
    ['http://demo.localhost:8080/', 'http://demo.localhost/*', 'Demo'],
    ['https://www.allegro.example/', 'https://www.allegro.example/*', 'Allegro'],
    ['https://[::1]:8443/x', 'https://[::1]/*', '[::1]'],
  ])('offers %s as %s named %s', (url, pattern, app) => {
    expect(suggestSite(url)).toEqual({ pattern, app });
  });

  it.each([
    'chrome://extensions/',
    'file:///home/x.html',
    'about:blank',
    'not a url',
    'ftp://files.example/',
  ])('offers nothing for %s', (url) => {
    expect(suggestSite(url)).toBeUndefined();
  });
});

describe('withSite', () => {
  it('adds a new site at the end', () => {
    const site = { ...EAKTE, pattern: 'https://x.example/*', app: 'X' };
    expect(withSite([EAKTE], site)).toEqual([EAKTE, site]);
  });

  it('renames an existing site instead of adding it twice', () => {
    expect(withSite([EAKTE], { ...EAKTE, pattern: 'HTTPS://eakte.jobcenter.example/*', app: 'Neu' })).toEqual(
      [{ ...EAKTE, app: 'Neu' }],
    );
  });
});
