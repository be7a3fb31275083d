/**
 * A tour of the staff workbench pages for each role (axe test and screenshots): logs in through the
 * login page and visits the home, a case page, search and the inspection form.
 */
import type { Page } from 'playwright-core';

export async function loginPage(page: Page, url: (p: string) => string, username: string) {
  await page.goto(url('/staff/login'));
  await page.fill('#f-username', username);
  await page.fill('#f-password', 'duban-demo');
  await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.click('main button[type="submit"]')]);
}

export async function logout(page: Page) {
  await page.context().clearCookies();
}

/** Yields a name at each stop; `code` is a case every role in the tour may open. */
export async function* workbenchTour(
  page: Page,
  url: (p: string) => string,
  code: string,
): AsyncGenerator<string> {
  await loginPage(page, url, 'inspector-a');
  yield 'staff-inspector-queue';
  await page.goto(url(`/staff/cases/${code}`));
  yield 'staff-case-inspector';
  await page.goto(url('/staff/inspection'));
  yield 'staff-inspection';
  await logout(page);
  await loginPage(page, url, 'dispatcher');
  yield 'staff-dispatcher-triage';
  await page.goto(url(`/staff/cases/${code}`));
  yield 'staff-case-dispatcher';
  await page.goto(url('/staff/search'));
  yield 'staff-search';
  await logout(page);
  await loginPage(page, url, 'leader');
  await page.goto(url(`/staff/cases/${code}`));
  yield 'staff-case-leader';
  await logout(page);
  await loginPage(page, url, 'operator');
  yield 'staff-operator';
  await logout(page);
}
