// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isLoginPath, LOOP_WINDOW_MS, LoginLoops } from '../../../utils/outage/login-loop';

describe('login pages', () => {
  it.each([
    '/login',
    '/anmeldung',
    '/portal/Anmelden',
    '/sso/',
    '/auth/realms/jobcenter',
    '/saml2/acs',
    '/login.jsp',
    '/app/signin;jsessionid=abc',
  ])('%s is one', (path) => {
    expect(isLoginPath(path)).toBe(true);
  });
  it.each(['/', '/akte/4711', '/loginhilfe-texte', '/authors', '/kunde/anmeldungen-liste', '/casefile'])(
    '%s is not',
    (path) => {
      expect(isLoginPath(path)).toBe(false);
    },
  );
});

describe('a login loop', () => {
  const T0 = 1_000_000;

  it('is the third landing on the same login page of one tab within a minute, reported once', () => {
    const loops = new LoginLoops();
    expect(loops.land(7, '/login', T0)).toBe(false);
    expect(loops.land(7, '/login', T0 + 10_000)).toBe(false);
    expect(loops.land(7, '/login', T0 + 20_000)).toBe(true);
    expect(loops.land(7, '/login', T0 + 30_000)).toBe(false);
  });

  it('is not: landings spread over more than a minute, in other tabs, or on other pages', () => {
    const loops = new LoginLoops();
    loops.land(7, '/login', T0);
    loops.land(7, '/login', T0 + 30_000);
    expect(loops.land(7, '/login', T0 + LOOP_WINDOW_MS)).toBe(false);
    expect(loops.land(8, '/login', T0 + LOOP_WINDOW_MS)).toBe(false);
    expect(loops.land(7, '/sso', T0 + LOOP_WINDOW_MS)).toBe(false);
  });

  it('ends when the tab gets into the application', () => {
    const loops = new LoginLoops();
    loops.land(7, '/login', T0);
    loops.land(7, '/login', T0 + 1000);
    loops.forgetTab(7);
    expect(loops.land(7, '/login', T0 + 2000)).toBe(false);
  });
});
