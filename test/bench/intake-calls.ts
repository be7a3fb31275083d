/**
 * Store round trips per complaint: N complaints filed through the real app (in process, in-memory
 * dynalite, workflow running) with an Idempotency-Key each, half naming a reporter, then the workflow
 * left to settle (Route, then the Wait that ends the local execution). Calls are counted on the
 * runtime's DynamoDB client by an SDK middleware; notification delivery is paused so only intake and
 * the workflow count; the notifications they cause (receipts, assignments, status changes) are
 * delivered afterwards and counted apart, per complaint and per delivered notification. The wake
 * scheduler's sweeps (Query on byWake, WAKE_BUCKETS per sweep) follow the clock, not the complaints,
 * and are reported apart.
 */
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { countStoreCalls } from '../support/store-calls.js';
import { complaint } from './intake.js';

export async function benchIntakeCalls(n = 50) {
  const rt = await startRuntime({
    logger: silentLogger,
    intakeRateLimit: 0,
    trackRateLimit: 0,
    channels: { deliveryPaused: true },
  });
  try {
    await rt.runner?.settle();
    const calls = countStoreCalls(rt.storeClient);
    for (let i = 0; i < n; i++) {
      const res = await rt.app.request('/api/v1/complaints', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `calls-${process.pid}-${i}` },
        body: JSON.stringify(complaint(i)),
      });
      if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
    }
    await rt.runner?.settle();
    const byCommand = calls.byCommand();
    const sweep = (name: string) => name.endsWith(' byWake');
    const roundTrips = calls.total(sweep) / n;
    // Then the citizens' receipts (half the complaints name a reporter), delivered as `npm start` does.
    calls.reset();
    const drained = await rt.channels.delivery.drain();
    const delivery = calls.total(sweep) / n;
    const deliveryByCommand = Object.fromEntries(
      Object.entries(calls.byCommand())
        .filter(([k]) => !sweep(k))
        .map(([k, v]) => [k, v / n]),
    );
    calls.stop();
    const perComplaint = Object.fromEntries(
      Object.entries(byCommand)
        .filter(([k]) => !sweep(k))
        .map(([k, v]) => [k, v / n]),
    );
    return {
      complaints: n,
      roundTripsPerComplaint: roundTrips,
      byCommand: perComplaint,
      sweepQueries: Object.entries(byCommand)
        .filter(([k]) => sweep(k))
        .reduce((a, [, v]) => a + v, 0),
      deliveryRoundTripsPerComplaint: delivery,
      deliveredNotifications: drained.delivered,
      deliveryRoundTripsPerNotification: drained.delivered ? (delivery * n) / drained.delivered : 0,
      deliveryByCommand,
    };
  } finally {
    await rt.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchIntakeCalls(Number(process.env.BENCH_CALLS ?? 50)));
  process.exit(0);
}
