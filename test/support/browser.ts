/**
 * Real headless Chromium (Debian's /usr/bin/chromium through playwright-core) against a test runtime
 * listening on a real port. Page tests, axe-core checks and the screenshot script use it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { RuntimeOptions } from '../../functions/local/runtime.js';
import { testRuntime } from './runtime.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1366, height: 768 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export type Lang = 'zh-CN' | 'en';

/**
 * A browser context like a reader's: a language (Accept-Language, navigator.language) and a viewport.
 * Console errors (CSP violations among them) are collected in `problems`.
 */
export async function newReader(
  browser: Browser,
  opts: { lang?: Lang; viewport?: { width: number; height: number }; javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale: opts.lang ?? 'zh-CN',
    extraHTTPHeaders: { 'accept-language': opts.lang === 'en' ? 'en-GB,en;q=0.9' : 'zh-CN,zh;q=0.9' },
    viewport: opts.viewport ?? PHONE,
    javaScriptEnabled: opts.javaScript ?? true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // Console errors (CSP violations, script errors) and failed sub-resources; a 4xx page itself (a form
  // re-shown with its errors) is expected and not a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

/** The embedded runtime on a free port (rate limits off unless asked) plus a browser. */
export async function browserRuntime(opts: Partial<RuntimeOptions> = {}) {
  const runtime = await testRuntime({ port: 0, ...opts });
  const browser = await launchBrowser();
  return {
    runtime,
    browser,
    url: (path: string) => `${runtime.url}${path}`,
    async close() {
      await browser.close();
      await runtime.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations. The script
 * goes in through the DevTools protocol (page.evaluate), which the page's CSP does not block.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  };
  // A string, evaluated in the page (the test code has no DOM types).
  const results: axe.AxeResults = await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Saves a full-page PNG (creating the folder). */
export async function screenshot(page: Page, path: string, fullPage = true) {
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage });
}
