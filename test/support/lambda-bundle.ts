/**
 * Running a bundled HTTP Lambda (infra/bundle.ts output) as Lambda does: a fresh `node` process imports
 * `index.mjs` with the function's environment and calls `handler` with API Gateway HTTP API (payload
 * 2.0) events. Used by the bundle test (what the deployed citizen function answers) and the bundle bench.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Placeholder AWS configuration: importing an HTTP entry builds its clients but calls nothing. */
export const lambdaEnv = {
  AWS_REGION: 'cn-north-1',
  TABLE_NAME: 'duban',
  STATE_MACHINE_ARN: 'arn:aws:states:cn-north-1:123456789012:stateMachine:duban',
  REPORTER_KEY_ARN: 'arn:aws:kms:cn-north-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  CURSOR_KEY_ID: 'arn:aws:kms:cn-north-1:123456789012:key/11111111-1111-1111-1111-111111111111',
  USER_POOL_ID: 'cn-north-1_example',
  USER_POOL_CLIENT_ID: 'example',
  EVIDENCE_BUCKET: 'duban-evidence-example',
  NODE_NO_WARNINGS: '1',
};

/** An API Gateway HTTP API (payload 2.0) request, as the Lambda receives it. */
export function apiGatewayEvent(
  method: 'GET' | 'POST',
  path: string,
  opts: { sourceIp?: string; body?: unknown } = {},
) {
  const json = opts.body === undefined ? {} : { 'content-type': 'application/json' };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'duban.example.cn', 'accept-language': 'zh-CN', 'user-agent': 'test', ...json },
    requestContext: {
      accountId: '123456789012',
      apiId: 'duban',
      domainName: 'duban.example.cn',
      domainPrefix: 'duban',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: opts.sourceIp ?? '203.0.113.7',
        userAgent: 'test',
      },
      requestId: 'test',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 26, 12),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    isBase64Encoded: false,
  };
}

export interface LambdaAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * In one fresh process: imports `<outdir>/index.mjs`, then invokes its handler with each event in turn.
 * Returns the answers, the wall times from the start of the import ([import done, each answer…], ms)
 * and the process's CPU time (user + system) over the same spans, which a busy machine inflates less.
 */
export async function invokeBundle(
  outdir: string,
  events: unknown[],
  opts: { env?: Record<string, string>; nodeOptions?: string[] } = {},
): Promise<{ answers: LambdaAnswer[]; times: number[]; cpu: number[] }> {
  const script = `
    const c0 = process.cpuUsage();
    const cpuMs = () => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(`file://${join(outdir, 'index.mjs')}`)});
    const times = [performance.now() - t0];
    const cpu = [cpuMs()];
    const answers = [];
    for (const event of ${JSON.stringify(events)}) {
      answers.push(await handler(event, {}));
      times.push(performance.now() - t0);
      cpu.push(cpuMs());
    }
    console.log(JSON.stringify({ answers, times, cpu }));
    process.exit(0);`;
  const { stdout } = await execFileAsync(
    process.execPath,
    [...(opts.nodeOptions ?? []), '--input-type=module', '-e', script],
    { env: { ...process.env, ...lambdaEnv, ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // The function's JSON logs go to stdout too; the result is the last line.
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}
