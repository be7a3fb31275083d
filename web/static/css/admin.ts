/** Leader overview and admin pages (`.ad-…`): figure tiles, dense tables, preview of effects. */
export const adminCss = `
.ad-tiles { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: 0.75rem; margin: 0 0 1.5rem; }
.ad-tile { border: 1px solid var(--line); border-top: 4px solid var(--brand); padding: 0.6rem 0.8rem; display: flex; flex-direction: column; gap: 0.15rem; }
.ad-tile--warn { border-top-color: var(--warn); }
.ad-tile--error { border-top-color: var(--error); }
.ad-tile-label { color: var(--muted); font-size: 0.875rem; }
.ad-tile-value { font-size: 1.75rem; font-weight: 700; line-height: 1.2; }
.ad-tile-value a { text-decoration: none; }
.ad-tile-value a:hover { text-decoration: underline; }
.ad-tile-detail { font-size: 0.8125rem; color: var(--muted); }
.ad-figures caption, .ad-table caption { text-align: left; font-weight: 700; font-size: 1.0625rem; padding: 0.25rem 0; }
.ad-figures th.num, .ad-figures td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ad-figures tbody th { font-weight: 400; }
.ad-figures { margin-bottom: 1.75rem; }
.ad-hot { color: var(--error); font-weight: 700; }
.ad-table td form { display: inline; }
.ad-table td .button, .ad-table td button { margin: 0 0.35rem 0.25rem 0; }
.ad-columns { display: grid; gap: 0 2rem; }
@media (min-width: 64rem) { .ad-columns { grid-template-columns: 1fr 1fr; } }
.ad-effects { list-style: none; padding: 0; }
.ad-effects li { border-left: 4px solid var(--warn); background: #fff8ec; padding: 0.4rem 0.75rem; margin-bottom: 0.5rem; }
.ad-effects li.ad-effect--none { border-left-color: var(--ok); background: #eef7f1; }
.ad-sections { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); list-style: none; padding: 0; }
.ad-sections a { display: block; border: 1px solid var(--line); border-top: 4px solid var(--brand); padding: 0.6rem 0.8rem; font-weight: 700; text-decoration: none; }
.ad-sections a:hover { text-decoration: underline; }
.ad-inline-fields { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
.ad-inline-fields .field { min-width: 12rem; }
.ad-notice { border-left: 6px solid var(--ok); background: #eef7f1; padding: 0.5rem 0.9rem; margin: 0 0 1rem; }
.staff input.ad-num { max-width: 6rem; }
`;
