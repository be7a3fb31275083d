/** Monthly notice (`.rpt-…`): the 通报 as a document on screen and on A4 paper, the dashboard's charts. */
export const reportsCss = `
.rpt-doc { max-width: 52rem; margin: 0 auto; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
.rpt-masthead { text-align: center; border-bottom: 3px solid #c00; padding-bottom: 0.5rem; margin-bottom: 1rem; }
.rpt-masthead h1 { color: #c00; font-size: 2rem; letter-spacing: 0.3em; margin: 0.5rem 0; }
.rpt-issue { display: flex; justify-content: space-between; font-size: 0.95rem; margin: 0; }
.rpt-doc h2 { font-size: 1.125rem; margin: 1.25rem 0 0.5rem; }
.rpt-doc h3 { font-size: 1rem; margin: 0.75rem 0 0.4rem; }
.rpt-doc p { text-indent: 2em; }
.rpt-table { width: 100%; border-collapse: collapse; font-size: 0.8125rem; margin: 0 0 1rem; }
.rpt-table th, .rpt-table td { border: 1px solid #555; padding: 0.15rem 0.3rem; text-align: center; }
.rpt-table caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
.rpt-table td.rpt-l { text-align: left; }
.rpt-bad { color: var(--error); font-weight: 700; }
.rpt-footer { border-top: 1px solid #000; border-bottom: 1px solid #000; margin-top: 2rem; padding: 0.25rem 0; }
.rpt-footer p { text-indent: 0; margin: 0.15rem 0; }
.rpt-tools { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-bottom: 1rem; font-family: var(--font); }
.rpt-annex { break-before: page; }
.rpt-print-only { display: none; }
.rpt-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 1rem; }
.rpt-chart { border: 1px solid var(--line); padding: 0.5rem; }
.rpt-chart svg { max-width: 100%; height: auto; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  .site-header, .site-nav, .site-footer, .skip, .rpt-tools, .rpt-publish { display: none !important; }
  body { font-size: 11pt; }
  .wrap { max-width: none; padding: 0; }
  .rpt-table { font-size: 8.5pt; }
  .rpt-table tr, .rpt-footer { break-inside: avoid; }
  .rpt-doc h2, .rpt-doc h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .rpt-print-only { display: block; }
}
`;
