import { type Browser, chromium, type Page } from 'playwright-core';
import { hashPassword } from '../../../collector/officers';
import type { RunningCollector } from '../../../collector/server';
import { CHROMIUM } from './browser';

/** The dashboard in real Chromium, signed in as an officer (German UI). */
export interface SignedInDashboard {
  browser: Browser;
  page: Page;
}

/**
 * Puts officer `user` into the collector's database, launches Chromium and signs in through the
 * sign-in form, as an officer does. The CSP is bypassed only so axe's script can be injected; the
 * dashboard's own pages need no more.
 */
export async function signInToDashboard(
  collector: RunningCollector,
  user: string,
  password: string,
  /** The first page's heading: a hub (issue #19) opens on its ranking, not on the inbox. */
  landing = 'Eingang',
): Promise<SignedInDashboard> {
  await collector.dashboard.putOfficer(
    { user, passwordHash: await hashPassword(password) },
    false,
    new Date().toISOString(),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ locale: 'de-DE', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${collector.url}/dashboard`);
  await page.getByLabel('Benutzername').fill(user);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
  return { browser, page };
}
