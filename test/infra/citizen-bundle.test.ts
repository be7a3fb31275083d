import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, coldStartOutputs } from '../../infra/bundle.js';

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
  it('holds no staff-only module: no spreadsheet or chart library, no staff API or page, no reports', () => {
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
