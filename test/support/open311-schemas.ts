/**
 * The official Open311 GeoReport v2 schemas (open311/schema-validation, see SOURCE.txt beside them),
 * found through OPEN311_SCHEMAS or a `shared/open311` folder above the repository, compiled with ajv.
 * They are draft-04 style without `$schema`; ajv's default draft reads every keyword they use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext resolution.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (
  ajv: Ajv,
) => Ajv;

function schemaDir(): string {
  if (process.env.OPEN311_SCHEMAS) return process.env.OPEN311_SCHEMAS;
  let dir = resolve(import.meta.dirname, '..', '..');
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'shared', 'open311');
    if (existsSync(join(candidate, 'request.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Open311 schemas not found: set OPEN311_SCHEMAS to the folder holding request.json');
}

export function open311Validators() {
  const dir = schemaDir();
  const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Swagger's "uid" format (ids) is a string; register it so the RequestResponse definition compiles.
  ajv.addFormat('uid', true);
  for (const name of [
    'service.json',
    'request.json',
    'services.json',
    'requests.json',
    'service-definition.json',
  ])
    ajv.addSchema(load(name), name);
  const swagger = load('swagger.json');
  const postAnswer = { type: 'array', items: swagger.definitions.RequestResponse };
  const check = (schema: string | object) => (data: unknown) => {
    const validate = typeof schema === 'string' ? ajv.getSchema(schema) : ajv.compile(schema);
    if (!validate) throw new Error(`no schema ${String(schema)}`);
    return validate(data)
      ? []
      : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
  };
  const error = {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      properties: { code: { type: 'integer' }, description: { type: 'string' } },
    },
  };
  return {
    services: check('services.json'),
    serviceDefinition: check('service-definition.json'),
    requests: check('requests.json'),
    postAnswer: check(postAnswer),
    errors: check(error),
  };
}
