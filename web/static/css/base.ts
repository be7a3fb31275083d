/**
 * The base stylesheet: system CJK fonts (nothing downloaded), large and plain for citizens; `.staff`
 * on <body> makes it denser for staff screens. Other areas add their rules in their own file in this
 * folder, namespaced by a class on their page (e.g. `.wb-…` for the workbench), listed in ../assets.ts.
 */
export const baseCss = `
:root {
  --ink: #1b1b1b; --muted: #505a5f; --line: #b1b4b6; --paper: #fff; --wash: #f3f2f1;
  --brand: #1d4f91; --brand-dark: #143766; --error: #b3261e; --ok: #1e6b3a; --warn: #7a4b00;
  --focus: #ffbf47; --gap: 1rem; --radius: 4px;
  --font: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 1.125rem/1.6 var(--font); color: var(--ink); background: var(--paper); }
body.staff { font-size: 0.9375rem; line-height: 1.45; }
a { color: var(--brand); text-underline-offset: 0.15em; }
a:hover { color: var(--brand-dark); text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--ink); }
a:focus-visible { background: var(--focus); color: var(--ink); box-shadow: 0 4px var(--ink); outline: none; text-decoration: none; }
h1, h2, h3 { line-height: 1.3; margin: 0 0 0.6em; }
h1 { font-size: 1.75rem; } h2 { font-size: 1.375rem; } h3 { font-size: 1.125rem; }
.staff h1 { font-size: 1.375rem; } .staff h2 { font-size: 1.125rem; }
p, ul, ol, dl, table, fieldset { margin: 0 0 var(--gap); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: var(--focus); color: var(--ink); }
.skip:focus { left: 0; z-index: 10; }

/* Layout */
.site-header { background: var(--brand); color: #fff; border-bottom: 6px solid var(--brand-dark); }
.site-header .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; }
.brand { color: #fff; text-decoration: none; font-weight: 700; font-size: 1.375rem; display: flex; align-items: baseline; gap: 0.5rem; padding: 0.5rem 0; }
.brand small { font-weight: 400; font-size: 0.875rem; opacity: 0.95; }
.brand:hover, .brand:visited { color: #fff; }
.lang { margin-left: auto; }
.lang a, .site-nav a { color: #fff; }
.site-nav { background: var(--brand-dark); }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0 1.25rem; margin: 0; padding: 0.35rem 0; }
.site-nav a { text-decoration: none; font-size: 1rem; }
.site-nav form.inline { display: inline; margin: 0; }
.site-nav .nav-button, .staff .site-nav .nav-button { color: #fff; font-size: 1rem; padding: 0; min-height: 0; }
.site-nav .nav-button:hover { color: #fff; }
.site-nav a[aria-current="page"] { text-decoration: underline; text-decoration-thickness: 3px; }
/* The logout form sits in the nav line like a link. */
.site-nav form.inline { display: inline; margin: 0; }
.site-nav .nav-button { line-height: inherit; box-shadow: none; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.staff .wrap { max-width: 80rem; }
main { display: block; padding: 1.5rem 0 2.5rem; }
.site-footer { border-top: 1px solid var(--line); background: var(--wash); color: var(--muted); font-size: 0.875rem; padding: 1rem 0 2rem; }
.lead { font-size: 1.25rem; }
.pre-line { white-space: pre-line; overflow-wrap: anywhere; }
form.inline { display: inline; margin: 0; }
.site-nav .nav-button { color: #fff; padding: 0; min-height: 0; font-size: 1rem; }
.muted { color: var(--muted); }

/* Forms */
.field { margin: 0 0 1.5rem; }
.field label, .field legend { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.field legend { font-size: 1.125rem; padding: 0; }
fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
.hint { color: var(--muted); margin: 0 0 0.4rem; font-size: 1rem; }
.field-error { color: var(--error); font-weight: 700; margin: 0 0 0.4rem; }
.field--error { border-left: 5px solid var(--error); padding-left: 0.75rem; }
input[type=text], input[type=tel], input[type=email], input[type=date], input[type=password], input[type=search],
input[type=number], select, textarea {
  font: inherit; width: 100%; max-width: 30rem; padding: 0.45rem 0.5rem; border: 2px solid var(--ink);
  border-radius: 0; background: #fff; color: var(--ink); min-height: 2.75rem;
}
textarea { max-width: none; min-height: 8rem; resize: vertical; }
.field--error input, .field--error select, .field--error textarea { border-color: var(--error); }
input:focus, select:focus, textarea:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--ink); }
.input-short { max-width: 12rem; }
.choices { display: grid; gap: 0.5rem; }
.choice { display: flex; gap: 0.6rem; align-items: flex-start; padding: 0.35rem 0; }
.choice input { width: 1.5rem; height: 1.5rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--brand); }
.choice label { font-weight: 400; margin: 0; }
.choice .hint { margin: 0; }
.char-count { font-size: 0.875rem; color: var(--muted); }

/* Buttons */
.button, button { font: inherit; font-weight: 700; display: inline-block; cursor: pointer; border: 2px solid transparent;
  background: var(--ok); color: #fff; padding: 0.55rem 1.1rem; border-radius: var(--radius); box-shadow: 0 2px 0 #0b3b1f;
  text-decoration: none; line-height: 1.4; min-height: 2.75rem; }
.button:hover, button:hover { background: #17552e; color: #fff; }
.button--secondary { background: var(--wash); color: var(--ink); box-shadow: 0 2px 0 #929191; }
.button--secondary:hover { background: #dbdad9; color: var(--ink); }
.button--link { background: none; color: var(--brand); box-shadow: none; text-decoration: underline; padding: 0.55rem 0.25rem; font-weight: 400; }
.button--link:hover { background: none; color: var(--brand-dark); }
.button:focus-visible, button:focus-visible { outline: 3px solid var(--focus); box-shadow: inset 0 0 0 1px var(--focus), 0 2px 0 var(--ink); background: var(--focus); color: var(--ink); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: center; margin: 1.5rem 0; }
.staff .button, .staff button { padding: 0.35rem 0.8rem; min-height: 2.25rem; }

/* Error summary (GOV.UK pattern) */
.error-summary { border: 5px solid var(--error); padding: 1rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin-bottom: 0.5rem; }
.error-summary ul { margin: 0; padding-left: 1.2rem; }
.error-summary a { color: var(--error); font-weight: 700; }

/* Panel, badge, table, steps, timeline */
.panel { background: var(--ok); color: #fff; padding: 1.25rem; margin: 0 0 1.5rem; text-align: center; }
.panel h1 { margin-bottom: 0.5rem; }
.panel > :last-child { margin-bottom: 0; }
.code-label { font-size: 1.125rem; margin: 1rem 0 0.25rem; }
.panel--info { background: var(--wash); color: var(--ink); text-align: left; border-left: 6px solid var(--brand); }
.panel--warn { background: #fff4e5; color: var(--ink); text-align: left; border-left: 6px solid var(--warn); }
.badge { display: inline-block; padding: 0.05rem 0.5rem; font-size: 0.875rem; font-weight: 700; border-radius: var(--radius);
  background: #dfe7f2; color: var(--brand-dark); letter-spacing: 0.02em; }
.badge--ok { background: #dcefe2; color: #104a26; }
.badge--warn { background: #fbe7c6; color: #5a3700; }
.badge--error { background: #f7dcda; color: #7d1a14; }
.table-wrap { overflow-x: auto; position: relative; } /* relative: keeps .sr-only cells inside the scroller */
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem 0.5rem 0; border-bottom: 1px solid var(--line); }
.staff th, .staff td { padding: 0.3rem 0.6rem 0.3rem 0; }
.summary-list { display: grid; grid-template-columns: minmax(7rem, 30%) 1fr auto; gap: 0; }
.summary-list > * { padding: 0.5rem 0.5rem 0.5rem 0; border-bottom: 1px solid var(--line); margin: 0; }
.summary-list dt { font-weight: 700; }
.summary-list dd.change { text-align: right; }
.summary-list .button--link { padding: 0; min-height: 0; }
.summary-list--2 { grid-template-columns: minmax(7rem, 30%) 1fr; }
.steps { list-style: none; padding: 0; margin: 0 0 1rem; color: var(--muted); font-size: 1rem; }
.steps .now { color: var(--ink); font-weight: 700; }
.timeline { list-style: none; padding: 0 0 0 1.25rem; border-left: 3px solid var(--brand); }
.timeline li { position: relative; padding: 0 0 1rem; }
.timeline li::before { content: ""; position: absolute; left: -1.75rem; top: 0.45rem; width: 0.9rem; height: 0.9rem; border-radius: 50%; background: var(--brand); border: 2px solid #fff; }
.timeline time { display: block; color: var(--muted); font-size: 0.9375rem; }
.code-box { font: 700 2rem/1.2 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: 0.08em; word-break: break-all; }
.copy { margin-left: 0.5rem; }
.cards { display: grid; gap: 1rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--brand); padding: 0.75rem 1rem; }
.card h3 { margin-bottom: 0.25rem; }
.card p { margin-bottom: 0.4rem; }
@media (min-width: 48rem) { .cards--2 { grid-template-columns: 1fr 1fr; } }
.intake-grid { display: grid; gap: 0 1.5rem; }
@media (min-width: 48rem) { .intake-grid { grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); } }
.staff .field { margin-bottom: 1rem; }
.staff .code-box { font-size: 2.5rem; }
@media print {
  .site-header, .site-nav, .site-footer, .no-print, .actions { display: none !important; }
  body { font-size: 12pt; }
  .panel { border: 2px solid #000; color: #000; background: none; }
}
`;
