import { describe, expect, it } from 'vitest';
import { permissionOrigin } from '../../../utils/sites/permission-origins';

// Firefox refuses a port in a permission's match pattern; Chromium takes it (and needs it to tell
// the demo app from the collector on the same host).
describe('permissionOrigin', () => {
  it.each([
    ['http://127.0.0.1:5173/*', 'http://127.0.0.1/*'],
    ['https://lv.jobcenter.example:8443/akte/*', 'https://lv.jobcenter.example/akte/*'],
    ['https://*.jobcenter.example/*', 'https://*.jobcenter.example/*'],
    ['*://intranet.example/*', '*://intranet.example/*'],
  ])('asks Firefox for %s as %s', (pattern, firefox) => {
    expect(permissionOrigin(pattern, true)).toBe(firefox);
  });

  it('asks Chromium for the pattern as configured, port included', () => {
    expect(permissionOrigin('http://127.0.0.1:5173/*', false)).toBe('http://127.0.0.1:5173/*');
  });
});
