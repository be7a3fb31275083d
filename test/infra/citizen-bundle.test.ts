import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { bundle, coldStartOutputs } from '../../infra/bundle.js';
import { apiGatewayEvent, invokeBundle } from '../support/lambda-bundle.js';
import { testRuntime, validComplaint } from '../support/runtime.js';

// The citizen function's bundle as deployed (infra/bundle.ts): what it contains, not how fast it is.
let dir: string;
let meta: Metafile;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-citizen-bundle-'));
  meta = await bundle({ entry: 'functions/http/citizen-lambda.ts', awsSdk: 'bundled' }, dir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Source files bundled into the given output files. */
const inputsOf = (outputs: string[]) =>
  outputs.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
const matching = (inputs: string[], patterns: RegExp[]) => [
  ...new Set(inputs.filter((input) => patterns.some((p) => p.test(input)))),
];

describe('citizen function bundle', () => {
  it('holds no staff-only module: no spreadsheet or chart library, no staff API, page or message catalog', () => {
    // Arrange
    const staffOnly = [
      /node_modules\/exceljs\//,
      /node_modules\/echarts\//,
      /node_modules\/zrender\//,
      /node_modules\/@aws-sdk\/client-cognito-identity-provider\//,
      /functions\/http\/(admin|staff|leader|reports|workbench|notifications|work-orders|case-actions|open311-admin)-api\.ts$/,
      /functions\/services\/reports\//,
      /web\/pages\/(workbench|reports)\//,
      /web\/pages\/(admin-accounts|admin-reference|leader|staff|intake|hosted-login)\.tsx$/,
      // The staff areas' messages (web/i18n/public-messages.ts holds what the citizen pages need).
      /web\/i18n\/(staff|workbench|admin|reports|channels|index)\.ts$/,
    ];
    // Act
    const everything = inputsOf(Object.keys(meta.outputs));
    // Assert
    expect(everything.some((input) => input.endsWith('functions/http/public-api.ts'))).toBe(true);
    expect(matching(everything, staffOnly)).toEqual([]);
  });

  it('loads the Encryption SDK, KMS, Step Functions and S3 only on first use, not at cold start', () => {
    // Arrange
    const lazy = [
      /node_modules\/@aws-crypto\//,
      /node_modules\/@aws-sdk\/client-(kms|sfn|s3)\//,
      /node_modules\/@aws-sdk\/s3-request-presigner\//,
    ];
    // Act
    const atColdStart = inputsOf(coldStartOutputs(meta));
    const later = inputsOf(Object.keys(meta.outputs).filter((f) => !coldStartOutputs(meta).includes(f)));
    // Assert
    expect(atColdStart.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(matching(atColdStart, lazy)).toEqual([]);
    expect(matching(later, lazy).length).toBeGreaterThan(0);
  });

  it('leaves out zod’s message locales except the English one zod imports itself', () => {
    // Act
    const locales = matching(inputsOf(Object.keys(meta.outputs)), [/node_modules\/zod\/v4\/locales\//]);
    // Assert
    expect(locales.map((l) => l.replace(/.*\/locales\//, ''))).toEqual(['en.js']);
  });
});

describe('citizen function bundle: no OpenAPI document', () => {
  it('holds none of zod-to-openapi (the staff function serves the document)', () => {
    // Act
    const everything = inputsOf(Object.keys(meta.outputs));
    // Assert
    expect(matching(everything, [/node_modules\/@asteasolutions\/zod-to-openapi\//])).toEqual([]);
    expect(everything.some((input) => input.endsWith('functions/http/parts/no-openapi-document.ts'))).toBe(
      true,
    );
  });

  it('run as the Lambda, still validates every edge and answers from the store', async () => {
    // Arrange: the deployed bundle in a fresh process, DynamoDB = a test store.
    const rt = await testRuntime();
    const { description: _, ...noDescription } = validComplaint();
    try {
      // Act
      const { answers } = await invokeBundle(
        dir,
        [
          apiGatewayEvent('GET', '/'),
          apiGatewayEvent('GET', '/api/v1/catalog'),
          apiGatewayEvent('POST', '/api/v1/complaints', { body: { ...noDescription, grade: 'three' } }),
          apiGatewayEvent('POST', '/api/v1/track', {
            body: { trackingCode: 'DB-0000000000', accessCode: 'x' },
          }),
        ],
        {
          env: {
            TABLE_NAME: tableDesign.defaultTableName,
            AWS_ENDPOINT_URL_DYNAMODB: rt.storeEndpoint,
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
          },
        },
      );
      // Assert
      const [home, catalog, complaint, track] = answers;
      expect(home?.statusCode).toBe(200);
      expect(home?.body).toContain('<html');
      expect(catalog?.statusCode).toBe(200);
      expect(JSON.parse(catalog?.body ?? '{}').categories.length).toBeGreaterThan(0);
      expect(complaint?.statusCode).toBe(400);
      const fields = JSON.parse(complaint?.body ?? '{}').error.fields.map((f: { path: string }) => f.path);
      expect(fields.sort()).toEqual(['description', 'grade']);
      expect(track?.statusCode).toBe(404); // well-formed, unknown: read from the store
    } finally {
      await rt.close();
    }
  }, 60_000);
});
