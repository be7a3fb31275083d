/**
 * Each Lambda bundle's size and its cold import time in Node, built with the options the CDK uses
 * (esbuild, ESM, minified, node22, AWS SDK external), against an empty bundle as the baseline.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../support/child-process.js';

const entries = {
  'http (functions/http/lambda.ts)': 'functions/http/lambda.ts',
  'workflow tasks (functions/workflow/lambda.ts)': 'functions/workflow/lambda.ts',
  'reconciler (functions/workflow/reconcile-lambda.ts)': 'functions/workflow/reconcile-lambda.ts',
};

/** Dummy configuration: importing the entry builds its clients but calls nothing. */
const env = {
  ...process.env,
  AWS_REGION: 'cn-north-1',
  TABLE_NAME: 'duban',
  STATE_MACHINE_ARN: 'arn:aws:states:cn-north-1:123456789012:stateMachine:duban',
  REPORTER_KEY_ARN: 'arn:aws:kms:cn-north-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  USER_POOL_ID: 'cn-north-1_example',
  USER_POOL_CLIENT_ID: 'example',
};

function importMs(file: string, runs = 5): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
  const times = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    ),
  ).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number; // median of fresh processes
}

export async function benchBundles() {
  const dir = join(repoRoot, '.bench', 'bundles'); // inside the repo so external @aws-sdk/* resolve
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => ({});\n');
  const rows: { bundle: string; 'size KB': number; 'import ms': number }[] = [
    {
      bundle: 'empty',
      'size KB': Math.round(statSync(empty).size / 102.4) / 10,
      'import ms': Math.round(importMs(empty) * 10) / 10,
    },
  ];
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = join(dir, `${entry.replace(/[/.]/g, '_')}.mjs`);
    await build({
      entryPoints: [join(repoRoot, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*'],
      banner: {
        js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    rows.push({
      bundle: name,
      'size KB': Math.round(statSync(outfile).size / 102.4) / 10,
      'import ms': Math.round(importMs(outfile) * 10) / 10,
    });
  }
  return rows;
}
