/**
 * What the citizen function's bundle gets in place of `@asteasolutions/zod-to-openapi` (infra/bundle.ts
 * swaps it in for that entry only; tests, `npm start` and the staff function keep the real library).
 *
 * `@hono/zod-openapi` uses that library for documentation only: a registry of route definitions from
 * which it generates `/api/v1/openapi.json`, and `.openapi()` on zod schemas, which attaches examples,
 * descriptions and component names to a copy of the schema. Validation is `@hono/zod-openapi`'s own
 * (zod, through `@hono/zod-validator`) and is unchanged. API Gateway sends the OpenAPI document's path to
 * the staff function, which builds it from the same schemas, so here the registry only keeps the route
 * definitions (compose.ts reads the staff routes from them) and `.openapi()` returns the schema as is:
 * 29 KB less code to compile at cold start and no metadata copies of every documented schema at import.
 * test/infra/citizen-bundle.test.ts checks the bundle holds none of the library and still validates.
 */

type Definition =
  | { type: 'route'; route: unknown }
  | { type: 'webhook'; webhook: unknown }
  | { type: 'component'; componentType: string; name: string; component: unknown }
  | { type: 'schema' | 'parameter'; schema: unknown };

export class OpenAPIRegistry {
  readonly definitions: Definition[] = [];

  registerPath(route: unknown) {
    this.definitions.push({ type: 'route', route });
  }

  registerWebhook(webhook: unknown) {
    this.definitions.push({ type: 'webhook', webhook });
  }

  registerComponent(componentType: string, name: string, component: unknown) {
    this.definitions.push({ type: 'component', componentType, name, component });
    return { name, ref: { $ref: `#/components/${componentType}/${name}` } };
  }

  register<T>(_refId: string, schema: T): T {
    this.definitions.push({ type: 'schema', schema });
    return schema;
  }

  registerParameter<T>(_refId: string, schema: T): T {
    this.definitions.push({ type: 'parameter', schema });
    return schema;
  }
}

/** The document generators: this function has no document to generate. */
class NoOpenApiDocument {
  generateDocument(): never {
    throw new Error('The citizen function serves no OpenAPI document; the staff function does.');
  }
}

export { NoOpenApiDocument as OpenApiGeneratorV3, NoOpenApiDocument as OpenApiGeneratorV31 };

/** `.openapi(...)` on every zod schema: documentation only, so the schema itself. */
export function extendZodWithOpenApi(zod: { ZodType: { prototype: { openapi?: unknown } } }) {
  // Assigned, not defined: zod 4 copies the prototype's enumerable keys onto each schema it builds.
  zod.ZodType.prototype.openapi ??= function self<T>(this: T): T {
    return this;
  };
}

export const getOpenApiMetadata = (_schema: unknown): { _internal?: { refId?: string } } => ({});
