import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets } from '../../web/static/assets.js';
import { formPost, pageGet } from '../support/pages.js';
import { testRuntime } from '../support/runtime.js';

describe('page stack through app.request()', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('serves Chinese by default and English when the browser prefers it', async () => {
    // Act
    const zh = await pageGet(rt.app, '/');
    const en = await pageGet(rt.app, '/', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    // Assert
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Report a double-reduction problem');
  });

  it('remembers the language switch in a cookie and returns to the page', async () => {
    // Act
    const res = await rt.app.request('/lang/en?back=%2Ftrack');
    const cookie = res.headers.get('set-cookie') ?? '';
    const next = await pageGet(rt.app, '/', { cookie: cookie.split(';')[0] ?? '' });
    // Assert
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/track');
    expect(cookie).toMatch(/^duban_lang=en;/);
    expect(next.html).toContain('<html lang="en">');
  });

  it('never redirects the language switch off the site', async () => {
    // Act
    const res = await rt.app.request('/lang/en?back=%2F%2Fevil.example');
    // Assert
    expect(res.headers.get('location')).toBe('/');
  });

  it('answers unknown pages with an HTML 404 in the reader’s language and API paths with JSON', async () => {
    // Act
    const page = await pageGet(rt.app, '/no-such-page', { 'accept-language': 'en' });
    const api = await rt.app.request('/api/v1/no-such-route');
    // Assert
    expect(page.status).toBe(404);
    expect(page.html).toContain('Page not found');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });

  it('serves static assets under hashed names with immutable caching, and 404s an old hash', async () => {
    // Act
    const css = await rt.app.request(assets.css.path);
    const js = await rt.app.request(assets.js.path);
    const old = await rt.app.request('/static/app.000000000000.css');
    // Assert
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(old.status).toBe(404);
  });

  it('sends a strict CSP without inline script or style', async () => {
    // Act
    const res = await rt.app.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const html = await res.text();
    // Assert
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('refuses a page form without the CSRF token, or from another origin', async () => {
    // Arrange
    const login = await pageGet(rt.app, '/staff/login');
    // Act
    const noToken = await rt.app.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: login.cookies },
      body: 'username=operator&password=duban-demo',
    });
    const crossSite = await formPost(
      rt.app,
      '/staff/login',
      login,
      { username: 'operator', password: 'duban-demo' },
      {
        origin: 'https://evil.example',
      },
    );
    // Assert
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('表单已过期');
    expect(crossSite.status).toBe(403);
  });

  it('keeps the JSON index of the API at /api', async () => {
    // Act
    const res = await rt.app.request('/api');
    // Assert
    expect(((await res.json()) as { links: { openapi: string } }).links.openapi).toBe('/api/v1/openapi.json');
  });
});
