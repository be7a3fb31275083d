/** Workbench (staff queues, search, case page): dense desktop layout that still works on a tablet. */
export const workbenchCss = `
.wb h1 small { font-size: 0.875rem; font-weight: 400; }
.wb-counts { list-style: none; display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0.5rem; padding: 0; margin: 0 0 1.25rem; }
.wb-count a, .wb-count--static { display: block; border: 1px solid var(--line); border-top: 4px solid var(--brand); padding: 0.4rem 0.6rem; text-decoration: none; color: var(--ink); min-height: 4.2rem; }
.wb-count a:hover { background: var(--wash); }
.wb-count--current a { background: #e8eef7; border-top-color: var(--brand-dark); }
.wb-count-n { display: block; font-size: 1.5rem; font-weight: 700; line-height: 1.2; }
.wb-count-label { font-size: 0.8125rem; color: var(--muted); }
.wb-table { width: 100%; border-collapse: collapse; font-size: 0.875rem; }
.wb-table th { text-align: left; border-bottom: 2px solid var(--ink); white-space: nowrap; }
.wb-table td { border-bottom: 1px solid var(--line); vertical-align: top; }
.wb-table tbody tr:hover { background: var(--wash); }
@media (max-width: 40rem) {
  .wb-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .wb-table tr { display: block; padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
  .wb-table td { display: block; position: relative; border: 0; padding: 0.1rem 0 0.1rem 7rem; }
  .wb-table td::before { content: attr(data-label); color: var(--muted); position: absolute; left: 0; width: 6.5rem; }
}
.wb-row--overdue td:first-child { box-shadow: inset 4px 0 0 var(--error); padding-left: 0.5rem; }
.wb-row--soon td:first-child { box-shadow: inset 4px 0 0 var(--warn); padding-left: 0.5rem; }
.wb-code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: nowrap; }
.wb-empty { color: var(--muted); padding: 1rem 0; }
.wb-columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 26rem); gap: 1.5rem; align-items: start; }
.wb-side { border-left: 1px solid var(--line); padding-left: 1rem; }
.wb-action { border: 1px solid var(--line); margin: 0 0 0.5rem; padding: 0.25rem 0.6rem; }
.wb-action summary { cursor: pointer; font-weight: 700; padding: 0.25rem 0; }
.wb-action[open] { border-color: var(--brand); }
.wb-action .field { margin-bottom: 0.75rem; }
.wb-action textarea, .wb-action input[type="text"], .wb-action select { width: 100%; }
.wb-template { display: flex; gap: 0.5rem; align-items: flex-end; }
.wb-template .field { flex: 1; }
.wb-basis { margin: 0.25rem 0 0; font-size: 0.8125rem; }
.wb-description { white-space: pre-wrap; }
.wb-kept { white-space: pre-wrap; background: #fff; border: 1px dashed var(--line); padding: 0.5rem; }
.wb-search-forms { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.wb-search, .wb-filters { border: 1px solid var(--line); padding: 0.6rem 0.8rem; }
.wb-filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; margin: 1rem 0; }
.wb-filters h2 { width: 100%; }
.wb-filters .field { margin-bottom: 0.6rem; }
.wb-narrow { max-width: 40rem; }
@media (max-width: 60rem) {
  .wb-columns { grid-template-columns: 1fr; }
  .wb-side { border-left: 0; padding-left: 0; }
}
`;
