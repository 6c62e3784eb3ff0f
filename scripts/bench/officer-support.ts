/** The dashboard as the benches drive it: one officer's browser over HTTP. */

/** A browser-like client for the dashboard: keeps cookies, signs in with the sign-in form. */
export class Officer {
  readonly #cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) {
      headers.set('Cookie', [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(`${this.base}${pathname}`, { redirect: 'manual', ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=');
      if (value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  async signIn(user: string, password: string): Promise<void> {
    const form = await (await this.fetch('/dashboard/signin')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const response = await this.fetch('/dashboard/signin', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.base },
      body: new URLSearchParams({ _csrf: csrf, user, password, next: '/dashboard' }),
    });
    if (response.status !== 303) throw new Error(`sign-in failed: HTTP ${response.status}`);
  }
}
