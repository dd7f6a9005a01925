/**
 * Browser test harness: the demo installation in a temporary SQLite file (fixed clock
 * 2026-11-27), the real HTTP app serving the built web app (dist/web, built by `npm test` before
 * the run) on a random port, and Debian's Chromium driven by playwright-core. When the server has
 * accounts, a test administrator is created and signed in through POST /api/v1/session.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { openContext } from '../../src/server/open.ts';

/** Debian's Chromium (playwright cannot download a browser on these machines). */
export const CHROMIUM = '/usr/bin/chromium';

/** The built web app the server serves at `/`. */
export const WEB_BUILD = resolve(import.meta.dirname, '../../dist/web/index.html');

/** Where screenshots go (test artifacts, not committed). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The password of the test administrator (meets the account policy). */
const PASSWORD = 'Mật-khẩu-trình-duyệt-2026';

/** `describe` when Chromium and the web build are there; otherwise a skipped suite saying why. */
export function describeBrowser(name: string, suite: () => void): void {
  if (!existsSync(CHROMIUM)) {
    describe.skip(`${name} [skipped: ${CHROMIUM} is missing; apt-get install -y chromium fonts-noto-core]`, () =>
      undefined);
    return;
  }
  if (!existsSync(WEB_BUILD)) {
    describe.skip(`${name} [skipped: dist/web is missing; run npx vite build]`, () => undefined);
    return;
  }
  describe(name, suite);
}

/** A running installation and a browser pointed at it. */
export interface BrowserHarness {
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  context: BrowserContext;
  /** Whether the server has accounts (and the browser is signed in). */
  signedIn: boolean;
  /** Whether the OpenAPI document lists a route, e.g. ('post', '/api/v1/candidates/{id}/transitions'). */
  hasRoute(method: string, path: string): boolean;
  /** The enum of a route's query parameter as the OpenAPI document lists it (e.g. report formats). */
  queryEnum(path: string, parameter: string): string[];
  /** A new tab at a path of the app. */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns the path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; schema?: { enum?: string[] } }[] }>
  >;
}

async function createTestAdmin(ctx: AppContext): Promise<string | null> {
  const accountsModule = '../../src/server/modules/accounts/accounts.service.ts';
  if (!existsSync(resolve(import.meta.dirname, accountsModule))) return null;
  const accounts = (await import(accountsModule)) as {
    createUser: (
      ctx: AppContext,
      actor: ReturnType<typeof systemActor>,
      input: {
        username: string;
        role: string;
        organizationCode: string;
        password: string;
        displayName?: string;
      },
    ) => Promise<unknown>;
  };
  await accounts.createUser(ctx, systemActor('browser-test'), {
    username: 'browser.admin',
    role: 'admin',
    organizationCode: 'DB',
    password: PASSWORD,
    displayName: 'Quản trị thử nghiệm',
  });
  return 'browser.admin';
}

/**
 * Generates the demo, starts the app on a random port, launches Chromium and signs in; with
 * `empty`, an empty database (no demo, no user: the first-run screen) and nobody signed in.
 */
export async function startBrowserHarness(
  options: { empty?: boolean } = {},
): Promise<BrowserHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvien-browser-'));
  const ctx = await openContext(`sqlite:${join(dir, 'demo.sqlite')}`, fixedClock('2026-11-27'));
  if (!options.empty) await generateDemo(ctx, systemActor('browser-test'));
  const username = options.empty ? null : await createTestAdmin(ctx);
  const { app } = await buildApp(ctx, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const openApi = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as OpenApiDocument;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  // The browser's "today" is the server's fixed 27/11/2026 (morning in Vietnam), not the machine's
  // date: the app defaults forms to today in UTC+7, which past 17:00 UTC is already the 28th, and
  // the server would then refuse a transition dated after its today.
  await context.clock.setFixedTime(new Date('2026-11-27T09:00:00+07:00'));
  for (const page of context.pages()) await page.close();
  const hasRoute = (method: string, path: string) =>
    Boolean(openApi.paths[path]?.[method.toLowerCase()]);
  let signedIn = false;
  if (username && hasRoute('post', '/api/v1/session')) {
    const answer = await context.request.post(`${baseUrl}/api/v1/session`, {
      data: { username, password: PASSWORD },
    });
    if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()} ${await answer.text()}`);
    signedIn = true;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ctx,
    app,
    baseUrl,
    context,
    signedIn,
    hasRoute,
    queryEnum: (path, parameter) =>
      openApi.paths[path]?.get?.parameters?.find((p) => p.name === parameter)?.schema?.enum ?? [],
    open: async (path, viewport) => {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${baseUrl}${path}`);
      return page;
    },
    screenshot: async (page, name) => {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      await app.close();
      await ctx.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
