/**
 * Each Lambda bundle as deployed (infra/bundle.ts: esbuild, ESM with code splitting, minified, node22;
 * the HTTP functions with the AWS SDK bundled, the others with the runtime's) — size and cold import
 * time: a fresh `node` process (with the function's NODE_OPTIONS) imports `index.mjs`, which builds the
 * function's clients and app (no request). "cold-start KB" is `index.mjs` with the chunks it imports
 * statically; chunks loaded with `import()` on first use count only in "with lazy chunks".
 * BENCH_IMPORT_RUNS (default 9) fresh processes per bundle; median and p90. Import alone flatters a
 * function that defers work to its first request, so `benchFirstResponses` (below) also times cold start
 * to first response.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { type BundleSpec, bundle, coldStartOutputs } from '../../infra/bundle.js';
import { repoRoot } from '../support/child-process.js';
import { apiGatewayEvent, invokeBundle, lambdaEnv } from '../support/lambda-bundle.js';
import { validComplaint } from '../support/runtime.js';

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
const env = { ...process.env, ...lambdaEnv };

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

/**
 * Stand-in for KMS and Step Functions (there is no local KMS): answers the three calls a complaint makes
 * (GenerateMac for the lookup key, GenerateDataKey for the reporter envelope, StartExecution) over local
 * HTTP, so the function loads and runs its real KMS, Encryption SDK and Step Functions code, signs and
 * sends real requests — only AWS's own latency is missing.
 */
export async function startKmsAndSfnStandIn() {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = raw ? (JSON.parse(raw) as Record<string, string>) : {};
      const answer: Record<string, Record<string, unknown>> = {
        'TrentService.GenerateMac': {
          KeyId: body.KeyId,
          MacAlgorithm: body.MacAlgorithm,
          Mac: createHmac('sha256', 'bench')
            .update(body.Message ?? '')
            .digest('base64'),
        },
        'TrentService.GenerateDataKey': {
          KeyId: body.KeyId,
          Plaintext: randomBytes(32).toString('base64'),
          CiphertextBlob: randomBytes(184).toString('base64'),
        },
        'AWSStepFunctions.StartExecution': {
          executionArn: `${env.STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${randomUUID()}`,
          startDate: Date.now() / 1000,
        },
      };
      const out = answer[target];
      res.writeHead(out ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out ?? { __type: 'UnknownOperationException', message: target }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FirstResponseTimes {
  function: string;
  'import median ms': number;
  'to first GET / median ms': number;
  'to first GET / p90 ms': number;
  'to first POST complaint median ms': number;
  'to first POST complaint p90 ms': number;
  'CPU to first GET / median ms': number;
  'CPU to first POST complaint median ms': number;
}

/**
 * Cold start to first response — what a Lambda cold start costs a citizen (init + first invoke; work
 * moved from import to the first request is no saving). A fresh process (with the function's
 * NODE_OPTIONS) imports the HTTP bundle and invokes `handler` once with an API Gateway v2 event: either
 * `GET /` (home page: catalog read, first render) or `POST /api/v1/complaints` with a valid complaint
 * with contact details and a phone (validComplaint) (rate-limit counter, catalog read, KMS lookup key, Encryption SDK seal, the case
 * write, Step Functions start). DynamoDB is the embedded store (dynalite, AWS_ENDPOINT_URL_DYNAMODB);
 * KMS and Step Functions the local stand-in above. Times from the start of the import to the handler's
 * answer (201 / 200 checked), BENCH_IMPORT_RUNS fresh processes each, interleaved; median and p90; and
 * the process's CPU time (user + system) over the same span, which a busy machine inflates less.
 * Local round trips are sub-millisecond, so AWS's network latency is not in these figures: they are the
 * function's own work.
 */
export async function benchFirstResponses(
  runs = Number(process.env.BENCH_IMPORT_RUNS ?? 9),
): Promise<FirstResponseTimes[]> {
  const dir = join(repoRoot, '.bench', 'bundles', 'first-response');
  rmSync(dir, { recursive: true, force: true });
  const http = Object.entries(functions).filter(([, spec]) => spec.entry.startsWith('functions/http/'));
  const outdirs = await Promise.all(
    http.map(async ([, spec], i) => {
      const outdir = join(dir, String(i));
      await bundle(spec, outdir);
      return outdir;
    }),
  );
  const rt = await startRuntime({ logger: silentLogger, intakeRateLimit: 0, trackRateLimit: 0 });
  const aws = await startKmsAndSfnStandIn();
  const runEnv = {
    TABLE_NAME: tableDesign.defaultTableName,
    AWS_ENDPOINT_URL_DYNAMODB: rt.storeEndpoint,
    AWS_ENDPOINT_URL_KMS: aws.endpoint,
    AWS_ENDPOINT_URL_SFN: aws.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  /**
   * [import ms, import to first response ms, CPU ms to first response] in a fresh process (async: the
   * store and the stand-in answer from this one).
   */
  const coldRequest = async (outdir: string, nodeOptions: string[], event: unknown, status: number) => {
    const { answers, times, cpu } = await invokeBundle(outdir, [event], { env: runEnv, nodeOptions });
    const answer = answers[0];
    if (answer?.statusCode !== status) throw new Error(`status ${answer?.statusCode} ${answer?.body}`);
    return [...times, cpu[1]] as [number, number, number];
  };
  try {
    const samples = http.map(() => ({
      imports: [] as number[],
      home: [] as number[],
      complaint: [] as number[],
      homeCpu: [] as number[],
      complaintCpu: [] as number[],
    }));
    for (let run = 0; run < runs; run++) {
      // Round by round, so every function sees the same load; a new client address per complaint keeps
      // the per-IP limit (counted in the table) out of the way while still doing its write.
      for (const [i, [, spec]] of http.entries()) {
        const outdir = outdirs[i] as string;
        const s = samples[i] as (typeof samples)[number];
        const [imported, home, homeCpu] = await coldRequest(
          outdir,
          spec.nodeOptions,
          apiGatewayEvent('GET', '/'),
          200,
        );
        const ip = `198.51.100.${(run * http.length + i) % 250}`;
        const [, complaint, complaintCpu] = await coldRequest(
          outdir,
          spec.nodeOptions,
          apiGatewayEvent('POST', '/api/v1/complaints', { sourceIp: ip, body: validComplaint() }),
          201,
        );
        s.imports.push(imported);
        s.home.push(home);
        s.complaint.push(complaint);
        s.homeCpu.push(homeCpu);
        s.complaintCpu.push(complaintCpu);
      }
    }
    const at = (xs: number[], q: number) =>
      ms([...xs].sort((a, b) => a - b)[Math.min(runs - 1, Math.ceil(q * runs) - 1)] as number);
    return http.map(([name], i) => {
      const s = samples[i] as (typeof samples)[number];
      return {
        function: name,
        'import median ms': at(s.imports, 0.5),
        'to first GET / median ms': at(s.home, 0.5),
        'to first GET / p90 ms': at(s.home, 0.9),
        'to first POST complaint median ms': at(s.complaint, 0.5),
        'to first POST complaint p90 ms': at(s.complaint, 0.9),
        'CPU to first GET / median ms': at(s.homeCpu, 0.5),
        'CPU to first POST complaint median ms': at(s.complaintCpu, 0.5),
      };
    });
  } finally {
    await aws.close();
    await rt.close();
  }
}

// `npx tsx test/bench/bundles.ts`: this table alone.
// `npx tsx test/bench/bundles.ts first`: only the cold-start-to-first-response table.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] !== 'first') console.table(await benchBundles());
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.table(await benchFirstResponses());
}
