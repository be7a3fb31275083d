/**
 * Demo: with CLOCK_SPEED=86400 (one domain day per real second) a complaint nobody handles climbs
 * the ladder 催办 → 督办 → 问责 within a minute, on the embedded runtime with real waits.
 */
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { submitComplaintWithRetry } from '../../functions/services/intake.js';
import { sampleComplaint } from '../support/fixtures.js';

export async function ladderDemo(clockSpeed = Number(process.env.CLOCK_SPEED ?? 86400), limitSeconds = 90) {
  const rt = await startRuntime({ clockSpeed, logger: silentLogger });
  const started = Date.now();
  const steps: { event: string; domainTime: string; realSeconds: number }[] = [];
  try {
    const receipt = await submitComplaintWithRetry(rt.deps, sampleComplaint());
    const id = receipt.trackingCode.replace('-', '');
    let seen = 0;
    while (Date.now() - started < limitSeconds * 1000) {
      const c = await rt.store.getCase(id);
      for (const e of c?.events.slice(seen) ?? []) {
        steps.push({ event: e.type, domainTime: e.at, realSeconds: (Date.now() - started) / 1000 });
      }
      seen = c?.events.length ?? seen;
      if ((c?.escalationLevel ?? 0) >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await rt.close();
  }
  return { clockSpeed, steps, reachedAccountability: steps.some((s) => s.event === 'accountability_opened') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../../functions/local/polyfills.js');
  const result = await ladderDemo();
  console.table(result.steps);
}
