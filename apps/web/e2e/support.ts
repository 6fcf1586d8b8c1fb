/** What the browser specs share: where things are, launching Chromium, and signing in to the API for seeding. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const DIST = join(process.cwd(), 'apps/web/dist/index.html');
export const SHOTS = join(process.cwd(), 'test-output/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };

/** Fails early, with what to do, when the dashboard is not built or Chromium is missing. */
export function checkPrerequisites(): void {
  if (!existsSync(DIST)) {
    throw new Error(`The dashboard is not built: ${DIST} is missing. Run \`npx vite build apps/web\` (or \`npm run build\`) first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  mkdirSync(SHOTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page of a fresh Chromium, signed in through the login form, on the SKU list; page errors go to `pageErrors`. */
export async function signedInPage(browser: Browser, base: string, who: { email: string; password: string }, pageErrors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'SKUs', level: 1 }).waitFor();
  return page;
}

/** Signs in through the API and answers the session cookie (`name=value`). */
export async function sessionCookie(base: string, who: { email: string; password: string }): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  if (!login.ok) throw new Error(`login of ${who.email} failed: ${login.status} ${await login.text()}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** A JSON call to the API with a session cookie, for seeding; throws on anything but 2xx. */
export function apiCaller(base: string, cookie: () => string) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: cookie() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
