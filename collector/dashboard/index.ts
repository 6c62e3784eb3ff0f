import { Hono, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CollectorConfig } from '../config';
import { HttpError } from '../errors';
import type { HubServices } from '../hub/api';
import type { IncidentServices } from '../incidents';
import { loadOfficersFile, OfficerDirectory } from '../officers';
import type { SharingServices } from '../sharing/services';
import type { DashboardStore } from '../store/dashboard-types';
import type { QuestionStore } from '../store/question-types';
import type { Store } from '../store/types';
import { type Asset, assetUrls, loadAssets } from './assets';
import { DashboardError } from './errors';
import { DASHBOARD_ERRORS, type DashboardErrorCode, LANG_COOKIE, negotiateLang, translator } from './i18n';
import { type DashboardDeps, type DashboardEnv, pageContext } from './routes/context';
import { exportRoutes } from './routes/export';
import { hotspotRoutes } from './routes/hotspots';
import { hubRoutes } from './routes/hub';
import { inboxRoutes } from './routes/inbox';
import { incidentRoutes } from './routes/incidents';
import { markerRoutes } from './routes/markers';
import { questionRoutes } from './routes/questions';
import { recordRoutes } from './routes/record';
import { sharingRoutes } from './routes/sharing';
import { signinRoutes, signoutRoutes } from './routes/signin';
import { dashboardHeaders, localReturnPath } from './security';
import { Sessions, SigninThrottle } from './session';
import { errorPage } from './views/error';

/** Where the dashboard lives on the collector's origin. */
export const DASHBOARD_PATH = '/dashboard';

/** What the dashboard is built on. */
export interface DashboardOptions {
  store: Store;
  dashboard: DashboardStore;
  config: CollectorConfig;
  /** Incidents (issue #17): the banner on every page and the incidents pages; absent, neither shows. */
  incidents?: IncidentServices;
  /** Questions and change markers (issue #18); absent, their pages answer not found. */
  questions?: QuestionStore;
  /** Hub mode (issue #19): the hub's pages instead of a job centre's. */
  hub?: HubServices;
  /** Sharing with a hub (issue #19); absent, its pages answer not found. */
  sharing?: SharingServices;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Serves the asset named in the path if it is one of the kind asked for (public or not). */
function serveAsset(
  assets: ReadonlyMap<string, Asset>,
  requireSession: boolean,
): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const asset = assets.get(c.req.param('name') ?? '');
    if (!asset || asset.public !== !requireSession) return next();
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      // The URL carries the content hash, so a changed file gets a new URL.
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
  };
}

/** Lets a signed-in officer through; sends anyone else to the sign-in page (or refuses a change). */
function requireOfficer(deps: DashboardDeps): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const session = await deps.sessions.current(c);
    if (session && (await deps.officers.exists(session.user))) {
      c.set('officer', session);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      const target = localReturnPath(url.pathname + url.search);
      return c.redirect(`/dashboard/signin?next=${encodeURIComponent(target)}`, 303);
    }
    throw new DashboardError('session_required');
  };
}

/**
 * The dashboard as a Hono app, routes relative to `/dashboard`. It only wires: headers, language and
 * error pages here; each view's routes in a module of routes/, mounted in the order that puts the
 * session check between the public routes and the rest.
 */
export function createDashboardApp(options: DashboardOptions): Hono<DashboardEnv> {
  const { store, dashboard, config } = options;
  const now = options.now ?? (() => new Date());
  const https = config.publicUrl?.startsWith('https:') ?? false;
  const assets = loadAssets();
  const deps: DashboardDeps = {
    store,
    dashboard,
    config,
    incidents: options.incidents,
    questions: options.questions,
    hub: options.hub,
    sharing: options.sharing,
    now,
    https,
    officers: new OfficerDirectory(
      config.officersFile ? loadOfficersFile(config.officersFile) : new Map(),
      dashboard,
    ),
    sessions: new Sessions(dashboard, https, now),
    throttle: new SigninThrottle(dashboard, now),
    assetUrls: assetUrls(assets),
  };
  const app = new Hono<DashboardEnv>();

  app.use('*', dashboardHeaders({ https }));
  app.use('*', async (c, next) => {
    c.set('t', translator(negotiateLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language'))));
    c.set('officer', null);
    await next();
    c.res.headers.append('Vary', 'Accept-Language, Cookie');
  });

  app.onError((error, c) => {
    let code: DashboardErrorCode = 'internal_error';
    let detail: string | undefined;
    if (error instanceof DashboardError) {
      code = error.code;
      detail = error.detail;
    } else if (error instanceof HttpError && error.code in DASHBOARD_ERRORS) {
      code = error.code as DashboardErrorCode;
    } else {
      const dbCode: unknown = 'code' in error ? error.code : undefined;
      // SQLite (SQLITE_BUSY …) and PostgreSQL connection errors: worth retrying, not a bug.
      if (typeof dbCode === 'string' && (dbCode.startsWith('SQLITE_') || /^(08|53|57)/.test(dbCode))) {
        code = 'db_unavailable';
      }
      if (code === 'internal_error' || code === 'db_unavailable')
        console.error('dashboard: request failed', error);
    }
    const status = DASHBOARD_ERRORS[code].status;
    const headers: Record<string, string> = code === 'db_unavailable' ? { 'Retry-After': '30' } : {};
    if (code === 'signin_rate_limited') headers['Retry-After'] = '60';
    // On a hub, its own navigation: a job centre's pages do not exist there.
    const page = { ...pageContext(c, deps.assetUrls), hub: deps.hub !== undefined };
    return c.html(errorPage(page, code, detail).value, status, headers);
  });

  // Without a session: the sign-in page's assets, the language switch, signing in.
  app.get('/assets/:name', serveAsset(assets, false));
  app.route('/', signinRoutes(deps));

  // Everything below needs a signed-in officer.
  app.use('*', requireOfficer(deps));
  app.get('/assets/:name', serveAsset(assets, true));
  // Every page shows the ongoing incidents at its top: read once per page view (a handful of rows).
  app.use('*', async (c, next) => {
    if (deps.incidents && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      c.set('activeIncidents', await deps.incidents.store.active());
    }
    await next();
  });
  app.route('/', signoutRoutes(deps));
  if (deps.hub) {
    // A hub holds no job centre's notes: its own pages only (issue #19).
    app.route('/', hubRoutes(deps));
    app.all('*', () => {
      throw new DashboardError('not_found');
    });
    return app;
  }
  app.route('/', inboxRoutes(deps));
  app.route('/', recordRoutes(deps));
  app.route('/', hotspotRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.route('/', incidentRoutes(deps));
  app.route('/', questionRoutes(deps));
  app.route('/', markerRoutes(deps));
  app.route('/', sharingRoutes(deps));

  app.all('*', () => {
    throw new DashboardError('not_found');
  });

  return app;
}

/**
 * Mounts the officers' dashboard under `/dashboard`. Call it before the collector's own middleware:
 * its routes then answer without passing through the API's headers (whose CSP forbids everything a
 * page needs), and set their own.
 */
export function mountDashboard(app: Hono, options: DashboardOptions): void {
  app.route(DASHBOARD_PATH, createDashboardApp(options) as unknown as Hono);
}
