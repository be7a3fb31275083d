/**
 * `npx tsx test/workbench-screenshots.ts`: PNGs of the workbench pages into docs/screenshots/, with a few
 * cases in different states. Desktop (1366×768) in Chinese by default; SHOTS_LANG=en for English,
 * SHOTS=phone for 390×844.
 */
import { browserRuntime, DESKTOP, type Lang, newReader, PHONE, screenshot } from './support/browser.js';
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
  const act = async (code: string, body: Record<string, unknown>) => {
    const headers = { authorization: `Bearer ${inspector}` };
    const view = await json(app.request(`/api/v1/cases/${code}`, { headers }));
    await app.request(`/api/v1/cases/${code}/actions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, expectedVersion: view.version }),
    });
  };
  for (const code of codes) await act(code, { type: 'start' });
  await act(codes[1] as string, {
    type: 'submit_report',
    finding: 'substantiated',
    actions: '已责令停止培训',
    reply: '经核查属实，已会同市场监管部门取缔。',
  });
  await act(codes[2] as string, { type: 'request_extension', days: 5, reason: '需调取考试成绩公布材料' });
  await act(codes[0] as string, { type: 'note', text: '已电话联系学校教务处' });
  const lang: Lang = process.env.SHOTS_LANG === 'en' ? 'en' : 'zh-CN';
  const phone = process.env.SHOTS === 'phone';
  const { context, page } = await newReader(env.browser, { lang, viewport: phone ? PHONE : DESKTOP });
  for await (const stop of workbenchTour(page, env.url, codes[0] as string)) {
    const file = `${out}/${stop}-${lang === 'en' ? 'en' : 'zh'}${phone ? '' : '-desktop'}.png`;
    await screenshot(page, file, process.env.FULL === '1');
    console.log(file);
  }
  await context.close();
} finally {
  await env.close();
}
