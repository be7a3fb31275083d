import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ReporterVault } from '../functions/services/ports.js';

/**
 * One-time messages between a POST and the GET after its 303 (the receipt with the access code, the
 * tracking view): sealed with the reporter-data key (so a browser cannot read or forge it), in an
 * HttpOnly cookie that lives five minutes and is deleted by the first read. Secrets never go in a URL.
 */
const PREFIX = 'duban_flash_';
const TTL_SECONDS = 300;

export async function setFlash(c: Context, vault: ReporterVault, name: string, value: unknown) {
  const sealed = await vault.sealSecret(`flash:${name}`, JSON.stringify({ v: value, at: Date.now() }));
  setCookie(c, PREFIX + name, sealed, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
    maxAge: TTL_SECONDS,
  });
}

/** The flash value, once: the cookie is deleted whether or not it opens. */
export async function takeFlash<T>(c: Context, vault: ReporterVault, name: string): Promise<T | undefined> {
  const sealed = getCookie(c, PREFIX + name);
  if (!sealed) return undefined;
  deleteCookie(c, PREFIX + name, { path: '/' });
  try {
    const { v, at } = JSON.parse(await vault.openSecret(`flash:${name}`, sealed)) as { v: T; at: number };
    return Date.now() - at <= TTL_SECONDS * 1000 ? v : undefined;
  } catch {
    return undefined;
  }
}
