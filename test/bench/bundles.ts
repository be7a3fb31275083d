/**
 * Each Lambda bundle as deployed (infra/bundle.ts: esbuild, ESM with code splitting, minified, node22;
 * the HTTP functions with the AWS SDK bundled, the others with the runtime's) — size and cold import
 * time: a fresh `node` process (with the function's NODE_OPTIONS) imports `index.mjs`, which builds the
 * function's clients and app (no request). "cold-start KB" is `index.mjs` with the chunks it imports
 * statically; chunks loaded with `import()` on first use count only in "with lazy chunks".
 * BENCH_IMPORT_RUNS (default 9) fresh processes per bundle; median and p90.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { type BundleSpec, bundle, coldStartOutputs } from '../../infra/bundle.js';
import { repoRoot } from '../support/child-process.js';

/** As in infra/stateless-stack.ts: bundling and the function's NODE_OPTIONS (source maps at run time). */
const sourceMaps = ['--enable-source-maps'];
const functions: Record<string, BundleSpec & { nodeOptions: string[] }> = {
  'citizen (functions/http/citizen-lambda.ts)': {
    entry: 'functions/http/citizen-lambda.ts',
    awsSdk: 'bundled',
    nodeOptions: [],
  },
  'staff (functions/http/lambda.ts)': {
    entry: 'functions/http/lambda.ts',
    awsSdk: 'bundled',
    nodeOptions: sourceMaps,
  },
  'workflow tasks (functions/workflow/lambda.ts)': {
    entry: 'functions/workflow/lambda.ts',
    awsSdk: 'runtime',
    nodeOptions: sourceMaps,
  },
  'reconciler (functions/workflow/reconcile-lambda.ts)': {
    entry: 'functions/workflow/reconcile-lambda.ts',
    awsSdk: 'runtime',
    nodeOptions: sourceMaps,
  },
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
  EVIDENCE_BUCKET: 'duban-evidence-example',
  NODE_NO_WARNINGS: '1',
};

export interface ImportTimes {
  median: number;
  p90: number;
}

/** Wall time to import `file` in fresh `node` processes (module load + top-level code), sorted runs. */
export function importTimes(
  file: string,
  nodeOptions: string[] = [],
  runs = Number(process.env.BENCH_IMPORT_RUNS ?? 9),
): ImportTimes {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
  const times = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    ),
  ).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(runs - 1, Math.ceil(q * runs) - 1)] as number;
  return { median: at(0.5), p90: at(0.9) };
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

const ms = (n: number) => Math.round(n * 10) / 10;

export async function benchBundles() {
  const dir = join(repoRoot, '.bench', 'bundles'); // inside the repo, like the CDK's staging
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => ({});\n');
  const emptyTimes = importTimes(empty);
  const emptyBytes = readFileSync(empty);
  const rows = [
    {
      bundle: 'empty',
      'cold-start KB': kb(emptyBytes.length),
      'cold-start gzip KB': kb(gzipSync(emptyBytes).length),
      'with lazy chunks KB': kb(emptyBytes.length),
      'import median ms': ms(emptyTimes.median),
      'import p90 ms': ms(emptyTimes.p90),
    },
  ];
  for (const [name, spec] of Object.entries(functions)) {
    const outdir = join(dir, spec.entry.replace(/[/.]/g, '_'));
    const meta = await bundle(spec, outdir);
    writeFileSync(join(outdir, 'meta.json'), JSON.stringify(meta));
    const loaded = Buffer.concat(coldStartOutputs(meta).map((file) => readFileSync(join(repoRoot, file))));
    const all = Object.entries(meta.outputs).filter(([file]) => file.endsWith('.mjs'));
    const times = importTimes(join(outdir, 'index.mjs'), spec.nodeOptions);
    rows.push({
      bundle: name,
      'cold-start KB': kb(loaded.length),
      'cold-start gzip KB': kb(gzipSync(loaded).length),
      'with lazy chunks KB': kb(all.reduce((sum, [, out]) => sum + out.bytes, 0)),
      'import median ms': ms(times.median),
      'import p90 ms': ms(times.p90),
    });
  }
  return rows;
}

/** An API Gateway HTTP API (payload 2.0) GET, as the Lambda receives it. */
const getEvent = (path: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'duban.example.cn', 'accept-language': 'zh-CN' },
  requestContext: {
    domainName: 'duban.example.cn',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: '$default',
    stage: '$default',
  },
  isBase64Encoded: false,
});

/**
 * The citizen function's cold start with its first requests: a fresh process imports the bundle, then
 * its handler answers GET / and GET /report in turn, with DynamoDB pointed at the embedded store
 * (AWS_ENDPOINT_URL_DYNAMODB). Times: import, first request, second request (ms, medians).
 */
export async function benchCitizenFirstRequests(runs = Number(process.env.BENCH_IMPORT_RUNS ?? 9)) {
  const dir = join(repoRoot, '.bench', 'bundles', 'first-request');
  rmSync(dir, { recursive: true, force: true });
  await bundle({ entry: 'functions/http/citizen-lambda.ts', awsSdk: 'bundled' }, dir);
  const rt = await startRuntime({ logger: silentLogger, intakeRateLimit: 0, trackRateLimit: 0 });
  try {
    const script = `
      const t0 = performance.now();
      const { handler } = await import(${JSON.stringify(`file://${join(dir, 'index.mjs')}`)});
      const t1 = performance.now();
      const home = await handler(${JSON.stringify(getEvent('/'))}, {});
      const t2 = performance.now();
      const report = await handler(${JSON.stringify(getEvent('/report'))}, {});
      const t3 = performance.now();
      if (home.statusCode !== 200 || report.statusCode !== 200) throw new Error('status ' + home.statusCode + ' ' + report.statusCode);
      console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2]));`;
    const samples = Array.from(
      { length: runs },
      () =>
        JSON.parse(
          execFileSync(process.execPath, ['--input-type=module', '-e', script], {
            env: {
              ...env,
              TABLE_NAME: tableDesign.defaultTableName,
              AWS_ENDPOINT_URL_DYNAMODB: rt.storeEndpoint,
              AWS_ACCESS_KEY_ID: 'local',
              AWS_SECRET_ACCESS_KEY: 'local',
            },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          }),
        ) as number[],
    );
    const median = (i: number) =>
      ms(samples.map((s) => s[i] as number).sort((a, b) => a - b)[Math.floor(runs / 2)] as number);
    return {
      'citizen function, fresh process': {
        'import ms': median(0),
        'first GET / ms': median(1),
        'then GET /report ms': median(2),
      },
    };
  } finally {
    await rt.close();
  }
}

// `npx tsx test/bench/bundles.ts`: this table alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchBundles());
  console.table(await benchCitizenFirstRequests());
}
