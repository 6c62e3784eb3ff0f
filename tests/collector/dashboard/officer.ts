import { expect } from 'vitest';
import { hashPassword } from '../../../collector/officers';
import type { RunningCollector } from '../../../collector/server';
import { type BackendKind, backendConfig, startTestCollector } from '../helpers';

// The dashboard tests' officer: a browser-like client and a collector with her account in it.

/** The password of officer "anna" in every dashboard test collector. */
export const PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | undefined;

/** The hash of PASSWORD, made once per file (scrypt is slow on purpose). */
export function officerPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
}

/** A cookie-keeping client, like one officer's browser. */
export class OfficerClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers))
      if (!headers.has(name)) headers.set(name, value);
    if (this.cookies.size > 0) {
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(`${this.base}${pathname}`, { redirect: 'manual', ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async page(pathname: string): Promise<string> {
    const response = await this.fetch(pathname);
    expect(response.status).toBe(200);
    return response.text();
  }

  post(pathname: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    return this.fetch(pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.base, ...headers },
      body,
    });
  }

  async signIn(user: string, password: string): Promise<Response> {
    const form = await this.page('/dashboard/signin');
    return this.post('/dashboard/signin', { _csrf: csrfOf(form), user, password, next: '/dashboard' });
  }

  /** The session's CSRF token, as the pages embed it. */
  async csrf(): Promise<string> {
    return csrfOf(await this.page('/dashboard'));
  }
}

/** The CSRF token a page embeds in its forms. */
export function csrfOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/**
 * Officer "anna" put into a running collector and signed in, as the end-to-end tests need her beside
 * the extension: her client and the session's CSRF token.
 */
export async function signedInOfficer(
  collector: RunningCollector,
): Promise<{ officer: OfficerClient; csrf: string }> {
  await collector.dashboard.putOfficer(
    { user: 'anna', passwordHash: await officerPasswordHash() },
    false,
    new Date().toISOString(),
  );
  const officer = new OfficerClient(collector.url);
  await officer.signIn('anna', PASSWORD);
  return { officer, csrf: await officer.csrf() };
}

/**
 * A question written and activated through the dashboard's forms (`form` without `_csrf`), as the
 * extension's end-to-end tests start; returns its id.
 */
export async function activeQuestion(
  collector: RunningCollector,
  form: Record<string, string>,
): Promise<string> {
  const { officer, csrf } = await signedInOfficer(collector);
  const created = await officer.post('/dashboard/questions', { _csrf: csrf, ...form });
  expect(created.status).toBe(303);
  const id = /\/dashboard\/questions\/([0-9a-f-]{36})/.exec(created.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  expect((await officer.post(`/dashboard/questions/${id}/activate`, { _csrf: csrf })).status).toBe(303);
  return id as string;
}

/** A collector on the backend, with officer "anna" in its database. */
export async function startOn(
  backend: BackendKind,
  overrides: Parameters<typeof startTestCollector>[0] = {},
): Promise<RunningCollector> {
  const started = await startTestCollector({ ...(await backendConfig(backend)), ...overrides });
  const passwordHash = await officerPasswordHash();
  await started.dashboard.putOfficer({ user: 'anna', passwordHash }, false, new Date().toISOString());
  return started;
}
