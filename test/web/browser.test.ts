/**
 * The public pages in real headless Chromium (playwright-core driving Debian's chromium) against the
 * embedded runtime on a real port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeViolation,
  browserRuntime,
  DESKTOP,
  type Lang,
  newReader,
  seriousA11yViolations,
} from '../support/browser.js';
import { makePng } from '../support/images.js';
import { pageTour } from '../support/page-tour.js';

let env: Awaited<ReturnType<typeof browserRuntime>>;
beforeAll(async () => {
  env = await browserRuntime();
});
afterAll(async () => {
  await env?.close();
});

const text = (s: string | null) => (s ?? '').trim();

describe('citizens in Chromium', () => {
  it('load the page with its stylesheet and script under the strict CSP', async () => {
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
    await context.close();
  });

  it('files a complaint, copies the codes, and tracks the case', async () => {
    // Arrange
    const { context, page, problems } = await newReader(env.browser);
    // Act: the form
    await page.goto(env.url('/'));
    await page.click('a.button[href="/report"]');
    await page.check('input[name=category][value=HOMEWORK_OVERLOAD]');
    await page.click('button[value=continue]');
    await page.selectOption('select[name=area]', 'LONGSHUI');
    await page.check('input[name="subject.kind"][value=school]');
    await page.fill('input[name="subject.name"]', '龙水镇第一小学');
    await page.click('button[value=continue]');
    await page.fill('textarea[name=description]', '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。');
    await page.fill('input[name=occurredOn]', '2026-02-27');
    await page.click('button[value=continue]');
    // photos: a tiny valid PNG, uploaded on the step (works without script), then on
    await page.setInputFiles('input[name=photos]', {
      name: 'homework.png',
      mimeType: 'image/png',
      buffer: makePng({ width: 32, height: 24 }),
    });
    await page.click('button[value=upload]');
    await page.waitForSelector('.ev-gallery img');
    // The element appears before its image has loaded (naturalWidth 0 until then, seen under load).
    await page.waitForFunction("document.querySelector('.ev-gallery img')?.complete");
    const stagedLoaded = await page.evaluate("document.querySelector('.ev-gallery img').naturalWidth");
    await page.click('button[value=continue]');
    await page.check('input[name=anonymous][value=no]');
    await page.fill('input[name="reporter.phone"]', '13812345678');
    await page.click('button[value=continue]');
    const review = text(await page.textContent('main'));
    await page.click('button[value=submit]');
    const trackingCode = text(await page.textContent('#tracking-code'));
    const accessCode = text(await page.textContent('#access-code'));
    await page.click('button[data-copy=access-code]');
    const copied = await page.evaluate('navigator.clipboard.readText()');
    const receiptUrl = page.url();
    // Act: tracking from the home page box
    await page.goto(env.url('/'));
    await page.fill('#f-trackingCode', trackingCode.toLowerCase());
    await page.fill('#f-accessCode', accessCode);
    await page.click('main form[action="/track"] button');
    const tracked = text(await page.textContent('main'));
    await page.waitForFunction("document.querySelector('.ev-gallery img')?.complete");
    const trackedPhoto = await page.evaluate("document.querySelector('.ev-gallery img').naturalWidth");
    // Assert
    expect(stagedLoaded).toBe(32);
    expect(review).toContain('1 张照片');
    expect(tracked).toContain('照片证据');
    expect(trackedPhoto).toBe(32);
    expect(review).toContain('龙水片区督导室');
    expect(review).toContain('2026年3月23日前');
    expect(trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(copied).toBe(accessCode);
    expect(receiptUrl).toBe(env.url('/report/done'));
    expect(page.url()).toBe(env.url('/track'));
    expect(tracked).toContain(trackingCode);
    expect(tracked).toContain('龙水片区督导室');
    expect(tracked).toContain('还有 15 个工作日');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('files an anonymous complaint with JavaScript off', async () => {
    // Arrange
    const { context, page } = await newReader(env.browser, { javaScript: false, lang: 'en' });
    // Act
    await page.goto(env.url('/report'));
    await page.check('input[name=category][value=LATE_TRAINING]');
    await page.click('button[value=continue]');
    await page.selectOption('select[name=area]', 'YOUTING');
    await page.check('input[name="subject.kind"][value=institution]');
    await page.fill('input[name="subject.name"]', '邮亭科技创客培训学校');
    await page.click('button[value=continue]');
    await page.fill('textarea[name=description]', 'Maths lessons run until 21:30 on Saturdays.');
    await page.click('button[value=continue]');
    await page.click('button[value=continue]'); // no photos
    await page.check('input[name=anonymous][value=yes]');
    await page.click('button[value=continue]');
    const review = text(await page.textContent('main'));
    await page.click('button[value=submit]');
    const trackingCode = text(await page.textContent('#tracking-code'));
    const stored = await env.runtime.store.getCase(trackingCode.replace('-', ''));
    // Assert
    expect(review).toContain('Anonymous');
    expect(review).toContain('Youting area inspection office');
    expect(await page.isVisible('button[data-copy]')).toBe(false);
    expect(stored?.anonymous).toBe(true);
    expect(stored?.reporter).toBeUndefined();
    await context.close();
  });

  it('submits the whole report with the keyboard only', async () => {
    // Arrange
    const { context, page, problems } = await newReader(env.browser, { viewport: DESKTOP });
    await page.goto(env.url('/report'));
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
      }
      throw new Error(`could not tab to ${selector}`);
    };
    // Act: kind (radios: Space picks the focused one)
    await tabTo('input[name=category]');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    // where
    await page.waitForSelector('select[name=area]');
    await tabTo('select[name=area]');
    await page.keyboard.press('ArrowDown');
    await tabTo('input[name="subject.kind"]');
    await page.keyboard.press('Space');
    await tabTo('input[name="subject.name"]');
    await page.keyboard.type('龙岗第一小学');
    await page.keyboard.press('Enter');
    // what
    await page.waitForSelector('textarea[name=description]');
    await tabTo('textarea[name=description]');
    await page.keyboard.type('一年级每天都布置书面家庭作业，要求家长批改。');
    await tabTo('button[value=continue]');
    await page.keyboard.press('Enter');
    // photos (none)
    await page.waitForSelector('input[name=photos]');
    await tabTo('button[value=continue]');
    await page.keyboard.press('Enter');
    // contact
    await page.waitForSelector('input[name=anonymous]');
    await tabTo('input[name=anonymous]');
    await page.keyboard.press('ArrowDown');
    await tabTo('button[value=continue]');
    await page.keyboard.press('Enter');
    // review
    await page.waitForSelector('button[value=submit]');
    await tabTo('button[value=submit]');
    const focusVisible = await page.evaluate(
      "getComputedStyle(document.activeElement).outlineStyle !== 'none' || getComputedStyle(document.activeElement).boxShadow !== 'none'",
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tracking-code');
    // Assert
    expect(focusVisible).toBe(true);
    expect(text(await page.textContent('#tracking-code'))).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the language chosen with the switch across pages', async () => {
    // Arrange
    const { context, page } = await newReader(env.browser);
    await page.goto(env.url('/track'));
    // Act
    await page.click('nav.lang a');
    const afterSwitch = { url: page.url(), lang: await page.getAttribute('html', 'lang') };
    await page.click('.site-nav a[href="/report"]');
    const onReport = await page.getAttribute('html', 'lang');
    await page.goto(env.url('/'));
    const onHome = text(await page.textContent('h1'));
    // Assert
    expect(afterSwitch).toEqual({ url: env.url('/track'), lang: 'en' });
    expect(onReport).toBe('en');
    expect(onHome).toBe('Report a double-reduction problem');
    await context.close();
  });
});

describe('operators in Chromium', () => {
  it('files a hotline complaint for a landline caller and reads the codes back', async () => {
    // Arrange
    const { context, page, problems } = await newReader(env.browser, { viewport: DESKTOP });
    await page.goto(env.url('/staff/intake'));
    await page.fill('#f-username', 'operator');
    await page.fill('#f-password', 'duban-demo');
    await page.keyboard.press('Enter');
    await page.waitForSelector('form.intake');
    // Act: keyboard only, in the order of the call
    await page.keyboard.press('ArrowDown'); // category select has focus (autofocus)
    for (const [key, times] of [
      ['Tab', 1],
      ['ArrowDown', 4],
    ] as const)
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('龙水镇第一小学');
    await page.keyboard.press('Tab');
    await page.keyboard.type('家长来电：三年级每天书面作业超过两个小时。');
    await page.focus('#f-reporter-phone');
    await page.keyboard.type('023-4372 1234');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tracking-code');
    const trackingCode = text(await page.textContent('#tracking-code'));
    const stored = await env.runtime.store.getCase(trackingCode.replace('-', ''));
    // Assert
    expect(text(await page.textContent('h1'))).toBe('已登记，请向来电人读出两个码');
    expect(text(await page.textContent('#access-code'))).toMatch(/^[A-Z2-9]+$/);
    expect(stored?.channel).toBe('hotline');
    expect(stored?.enteredBy).toBe('operator');
    expect(stored?.category).toBe('HOMEWORK_OVERLOAD');
    expect(stored?.area).toBe('LONGSHUI');
    expect(await env.runtime.deps.vault.open(stored?.id ?? '', stored?.reporter ?? {})).toEqual({
      phone: '023-43721234',
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('accessibility in Chromium', () => {
  it.each(['zh-CN', 'en'] as Lang[])(
    'axe-core finds no serious or critical violation on any page (%s)',
    async (lang) => {
      // Arrange
      const { context, page, problems } = await newReader(env.browser, { lang });
      const found: Record<string, AxeViolation[]> = {};
      const visited: string[] = [];
      // Act
      for await (const stop of pageTour(page, env.url, lang, env.runtime)) {
        visited.push(stop);
        const violations = await seriousA11yViolations(page);
        if (violations.length) found[stop] = violations;
      }
      // Assert
      expect(visited.length).toBeGreaterThanOrEqual(18);
      expect(visited).toContain('staff-work-orders-summary');
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(found).toEqual({});
      expect(problems).toEqual([]);
      await context.close();
    },
    240_000, // the tour covers every page, an import among them; slow on a loaded machine
  );
});
