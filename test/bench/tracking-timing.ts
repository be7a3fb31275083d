/**
 * Tracking timing (issue 11): a known tracking code with a wrong access code against an unknown code,
 * POST /api/v1/track through app.request() on dynalite, alternating the two so load drifts hit both
 * alike. Before the fix the known code read and decoded the whole case first (0.15–0.23 ms slower).
 */
import { performance } from 'node:perf_hooks';
import { json, postJson, testRuntime, validComplaint } from '../support/runtime.js';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function benchTrackingTiming(pairs = Number(process.env.BENCH_TRACK_PAIRS ?? 2000)) {
  const rt = await testRuntime({ workflow: { startCaseWorkflow: async () => {} } });
  try {
    const filed = await json(postJson(rt.app, '/api/v1/complaints', validComplaint()));
    const known = { trackingCode: filed.trackingCode, accessCode: 'WRONGCODE2' };
    const unknown = { trackingCode: 'ZZZZZ-ZZZZZ', accessCode: 'WRONGCODE2' };
    const time = async (body: object) => {
      const t0 = performance.now();
      const res = await postJson(rt.app, '/api/v1/track', body);
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== 404) throw new Error(`expected 404, got ${res.status}`);
      return ms;
    };
    for (let i = 0; i < 200; i++) await time(i % 2 ? known : unknown); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // Alternate which goes first so neither always follows the other.
      if (i % 2) {
        a.push(await time(known));
        b.push(await time(unknown));
      } else {
        b.push(await time(unknown));
        a.push(await time(known));
      }
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const row = (s: number[]) => ({
      'median ms': round(quantile(s, 0.5)),
      'p90 ms': round(quantile(s, 0.9)),
    });
    return {
      pairs,
      rows: {
        'known code, wrong access code': row(a),
        'unknown code': row(b),
        'difference (known − unknown)': {
          'median ms': round(quantile(a, 0.5) - quantile(b, 0.5)),
          'p90 ms': round(quantile(a, 0.9) - quantile(b, 0.9)),
        },
      },
    };
  } finally {
    await rt.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchTrackingTiming();
  console.log(`Tracking timing, ${r.pairs} alternating pairs (POST /api/v1/track, both 404)`);
  console.table(r.rows);
  process.exit(0);
}
