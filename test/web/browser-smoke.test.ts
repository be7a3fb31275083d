import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRuntime, DESKTOP, newReader, seriousA11yViolations } from '../support/browser.js';

describe('page stack in Chromium', () => {
  let env: Awaited<ReturnType<typeof browserRuntime>>;
  beforeAll(async () => {
    env = await browserRuntime();
  });
  afterAll(async () => {
    await env.close();
  });

  it('renders the home page with its stylesheet and script under the strict CSP', async () => {
    // Arrange
    const { context, page, problems } = await newReader(env.browser, { viewport: DESKTOP });
    // Act
    await page.goto(env.url('/'));
    const background = await page.evaluate(
      "getComputedStyle(document.querySelector('.site-header')).backgroundColor",
    );
    // Assert
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(background).toBe('rgb(29, 79, 145)');
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
