import type { Context } from 'hono';
import { findOffice } from '../../../functions/domain/reference/catalog.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { CitizenDeps } from '../../../functions/http/deps.js';
import { CopyCode, Panel } from '../../components/index.js';
import { formatDateTime } from '../../format.js';
import { localName } from '../../i18n/lang.js';
import { publicI18n as i18n } from '../../i18n/public-messages.js';
import { renderPage } from '../../render.js';

/** What the intake POST hands the receipt page through the sealed flash cookie. */
export interface Receipt {
  trackingCode: string;
  accessCode: string;
  receivedAt: string;
  officeId?: string | undefined;
}

/**
 * The confirmation: both codes large with copy buttons, the once-only warning, a print button and
 * what happens next. Without a receipt (a reload, a bookmark) it explains why the codes are gone.
 */
export async function ReceiptView(
  c: Context<AuthEnv>,
  deps: CitizenDeps,
  receipt: Receipt | undefined,
  /** Staff intake: where to file the next call and what the operator reads out (staff messages). */
  opts: { again: string; staff?: { title: string; read: string; again: string } },
) {
  const { lang, t } = i18n(c);
  const m = t.public.report.done;
  if (!receipt) {
    return renderPage(
      c,
      { title: m.gone, staff: opts.staff !== undefined },
      <>
        <h1>{m.gone}</h1>
        <p>{m.goneText}</p>
        <p>
          <a href={opts.staff ? opts.again : '/track'}>{opts.staff ? opts.staff.again : m.trackLink}</a>
        </p>
      </>,
    );
  }
  const office = receipt.officeId ? findOffice(await deps.catalog.get(), receipt.officeId) : undefined;
  const b = t.common.buttons;
  return renderPage(
    c,
    { title: opts.staff?.title ?? m.title, staff: opts.staff !== undefined },
    <>
      <div class="panel receipt">
        <h1>{opts.staff?.title ?? m.title}</h1>
        <p>{opts.staff?.read ?? m.lead}</p>
      </div>
      <h2 class="code-label">{m.trackingCode}</h2>
      <CopyCode
        id="tracking-code"
        code={receipt.trackingCode}
        copy={b.copy}
        copied={b.copied}
        label={m.trackingCode}
      />
      <h2 class="code-label">{m.accessCode}</h2>
      <CopyCode
        id="access-code"
        code={receipt.accessCode}
        copy={b.copy}
        copied={b.copied}
        label={m.accessCode}
      />
      <Panel variant="warn">
        <p>
          <strong>{m.warning}</strong>
        </p>
      </Panel>
      <p class="muted">
        {m.receivedAt}
        {t.common.colon}
        {formatDateTime(lang, receipt.receivedAt)}
      </p>
      <p class="no-print">
        <button type="button" class="button button--secondary" data-print hidden>
          {b.print}
        </button>
      </p>
      <h2>{m.next}</h2>
      <p>{office ? m.nextText(localName(lang, office)) : m.nextGeneric}</p>
      <p class="no-print">
        <a href={opts.again}>{opts.staff?.again ?? m.trackLink}</a>
      </p>
    </>,
  );
}
