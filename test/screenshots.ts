/**
 * `npm run screenshots`: phone-size (390×844) PNGs of each page in both languages into
 * docs/screenshots/ (SHOTS=desktop adds 1366×768 ones). Starts its own in-memory runtime.
 */
import { browserRuntime, DESKTOP, type Lang, newReader, PHONE, screenshot } from './support/browser.js';
import { pageTour } from './support/page-tour.js';

const out = process.env.SHOTS_DIR ?? 'docs/screenshots';
const sizes = process.env.SHOTS === 'desktop' ? { phone: PHONE, desktop: DESKTOP } : { phone: PHONE };
const env = await browserRuntime();
try {
  for (const lang of ['zh-CN', 'en'] as Lang[]) {
    for (const [size, viewport] of Object.entries(sizes)) {
      const { context, page } = await newReader(env.browser, { lang, viewport });
      for await (const stop of pageTour(page, env.url, lang, env.runtime)) {
        const file = `${out}/${stop}-${lang === 'en' ? 'en' : 'zh'}${size === 'phone' ? '' : `-${size}`}.png`;
        await screenshot(page, file);
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await env.close();
}
