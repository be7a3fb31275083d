/** Helpers for page tests through app.request(): cookies, the CSRF token, form posts. */
type Requester = { request: (p: string, i?: RequestInit) => Response | Promise<Response> };

export interface PageResult {
  status: number;
  html: string;
  /** `name=value; …` of every cookie the response set, merged with those sent. */
  cookies: string;
  /** The CSRF token of the page's forms, if any. */
  csrf: string | undefined;
  location: string | null;
  headers: Headers;
}

function mergeCookies(sent: string, res: Response): string {
  const jar = new Map<string, string>();
  for (const part of sent.split(/;\s*/).filter(Boolean)) {
    const [k, ...v] = part.split('=');
    if (k) jar.set(k, v.join('='));
  }
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const [k, ...v] = pair.split('=');
    if (!k) continue;
    const value = v.join('=');
    if (value === '' || /max-age=0/i.test(line)) jar.delete(k);
    else jar.set(k, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function result(res: Response, sentCookies: string): Promise<PageResult> {
  const html = await res.text();
  return {
    status: res.status,
    html,
    cookies: mergeCookies(sentCookies, res),
    csrf: html.match(/name="_csrf" value="([^"]+)"/)?.[1],
    location: res.headers.get('location'),
    headers: res.headers,
  };
}

export async function pageGet(app: Requester, path: string, headers: Record<string, string> = {}) {
  return result(await app.request(path, { headers }), headers.cookie ?? '');
}

/**
 * Posts a form as a browser would from `from` (a page that carried the token): same cookies, its CSRF
 * token, our Origin.
 */
export async function formPost(
  app: Requester,
  path: string,
  from: Pick<PageResult, 'cookies' | 'csrf'>,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  if (from.csrf) body.append('_csrf', from.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  const res = await app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      cookie: from.cookies,
      ...headers,
    },
    body: body.toString(),
  });
  return result(res, from.cookies);
}
