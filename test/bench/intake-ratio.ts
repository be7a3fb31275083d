/**
 * The intake figures alone (the first part of `npm run bench`): raw conditional-put throughput,
 * intake throughput, their ratio (goal ≥ 0.5) and store round trips per complaint.
 * `BENCH_SECONDS=10 npx tsx test/bench/intake-ratio.ts`
 */
import '../../functions/local/polyfills.js';
import { loadavg } from 'node:os';
import { benchIntake } from './intake.js';
import { benchIntakeCalls } from './intake-calls.js';
import { benchRawStore } from './raw-store.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const loadBefore = loadavg()[0] as number;
const raw = await benchRawStore(seconds);
const intake = await benchIntake(seconds);
const calls = await benchIntakeCalls();
console.table({
  'raw dynalite conditional PutItem': { 'req/s': round(raw.throughput), 'p99 ms': round(raw.p99) },
  'intake (embedded runtime)': { 'req/s': round(intake.throughput), 'p99 ms': round(intake.p99) },
});
console.log(
  JSON.stringify({
    seconds,
    ratio: round(intake.throughput / raw.throughput, 3),
    roundTripsPerComplaint: calls.roundTripsPerComplaint,
    byCommand: calls.byCommand,
    deliveryRoundTripsPerComplaint: calls.deliveryRoundTripsPerComplaint,
    errors: intake.failures,
    loadAverage: [round(loadBefore, 2), round(loadavg()[0] as number, 2)],
  }),
);
process.exit(0);
