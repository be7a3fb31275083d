import type { Page } from 'playwright-core';
import type { Lang } from './browser.js';

/**
 * Walks a reader through every page, yielding a short name at each stop (the screenshot script and
 * the axe test both use it, so a new page added here is checked and pictured).
 */
export async function* pageTour(
  page: Page,
  url: (path: string) => string,
  _lang: Lang,
): AsyncGenerator<string> {
  await page.goto(url('/'));
  yield 'home';
  await page.goto(url('/no-such-page'));
  yield 'not-found';
  await page.goto(url('/staff/login'));
  yield 'staff-login';
}
