/**
 * `npx tsx test/workbench-screenshots.ts`: desktop (1366×768) PNGs of the workbench pages into
 * docs/screenshots/ (Chinese), with a few cases in different states.
 */
import { browserRuntime, DESKTOP, newReader, screenshot } from './support/browser.js';
import { json, login, postJson, validComplaint } from './support/runtime.js';
import { workbenchTour } from './support/workbench-tour.js';

const out = process.env.SHOTS_DIR ?? 'docs/screenshots';
const env = await browserRuntime();
try {
  const app = env.runtime.app;
  const codes: string[] = [];
  for (const c of [
    validComplaint(),
    {
      ...validComplaint(),
      subject: { kind: 'institution', name: '龙水镇学而优培训中心' },
      category: 'UNLICENSED_INSTITUTION',
    },
    {
      ...validComplaint(),
      area: 'BAODING',
      subject: { kind: 'school', name: '宝顶镇中心小学' },
      category: 'EXAM_RANKING',
    },
  ]) {
    codes.push((await json(postJson(app, '/api/v1/complaints', c))).trackingCode);
  }
  await env.runtime.runner?.settle();
  const inspector = await login(app, 'inspector-a');
  const view = await json(
    app.request(`/api/v1/cases/${codes[0]}`, { headers: { authorization: `Bearer ${inspector}` } }),
  );
  await app.request(`/api/v1/cases/${codes[0]}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inspector}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'start', expectedVersion: view.version }),
  });
  const { context, page } = await newReader(env.browser, { viewport: DESKTOP });
  for await (const stop of workbenchTour(page, env.url, codes[0] as string)) {
    const file = `${out}/${stop}-zh-desktop.png`;
    await screenshot(page, file, false);
    console.log(file);
  }
  await context.close();
} finally {
  await env.close();
}
