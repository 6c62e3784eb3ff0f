import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { FIXTURE_PAGES } from '../e2e/support/pages';

interface PlantedValue {
  kind: string;
  value: string;
}

const pii = JSON.parse(await readFile(new URL('../../demo/pii.json', import.meta.url), 'utf8')) as {
  values: PlantedValue[];
};

/** Every screen and test page, plus the framed documents they load. */
const PAGES = [
  '/',
  '/akte/JC-2024-004711/uebersicht',
  '/akte/JC-2024-004711/uebersicht?tab=dokumente&kdnr=123D456789',
  '/akte/JC-2099-000001/leistungen',
  '/akte/JC-2024-004711/dokumente',
  '/akte/JC-2024-004711/vermittlung',
  '/kunde/123D456789/profil',
  '/leistung/12345%2F%2F0012345/berechnung?schritt=1',
  '/leistung/12345//0012345/berechnung?schritt=2',
  '/suche?q=Mustermann&kdnr=123D456789',
  '/rahmen',
  '/rahmen/inhalt/JC-2024-004712',
  '/frameset',
  '/frameset/navigation',
  '/fehler',
  '/fehler?auto=1',
  '/kolibri',
];

/** The tests' fixture pages (tests/fixtures/pages/), served in the same layout when a test asks. */
const FIXTURES = [
  '/test/hostile',
  '/test/csp',
  '/test/keylogger',
  '/test/rerender',
  '/test/storage',
  '/test/bildtext',
];

/** Pages without the shared layout: framed documents and the frameset itself. */
const WITHOUT_LAYOUT = new Set(['/rahmen/inhalt/JC-2024-004712', '/frameset', '/frameset/navigation']);

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends `path` byte for byte: fetch() would normalise `..` and `%2e%2e` away before the server
 * ever saw them, which would make the traversal tests pass for the wrong reason.
 */
function get(server: DemoServer, path: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

// --- checksum rules, written independently of how the values were generated ---

function ibanIsValid(value: string): boolean {
  const iban = value.replace(/ /g, '');
  if (!/^DE\d{20}$/.test(iban)) return false;
  const digits = `${iban.slice(4)}1314${iban.slice(2, 4)}`;
  return BigInt(digits) % 97n === 1n;
}

/** DRV: the letter becomes its two-digit alphabet position; weights 2121… with cross sums. */
function rentenversicherungsnummerIsValid(value: string): boolean {
  const rvnr = value.replace(/ /g, '');
  const match = /^(\d{8})([A-Z])(\d{2})(\d)$/.exec(rvnr);
  if (!match) return false;
  const [, areaAndBirth = '', letter = '', serial = '', check = ''] = match;
  const position = String(letter.charCodeAt(0) - 64).padStart(2, '0');
  const digits = `${areaAndBirth}${position}${serial}`.split('').map(Number);
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  const sum = digits.reduce((total, digit, i) => {
    const product = digit * (weights[i] ?? 0);
    return total + Math.floor(product / 10) + (product % 10);
  }, 0);
  return sum % 10 === Number(check);
}

/** Steuer-ID: ISO 7064 MOD 11,10 check digit; one digit twice or thrice among the first ten. */
function steuerIdIsValid(value: string): boolean {
  const id = value.replace(/ /g, '');
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  const first10 = id.slice(0, 10);
  const counts = new Map<string, number>();
  for (const digit of first10) counts.set(digit, (counts.get(digit) ?? 0) + 1);
  const repeated = [...counts.values()].filter((count) => count > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  if (/(\d)\1\1/.test(first10)) return false;
  let product = 10;
  for (const digit of first10) {
    let sum = (Number(digit) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(id[10]);
}

function birthdateIsValid(value: string): boolean {
  const german = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [day, month, year] = german
    ? [german[1], german[2], german[3]]
    : iso
      ? [iso[3], iso[2], iso[1]]
      : [undefined, undefined, undefined];
  if (!day || !month || !year) return false;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1;
}

const byKind = (kind: string) =>
  pii.values.filter((entry) => entry.kind === kind).map((entry) => entry.value);

describe('demo/pii.json', () => {
  it('lists each value once', () => {
    const values = pii.values.map((entry) => entry.value);
    expect(new Set(values).size).toBe(values.length);
  });

  it.each([
    ['iban', ibanIsValid],
    ['rentenversicherungsnummer', rentenversicherungsnummerIsValid],
    ['steuer-id', steuerIdIsValid],
    ['birthdate', birthdateIsValid],
    ['kundennummer', (value: string) => /^\d{3}[A-Z]\d{6}$/.test(value)],
    ['bg-nummer', (value: string) => /^\d{5}\/\/\d{7}$/.test(decodeURIComponent(value))],
    ['aktenzeichen', (value: string) => /^(?:JC-\d{4}-\d{6}|[IVX]+-\d{4}\/\d{4})$/.test(value)],
    ['email', (value: string) => /^[a-z.]+@example\.(?:org|net|com)$/.test(value)],
  ])('every %s is well-formed', (kind, isValid) => {
    const values = byKind(kind);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => !isValid(value))).toEqual([]);
  });

  it('recognises known-good and known-bad reference values', () => {
    expect(ibanIsValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanIsValid('DE88 3704 0044 0532 0130 00')).toBe(false);
    // The DRV's published example number.
    expect(rentenversicherungsnummerIsValid('65 170839 J 00 3')).toBe(true);
    expect(rentenversicherungsnummerIsValid('65 170839 J 00 4')).toBe(false);
    // The BZSt example, and one with ten distinct leading digits.
    expect(steuerIdIsValid('86095742719')).toBe(true);
    expect(steuerIdIsValid('86095742718')).toBe(false);
    expect(steuerIdIsValid('47162839056')).toBe(false);
  });
});

describe('demo server', () => {
  let server: DemoServer;
  const bodies = new Map<string, string>();

  beforeAll(async () => {
    server = await startDemoServer({ port: 0, extraPages: FIXTURE_PAGES });
    for (const page of [...PAGES, ...FIXTURES]) bodies.set(page, (await get(server, page)).body);
  });
  afterAll(() => server.close());

  it('listens on a random port of 127.0.0.1', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it.each([...PAGES, ...FIXTURES])('serves %s as uncached HTML', async (page) => {
    const response = await get(server, page);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it.each(PAGES.filter((page) => !WITHOUT_LAYOUT.has(page)))('gives %s the shared layout', (page) => {
    const body = bodies.get(page) ?? '';
    expect(body).toContain('Jobcenter Musterstadt – Fachverfahren (DEMO)');
    expect(body).not.toContain('<!--#layout');
    const nav = /<nav class="seitennavigation"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';
    expect(nav.match(/aria-current="page"/g)).toHaveLength(1);
    expect(body).toMatch(/<nav aria-label="Breadcrumb"[\s\S]*aria-current="page"[\s\S]*?<\/nav>/);
    expect(body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it.each(FIXTURES.filter((page) => page !== '/test/rerender'))('gives fixture %s the layout', (page) => {
    const body = bodies.get(page) ?? '';
    expect(body).toContain('Jobcenter Musterstadt – Fachverfahren (DEMO)');
    expect(body).toMatch(/<nav aria-label="Breadcrumb"[\s\S]*aria-current="page"[\s\S]*?<\/nav>/);
    expect(body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('leaves the fixture pages to the tests: the demo app alone does not serve them', async () => {
    const demoOnly = await startDemoServer({ port: 0 });
    try {
      expect((await get(demoOnly, '/test/csp')).status).toBe(404);
      expect((await get(demoOnly, '/fixtures/keylogger.js')).status).toBe(404);
    } finally {
      await demoOnly.close();
    }
  });

  it('keeps the frameset a frameset document', () => {
    const body = bodies.get('/frameset') ?? '';
    expect(body).toMatch(/^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD XHTML 1\.0 Frameset\/\/EN"/);
    expect(body).toContain('<frameset');
    // The only <body> may be the fallback inside <noframes>.
    expect(body.indexOf('<body')).toBeGreaterThan(body.indexOf('<noframes>'));
  });

  it('keeps the strict-CSP page free of inline script and style', () => {
    const body = bodies.get('/test/csp') ?? '';
    expect(body).toContain(`content="default-src 'none'; style-src 'self'; img-src 'self'"`);
    expect(body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('plants every listed value in at least one page', () => {
    const all = [...bodies.values()].join('\n');
    expect(pii.values.filter(({ value }) => !all.includes(value)).map(({ value }) => value)).toEqual([]);
  });

  it.each([
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/akte.js', 'text/javascript; charset=utf-8'],
    ['/assets/wappen.svg', 'image/svg+xml'],
    ['/vendor/kolibri/dist/esm/index.js', 'text/javascript; charset=utf-8'],
    ['/vendor/kolibri/dist/loader/index.js', 'text/javascript; charset=utf-8'],
    ['/vendor/kolibri/package.json', 'application/json; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(server, path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(server, '/suche', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get(server, '/suche', 'POST')).status).toBe(405);
  });

  it.each([
    '/gibt-es-nicht',
    '/akte/JC-2024-004711',
    '/akte/JC-2024-004711/uebersicht/mehr',
    '/suche/',
    '/assets/',
    '/assets/fehlt.css',
    '/pii.json',
    '/pages/index.html',
    '/vendor/kolibri/',
  ])('404s %s with a small HTML page', async (path) => {
    const response = await get(server, path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Seite nicht gefunden');
  });

  it.each([
    '/vendor/kolibri/../../package.json',
    '/vendor/kolibri/../../../package.json',
    '/vendor/kolibri/%2e%2e/%2e%2e/package.json',
    '/vendor/kolibri/%2E%2E/%2E%2E/%2E%2E/package.json',
    '/vendor/kolibri/..%2f..%2f..%2fpackage.json',
    '/vendor/kolibri/..%5c..%5c..%5cpackage.json',
    '/vendor/kolibri/dist/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/vendor/kolibri/%252e%252e/%252e%252e/package.json',
    '/vendor/kolibri//etc/passwd',
    '/vendor/kolibri/%2fetc%2fpasswd',
    '/assets/../pii.json',
    '/assets/..%2fpii.json',
    '/assets/%2e%2e/pii.json',
    '/assets/app.css%00.js',
    '/assets/%E0%A4%A',
  ])('refuses traversal via %s', async (path) => {
    const response = await get(server, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('"name"');
    expect(response.body).not.toContain('root:');
    expect(response.body).not.toContain('"values"');
  });
});
