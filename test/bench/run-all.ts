/**
 * `npm run bench`: prints the figures the README quotes. Reports; never asserts.
 * BENCH_SECONDS (default 10) sets the length of each load phase.
 */
import '../../functions/local/polyfills.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchBundles, benchFirstResponses } from './bundles.js';
import { benchImport12345 } from './import-12345.js';
import { benchIntake } from './intake.js';
import { benchIntakeCalls } from './intake-calls.js';
import { ladderDemo } from './ladder-demo.js';
import { benchPages } from './pages.js';
import { benchRawStore } from './raw-store.js';
import { benchReports } from './reports.js';
import { benchFlood, benchOnTime, benchOpenCases, benchStoreRss, printOnTime } from './scale.js';
import { benchStaffLists } from './staff-lists.js';
import { benchStoreTransport } from './store-transport.js';
import { benchTrackingTiming } from './tracking-timing.js';
import { benchTransitions } from './transitions.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

console.log(
  `Duban benchmarks — ${new Date().toISOString()}, node ${process.version}, ${seconds} s per load phase\n`,
);

const raw = await benchRawStore(seconds);
const intake = await benchIntake(seconds);
const ratio = intake.throughput / raw.throughput;
console.log('Intake (POST /api/v1/complaints, 32 clients, Idempotency-Key, half with encrypted reporter)');
console.table({
  'intake (embedded runtime)': {
    'req/s': round(intake.throughput),
    'p50 ms': round(intake.p50, 2),
    'p99 ms': round(intake.p99, 2),
    'max ms': round(intake.max, 1),
    errors: intake.failures,
    'peak RSS MB': round(intake.peakMb),
  },
  'raw dynalite conditional PutItem': {
    'req/s': round(raw.throughput),
    'p50 ms': round(raw.p50, 2),
    'p99 ms': round(raw.p99, 2),
    'max ms': round(raw.max, 1),
    errors: raw.failures,
    'peak RSS MB': round(raw.peakMb),
  },
});
const intakeCalls = await benchIntakeCalls();
console.log(
  `Store round trips per complaint (intake with Idempotency-Key + its workflow up to the Wait, ${intakeCalls.complaints} complaints, SDK middleware count): ${intakeCalls.roundTripsPerComplaint}`,
  intakeCalls.byCommand,
  `; delivering the notifications they cause: ${intakeCalls.deliveryRoundTripsPerComplaint} more`,
);
console.table({
  'intake / raw store throughput ≥ 50%': { value: `${round(ratio * 100)}%`, target: verdict(ratio >= 0.5) },
  'intake p99 < 50 ms': { value: `${round(intake.p99, 2)} ms`, target: verdict(intake.p99 < 50) },
  'peak memory < 300 MB': { value: `${round(intake.peakMb)} MB`, target: verdict(intake.peakMb < 300) },
});

console.log(
  '\nEmbedded store transport (PutItem + GetItem through the runtime client, 16 concurrent; main-thread CPU from /proc)',
);
const storeTransport = await benchStoreTransport();
console.table(storeTransport);

console.log('\nState transitions per case (real definition on aws-local-stepfunctions; budget ≤ 20 for (a))');
const transitions = await benchTransitions();
console.table(transitions);

console.log(
  '\nLambda bundles (infra/bundle.ts as deployed; import = fresh processes, BENCH_IMPORT_RUNS, default 9)',
);
const bundles = await benchBundles();
console.table(bundles);
const citizenImport = bundles.find((b) => b.bundle.startsWith('citizen'))?.['import median ms'] ?? Number.NaN;
console.log(
  'HTTP functions: cold start to first response (fresh process: import + one invoke; DynamoDB = the embedded store, KMS/Step Functions = a local stand-in)',
);
const firstResponses = await benchFirstResponses();
console.table(firstResponses);
console.table({
  'citizen function cold import ≤ 100 ms': {
    value: `${citizenImport} ms`,
    target: verdict(citizenImport <= 100),
  },
});

console.log('\nLadder demo with CLOCK_SPEED=86400 (one day per real second)');
const ladder = await ladderDemo(86400, 90);
console.table(ladder.steps.map((s) => ({ ...s, realSeconds: round(s.realSeconds, 1) })));

console.log(
  '\nMonthly notice (March 2026 with N cases, February and April with N/2 each; BENCH_REPORT_SIZES)',
);
const reports = await benchReports((process.env.BENCH_REPORT_SIZES ?? '10000,100000').split(',').map(Number));
console.table(reports);

console.log(
  '\nScale (issue 10): BENCH_OPEN_CASES, BENCH_DUE_CASES, BENCH_DUE_RATE, BENCH_MIXED_OPS set the sizes (defaults 100000, 5000, 100/s, 100000)',
);
const storeRss = [await benchStoreRss()];
if (process.env.BENCH_MIXED_UNPATCHED === '1') storeRss.push(await benchStoreRss(undefined, true));
console.table(storeRss.map((r) => ({ ...r, checkpoints: undefined })));
console.table(storeRss[0]?.checkpoints);
const openCases = await benchOpenCases();
console.table([openCases]);
const onTime = await benchOnTime();
printOnTime(onTime);
const flood = await benchFlood();
console.table(flood);
console.log('\nStaff lists on indexes (2,500 open cases over 4 offices; one store round trip per page)');
const staffLists = await benchStaffLists(2500);
console.table(staffLists);

console.log(
  '\n12345 import: a 5,000-row export uploaded as CSV and as xlsx (import jobs), then the CSV again',
);
const import12345 = await benchImport12345();
console.table(import12345.map(({ checkpoints: _c, ...r }) => r));
console.log('\nPage weight on first load (HTML + CSS + JS + icon, gzip as sent; target ≤ 60 KB)');
const pages = await benchPages();
console.table(pages);

console.log('\nTracking timing: known code + wrong access code vs unknown code (alternating, both 404)');
const trackingTiming = await benchTrackingTiming();
console.table(trackingTiming.rows);

mkdirSync('.bench', { recursive: true });
writeFileSync(
  '.bench/latest.json',
  JSON.stringify(
    {
      at: new Date().toISOString(),
      seconds,
      intake,
      raw,
      ratio,
      intakeCalls,
      storeTransport,
      transitions,
      bundles,
      firstResponses,
      ladder,
      storeRss,
      openCases,
      onTime,
      flood,
      reports,
      import12345,
      staffLists,
      pages,
      trackingTiming,
    },
    null,
    2,
  ),
);
process.exit(0);
