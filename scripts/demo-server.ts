/**
 * The demo job-centre app: static pages from `demo/` behind URL patterns shaped like real
 * Fachverfahren (identifiers in the path), plus KoliBri's files from node_modules.
 * `node:http` only, so tests can start copies of it in-process. It listens on the port the demo
 * organisation's sites name (demo/org.json), where the demo build shows its button; pass port 0 for
 * a random one (then only sites configured by hand cover it).
 *
 * Run directly: `tsx scripts/demo-server.ts [--port 5173] [--host 127.0.0.1]`.
 */
import { readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Options for {@link startDemoServer}: the port defaults to {@link DEMO_PORT}; port 0 picks a free one. */
export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** More pages in the same layout (the tests' fixture pages): not part of the demo app. */
  extraPages?: ExtraPages;
}

/** Pages from another folder: routes to its files, and its other files under `/fixtures/`. */
export interface ExtraPages {
  dir: string;
  routes: Routes;
}

type Routes = ReadonlyArray<readonly [RegExp, string]>;

/** A running demo server. */
export interface DemoServer {
  /** Origin without trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));
const PAGES_DIR = path.join(DEMO_DIR, 'pages');
const ASSETS_DIR = path.join(DEMO_DIR, 'assets');
const LAYOUT_FILE = path.join(DEMO_DIR, 'partials', 'layout.html');
const NAVIGATION_FILE = path.join(DEMO_DIR, 'partials', 'navigation.html');
/** The demo organisation: `npm start` and the end-to-end tests build the extension for it. */
export const DEMO_ORG_FILE = path.join(DEMO_DIR, 'org.json');

/**
 * The demo's port, read from the demo organisation's first site so the file stays the one place it is
 * named: the sites name their port, so the officers' dashboard on the same host is not a site.
 */
export const DEMO_PORT = ((): number => {
  const org = JSON.parse(readFileSync(DEMO_ORG_FILE, 'utf8')) as { sites: { pattern: string }[] };
  const port = Number(new URL(org.sites[0]?.pattern ?? '').port);
  if (!port) throw new Error(`${DEMO_ORG_FILE}: the first site must name its port`);
  return port;
})();

/** Resolved through the package's own `exports`, so hoisting or a workspace layout does not matter. */
const KOLIBRI_DIR = ((): string | null => {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve('@public-ui/components/package.json'));
  } catch {
    return null;
  }
})();

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/**
 * Screen routes. Patterns run on the raw (still percent-encoded) path: a BG-Nummer such as
 * `12345//0012345` travels as `12345%2F%2F0012345` in our links, but some apps put the
 * slashes into the path as they are, so that form is accepted too.
 */
const ROUTES: Routes = [
  [/^\/$/, 'index.html'],
  [/^\/akte\/[^/]+\/(?:uebersicht|dokumente|leistungen|vermittlung)$/, 'akte.html'],
  [/^\/kunde\/[^/]+\/profil$/, 'kunde.html'],
  [/^\/leistung\/(?:[^/]+|\d{5}\/\/\d{7})\/berechnung$/, 'leistung.html'],
  [/^\/suche$/, 'suche.html'],
  [/^\/rahmen$/, 'rahmen.html'],
  [/^\/rahmen\/inhalt\/[^/]+$/, 'rahmen-inhalt.html'],
  [/^\/frameset$/, 'frameset.html'],
  [/^\/frameset\/navigation$/, 'frameset-navigation.html'],
  [/^\/fehler$/, 'fehler.html'],
  [/^\/kolibri$/, 'kolibri.html'],
];

/**
 * A page in the shared layout starts with this line (its title, and its item in the left navigation),
 * followed by its sections: `<!--#kopf-->` (more for <head>), `<!--#pfad-->` (breadcrumb items after
 * the start page) and `<!--#inhalt-->` (the main content). Other pages are whole documents.
 */
const PAGE_MARKER = /^<!--#layout titel="([^"]*)"(?: aktiv="([a-z-]+)")?-->\n/;
const SECTION_MARKER = /^<!--#(kopf|pfad|inhalt)-->\n/m;
/** Where the header and left navigation go, naming the current item (also usable in a <template>). */
const NAVIGATION_MARKER = /<!--#navigation(?: aktiv="([a-z-]+)")?-->/g;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Starts the demo app; resolves once it listens. */
export function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(req, res, options.extraPages).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('[demo-server]', error);
      sendError(res, status);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEMO_PORT, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets from browsers would otherwise hold close() open until they time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, extra?: ExtraPages): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    throw new HttpError(405, 'Methode nicht erlaubt');
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';

  const page = ROUTES.find(([pattern]) => pattern.test(rawPath))?.[1];
  if (page) {
    send(req, res, CONTENT_TYPES['.html'] ?? '', await renderPage(PAGES_DIR, page));
    return;
  }
  const extraPage = extra?.routes.find(([pattern]) => pattern.test(rawPath))?.[1];
  if (extra && extraPage) {
    send(req, res, CONTENT_TYPES['.html'] ?? '', await renderPage(extra.dir, extraPage));
    return;
  }
  if (extra && rawPath.startsWith('/fixtures/')) {
    await sendFile(req, res, extra.dir, rawPath.slice('/fixtures/'.length));
    return;
  }
  if (rawPath.startsWith('/assets/')) {
    await sendFile(req, res, ASSETS_DIR, rawPath.slice('/assets/'.length));
    return;
  }
  if (rawPath.startsWith('/vendor/kolibri/') && KOLIBRI_DIR) {
    await sendFile(req, res, KOLIBRI_DIR, rawPath.slice('/vendor/kolibri/'.length));
    return;
  }
  if (rawPath === '/favicon.ico') {
    res.writeHead(302, { Location: '/assets/favicon.svg', 'Cache-Control': 'no-store' }).end();
    return;
  }
  throw new HttpError(404, 'Nicht gefunden');
}

/** Reads a page and puts it into the shared layout, its navigation item marked current. */
async function renderPage(dir: string, file: string): Promise<string> {
  const html = await readFile(path.join(dir, file), 'utf8');
  const page = PAGE_MARKER.exec(html);
  const document = page ? await fillLayout(file, page, html.slice(page[0].length)) : html;
  if (!document.includes('<!--#navigation')) return document;
  const navigation = await readFile(NAVIGATION_FILE, 'utf8');
  return document.replace(NAVIGATION_MARKER, (_, active?: string) => {
    if (!active) return navigation;
    const needle = `data-nav="${active}"`;
    if (!navigation.includes(needle)) throw new Error(`${file}: unknown nav item "${active}"`);
    return navigation.replace(needle, `${needle} aria-current="page"`);
  });
}

/** The layout document with a page's title, sections and navigation marker filled in. */
async function fillLayout(file: string, page: RegExpExecArray, body: string): Promise<string> {
  const [, title = '', active] = page;
  const parts = body.split(SECTION_MARKER);
  const sections: Record<string, string> = {};
  for (let i = 1; i < parts.length; i += 2) sections[parts[i] ?? ''] = (parts[i + 1] ?? '').trimEnd();
  if (sections.inhalt === undefined) throw new Error(`${file}: no <!--#inhalt--> section`);
  const values: Record<string, string> = {
    titel: title,
    kopf: sections.kopf ?? '',
    pfad: sections.pfad ?? '',
    inhalt: sections.inhalt,
    navigation: active ? `<!--#navigation aktiv="${active}"-->` : '<!--#navigation-->',
  };
  let layout = await readFile(LAYOUT_FILE, 'utf8');
  // Without breadcrumb items of its own the page is the start page.
  if (!sections.pfad)
    layout = layout.replace('<a href="/">Startseite</a>', '<a href="/" aria-current="page">Startseite</a>');
  return layout.replace(/<!--=(\w+)-->/g, (token, name: string) => values[name] ?? token);
}

/**
 * Serves `relative` (still percent-encoded) from inside `root`. Each segment is decoded on its own
 * and refused if it could climb out, then the resolved real path must still lie under `root`
 * (this also stops symlinks pointing elsewhere).
 */
async function sendFile(req: IncomingMessage, res: ServerResponse, root: string, relative: string) {
  const segments = relative.split('/').map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'Ungültige Adresse');
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) {
      throw new HttpError(404, 'Nicht gefunden');
    }
    return decoded;
  });
  const realRoot = await realpath(root);
  let target: string;
  try {
    target = await realpath(path.join(realRoot, ...segments));
  } catch {
    throw new HttpError(404, 'Nicht gefunden');
  }
  if (!target.startsWith(realRoot + path.sep) || !(await stat(target)).isFile()) {
    throw new HttpError(404, 'Nicht gefunden');
  }
  const type = CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  send(req, res, type, await readFile(target));
}

function send(req: IncomingMessage, res: ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendError(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const title = status === 404 ? 'Seite nicht gefunden' : `Fehler ${status}`;
  const body = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>${title} – Jobcenter Musterstadt (DEMO)</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body class="fehlerseite"><main><h1>${title}</h1>
<p>Die angeforderte Adresse gibt es im Fachverfahren nicht.</p>
<p><a href="/">Zur Startseite</a></p></main></body>
</html>
`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function isRunDirectly(): Promise<boolean> {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(await realpath(script)).href;
  } catch {
    return false;
  }
}

if (await isRunDirectly()) {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' } },
  });
  const server = await startDemoServer({
    port: values.port ? Number(values.port) : DEMO_PORT,
    host: values.host,
  });
  console.log(`Demo-Jobcenter läuft auf ${server.url}/`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
