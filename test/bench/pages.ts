/**
 * Page weight: bytes a phone transfers on a first visit to each public page — the HTML plus the
 * stylesheet, script and icon it loads — gzip-compressed as the app sends them (Accept-Encoding: gzip).
 * Target ≤ 60 KB per page.
 */
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { assets } from '../../web/static/assets.js';
import { fileViaApi } from '../support/case-flow.js';
import { formPost, type PageResult, pageGet } from '../support/pages.js';

const GZIP = { 'accept-encoding': 'gzip' };

export async function benchPages() {
  const rt = await startRuntime({ logger: silentLogger, intakeRateLimit: 0, trackRateLimit: 0 });
  try {
    const bytes = async (path: string, headers: Record<string, string> = {}) => {
      const res = await rt.app.request(path, { headers: { ...GZIP, ...headers } });
      return (await res.arrayBuffer()).byteLength;
    };
    const assetBytes =
      (await bytes(assets.css.path)) + (await bytes(assets.js.path)) + (await bytes(assets.icon.path));

    const state = (p: PageResult) =>
      Object.fromEntries(
        [...p.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
          .filter((m) => m[1] !== '_csrf')
          .map((m) => [m[1] ?? '', m[2] ?? '']),
      );
    // Reach the review step and the receipt the way a reader does, then weigh those responses.
    let page = await pageGet(rt.app, '/report');
    const steps: [string, Record<string, string>][] = [
      ['kind', { category: 'HOMEWORK_OVERLOAD' }],
      ['where', { area: 'LONGSHUI', 'subject.kind': 'school', 'subject.name': '龙水镇第一小学' }],
      ['what', { description: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。' }],
      ['contact', { anonymous: 'yes' }],
    ];
    for (const [step, answers] of steps) {
      page = await formPost(rt.app, '/report', page, {
        ...state(page),
        ...answers,
        _step: step,
        _action: 'continue',
      });
    }
    const reviewHtml = page.html;
    const submitted = await formPost(rt.app, '/report', page, {
      ...state(page),
      _step: 'review',
      _action: 'submit',
    });
    const receiptBytes = await bytes('/report/done', { cookie: submitted.cookies });
    const { trackingCode, accessCode } = await fileViaApi(rt);
    const trackForm = await pageGet(rt.app, '/track');
    const tracked = await formPost(rt.app, '/track', trackForm, { trackingCode, accessCode });
    const trackBytes = await bytes('/track', { cookie: tracked.cookies });
    const gz = async (html: string) =>
      (await new Response(new Blob([html]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer())
        .byteLength;

    const html: Record<string, number> = {
      '/': await bytes('/'),
      '/report (step 1 of 5)': await bytes('/report'),
      '/report (review)': await gz(reviewHtml),
      '/report/done': receiptBytes,
      '/track': await bytes('/track'),
      '/track (a case)': trackBytes,
      '/staff/login': await bytes('/staff/login'),
      '404': await bytes('/no-such-page'),
    };
    return Object.fromEntries(
      Object.entries(html).map(([name, h]) => [
        name,
        {
          'HTML KB': round(h / 1024),
          'CSS+JS+icon KB': round(assetBytes / 1024),
          'first load KB': round((h + assetBytes) / 1024),
          '≤ 60 KB': h + assetBytes <= 60 * 1024 ? 'PASS' : 'MISS',
        },
      ]),
    );
  } finally {
    await rt.close();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchPages());
  process.exit(0);
}
