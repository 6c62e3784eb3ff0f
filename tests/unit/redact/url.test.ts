import { describe, expect, it } from 'vitest';
import { isIdentifierSegment, redactUrl, redactUrlDetails } from '../../../utils/redact/url';

describe('redactUrl', () => {
  it('handles the documented example', () => {
    expect(
      redactUrl('https://ea.jc.example/akte/JC-2024-004711/leistungen?tab=dok&kdnr=123D456789#x', ['tab']),
    ).toEqual({
      url: 'https://ea.jc.example/akte/:id/leistungen?tab=dok',
      routeTemplate: '/akte/:id/leistungen',
    });
  });

  it.each([
    ['digit runs', 'https://a.example/kunden/4711/antrag', '/kunden/:id/antrag'],
    ['UUIDs', 'https://a.example/doc/3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b', '/doc/:id'],
    ['hex ids', 'https://a.example/v/deadbeef12345678/x', '/v/:id/x'],
    ['BG-Nummern, percent-encoded', 'https://a.example/bg/12345%2F%2F0012345/', '/bg/:id/'],
    ['Kundennummern', 'https://a.example/kunde/123D456789', '/kunde/:id'],
    ['four digits anywhere', 'https://a.example/f/a1b2c3d4', '/f/:id'],
    ['e-mail addresses', 'https://a.example/user/max%40example.de/edit', '/user/:id/edit'],
    ['IBANs', 'https://a.example/konto/DE89370400440532013000', '/konto/:id'],
    ['session tokens', 'https://a.example/s/aB3dE5fG7hJ9kL1m', '/s/:id'],
    ['matrix parameters', 'https://a.example/index.jsp;jsessionid=ABCDEF0123456789', '/index.jsp'],
    [
      'nothing in a plain route',
      'https://a.example/akte/leistungen/uebersicht',
      '/akte/leistungen/uebersicht',
    ],
    ['nothing in short numbers', 'https://a.example/api/v2/schritt/12', '/api/v2/schritt/12'],
    ['an empty path', 'https://a.example', '/'],
  ])('masks %s', (_case, href, routeTemplate) => {
    expect(redactUrl(href).routeTemplate).toBe(routeTemplate);
  });

  it('strips credentials, the fragment and unknown parameters, keeping the port', () => {
    expect(redactUrl('https://max:geheim@a.example:8443/akte?x=1&tab=2#frag', ['tab']).url).toBe(
      'https://a.example:8443/akte?tab=2',
    );
  });

  it('keeps an allowed parameter name but drops a value that is client data', () => {
    const result = redactUrlDetails(
      'https://a.example/s?tab=Mustermann&schritt=123D456789',
      ['tab', 'schritt'],
      ['Mustermann'],
    );
    expect(result.url).toBe('https://a.example/s?tab=&schritt=');
    expect(result.droppedParams).toBe(2);
  });

  it('masks a segment that is a name from the page', () => {
    expect(
      redactUrl('https://a.example/akte/uebersicht/Schmidt', [], new Set(['Schmidt'])).routeTemplate,
    ).toBe('/akte/uebersicht/:id');
  });

  it.each([
    ['not a URL', 'nicht/eine url', ''],
    ['a data URL', 'data:text/plain,Herr%20M%C3%BCller', 'data:'],
    ['about:blank', 'about:blank', 'about:blank'],
  ])('reduces %s to what can be vouched for', (_case, href, url) => {
    expect(redactUrl(href)).toEqual({ url, routeTemplate: '' });
  });
});

describe('isIdentifierSegment', () => {
  it.each([
    ['4711', true],
    ['JC-2024-004711', true],
    ['akte', false],
    ['v2', false],
    ['leistungen', false],
    ['', false],
  ])('%j → %s', (segment, expected) => {
    expect(isIdentifierSegment(segment)).toBe(expected);
  });
});
