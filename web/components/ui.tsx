import type { Child } from 'hono/jsx';

export function Button(p: {
  children: Child;
  variant?: 'primary' | 'secondary' | 'link';
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
  formnovalidate?: boolean;
  attrs?: Record<string, string | boolean>;
}) {
  const cls = p.variant && p.variant !== 'primary' ? `button button--${p.variant}` : 'button';
  return (
    <button
      type={p.type ?? 'submit'}
      class={cls}
      name={p.name}
      value={p.value}
      formnovalidate={p.formnovalidate}
      {...p.attrs}
    >
      {p.children}
    </button>
  );
}

/** A link styled as a button (start, back). */
export function ButtonLink(p: { href: string; children: Child; variant?: 'primary' | 'secondary' }) {
  return (
    <a href={p.href} class={p.variant === 'secondary' ? 'button button--secondary' : 'button'}>
      {p.children}
    </a>
  );
}

export function Panel(p: { title?: Child; children?: Child; variant?: 'ok' | 'info' | 'warn'; id?: string }) {
  const cls = p.variant && p.variant !== 'ok' ? `panel panel--${p.variant}` : 'panel';
  return (
    <div class={cls} id={p.id}>
      {p.title ? <h2>{p.title}</h2> : null}
      {p.children}
    </div>
  );
}

export function Badge(p: { children: Child; tone?: 'info' | 'ok' | 'warn' | 'error' }) {
  const cls = p.tone && p.tone !== 'info' ? `badge badge--${p.tone}` : 'badge';
  return <strong class={cls}>{p.children}</strong>;
}

/** A plain data table with a caption and header row. */
export function Table(p: { caption: Child; head: Child[]; rows: Child[][]; captionHidden?: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class={p.captionHidden ? 'sr-only' : undefined}>{p.caption}</caption>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              {r.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Step 2 of 6: where" — where the reader is in a multi-page form. */
export function StepIndicator(p: { label: string }) {
  return <p class="steps now">{p.label}</p>;
}

export interface TimelineItem {
  /** ISO time for the machine-readable attribute. */
  at: string;
  /** The time as the reader should see it. */
  when: string;
  label: Child;
  detail?: Child;
}

export function Timeline(p: { items: TimelineItem[]; label: string }) {
  return (
    <ol class="timeline" aria-label={p.label}>
      {p.items.map((i) => (
        <li>
          <time datetime={i.at}>{i.when}</time>
          <strong>{i.label}</strong>
          {i.detail ? <p>{i.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** Rows of label / value (/ change link): the review step and the complaint as filed. */
export function SummaryList(p: {
  rows: { key: Child; value: Child; change?: { href: string; label: string } | undefined }[];
}) {
  return (
    <dl class="summary-list">
      {p.rows.map((r) => (
        <>
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
          <dd class="change">{r.change ? <a href={r.change.href}>{r.change.label}</a> : null}</dd>
        </>
      ))}
    </dl>
  );
}

/** A big code with a copy button (shown by app.js only when the clipboard API exists). */
export function CopyCode(p: { id: string; code: string; copy: string; copied: string; label: string }) {
  return (
    <p>
      <span class="sr-only">{p.label}</span>
      <span class="code-box" id={p.id}>
        {p.code}
      </span>
      <button
        type="button"
        class="button button--secondary copy no-print"
        data-copy={p.id}
        data-copied={p.copied}
        hidden
      >
        {p.copy}
      </button>
    </p>
  );
}
