import type { Context } from 'hono';
import type { Principal } from '../../../functions/domain/staff.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import { i18n } from '../../i18n/index.js';
import { renderPage } from '../../render.js';
import { staffOrRedirect } from '../../session.js';

/** 403 in the reader's language, with the staff navigation (the reader is signed in). */
export function forbiddenPage(c: Context<AuthEnv>) {
  const m = i18n(c).t.channels.forbidden;
  return renderPage(
    c,
    { title: m.title, staff: true, status: 403 },
    <>
      <h1>{m.title}</h1>
      <p>{m.body}</p>
    </>,
  );
}

/**
 * The signed-in staff member `allowed` lets in; anonymous readers go to the login page and come back,
 * others get the 403 page.
 */
export async function staffAllowed(
  c: Context<AuthEnv>,
  allowed: (who: Principal) => boolean,
): Promise<{ who: Principal } | { response: Response }> {
  const r = staffOrRedirect(c);
  if ('response' in r) return r;
  if (!allowed(r.who)) return { response: await forbiddenPage(c) };
  return r;
}
