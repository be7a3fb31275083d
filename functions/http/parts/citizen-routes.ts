/**
 * The HTTP API routes (API Gateway path patterns, any method) that go to the citizen function — what
 * citizens and Open311 apps hit; every other path goes to the staff function (`$default`), which serves
 * the whole app. test/integration/citizen-app.test.ts checks that the citizen app serves every route
 * these patterns send it and nothing outside them; test/infra/template.test.ts that the API routes them.
 */
export const citizenRoutes = [
  '/',
  '/report',
  '/report/{proxy+}',
  '/track',
  '/track/{proxy+}',
  '/static/{proxy+}',
  '/lang/{lang}',
  '/healthz',
  '/api/v1/catalog',
  '/api/v1/complaints',
  '/api/v1/track',
  '/api/v1/evidence/{proxy+}',
  '/open311/{proxy+}',
] as const;

/** Whether an HTTP API route pattern (`{name}` one segment, `{name+}` the rest) matches a request path. */
export function routeMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('/')
    .map((segment) =>
      /^\{[^}]+\+\}$/.test(segment)
        ? '.+'
        : /^\{[^}]+\}$/.test(segment)
          ? '[^/]+'
          : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`).test(path);
}
