import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { DashboardError } from '../errors';
import { type DashboardErrorCode, LANG_COOKIE } from '../i18n';
import { isSameOrigin, localReturnPath, ownOrigin } from '../security';
import { signinPage } from '../views/signin';
import {
  clientAddress,
  type DashboardDeps,
  type DashboardEnv,
  pageContext,
  readForm,
  render,
  requireCsrf,
} from './context';

/** The sign-in page and the language switch: the routes that need no session. */
export function signinRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { config, sessions, throttle, officers, https } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/lang', (c) => {
    const lang = c.req.query('to') === 'en' ? 'en' : 'de';
    setCookie(c, LANG_COOKIE, lang, {
      path: '/',
      httpOnly: true,
      secure: https,
      sameSite: 'Strict',
      maxAge: 365 * 24 * 60 * 60,
    });
    return c.redirect(localReturnPath(c.req.query('back')), 303);
  });

  app.get('/signin', async (c) => {
    const existing = await sessions.current(c);
    const next = localReturnPath(c.req.query('next'));
    if (existing) return c.redirect(next, 303);
    return render(c, signinPage(pageContext(c, deps.assetUrls), { csrf: sessions.signinToken(c), next }));
  });

  app.post('/signin', async (c) => {
    if (!isSameOrigin(c, ownOrigin(c, config.publicUrl))) throw new DashboardError('csrf_origin_mismatch');
    const form = await readForm(c);
    const next = localReturnPath(form.get('next'));
    if (!sessions.checkSigninToken(c, form.get('_csrf') ?? undefined))
      throw new DashboardError('csrf_token_invalid');
    const user = (form.get('user') ?? '').trim().slice(0, 64);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const ip = clientAddress(c, config.trustProxy ?? false);
    const again = (error: DashboardErrorCode, status: 401 | 429) => {
      const body = signinPage(pageContext(c, deps.assetUrls), {
        csrf: sessions.signinToken(c),
        next,
        user,
        error,
      });
      if (status === 429) c.header('Retry-After', '60');
      return render(c, body, status);
    };
    // Counted before the password is checked, so a blocked attacker learns nothing from further
    // guesses, and a burst of parallel guesses cannot slip past the count (session.ts).
    const attempt = await throttle.begin(ip, user);
    if (!attempt) return again('signin_rate_limited', 429);
    const officer = await officers.authenticate(user, password);
    if (!officer) return again('signin_failed', 401);
    await attempt.succeeded();
    await sessions.start(c, officer);
    return c.redirect(next, 303);
  });

  return app;
}

/** Signing out: a state change of a signed-in officer, so mounted behind the session check. */
export function signoutRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.post('/signout', requireCsrf(deps), async (c) => {
    await deps.sessions.end(c);
    return c.redirect('/dashboard/signin', 303);
  });
  return app;
}
