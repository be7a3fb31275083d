import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { appJs } from './app-js.js';
import { adminCss } from './css/admin.js';
import { baseCss } from './css/base.js';
import { channelsCss } from './css/channels.js';
import { evidenceCss } from './css/evidence.js';
import { reportsCss } from './css/reports.js';
import { workbenchCss } from './css/workbench.js';

/**
 * Static assets as string modules (no loader, no files to copy: the Lambda bundle carries them), served
 * under content-hashed names with a year of immutable caching. One stylesheet: the base plus each area's
 * namespaced additions, in this order.
 */
const css = [baseCss, workbenchCss, adminCss, reportsCss, evidenceCss, channelsCss].join('\n');

/** The site icon: a seal-like square with 督. */
const iconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4f91"/><text x="16" y="24" font-size="22" text-anchor="middle" fill="#fff" font-family="sans-serif">督</text></svg>';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

interface Asset {
  path: string;
  body: string;
  type: string;
}

function asset(name: string, ext: string, body: string, type: string): Asset {
  return { path: `/static/${name}.${hash(body)}.${ext}`, body, type };
}

export const assets = {
  css: asset('app', 'css', css, 'text/css; charset=utf-8'),
  js: asset('app', 'js', appJs, 'text/javascript; charset=utf-8'),
  icon: asset('icon', 'svg', iconSvg, 'image/svg+xml'),
} as const;

/** GET /static/<name>.<hash>.<ext>; any other name (an old hash) is a 404. */
export function staticAssets() {
  const app = new Hono();
  const byPath = new Map(Object.values(assets).map((a) => [a.path, a]));
  app.get('/static/:file', (c) => {
    const found = byPath.get(c.req.path);
    if (!found) return c.notFound();
    c.header('Content-Type', found.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(found.body);
  });
  return app;
}
