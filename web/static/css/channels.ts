/** Channel pages (`.ch-…`): 12345 import form and progress, development mailbox, failed notifications. */
export const channelsCss = `
.ch-rules { padding-left: 1.25rem; margin: 0 0 1.25rem; }
.ch-rules li { margin-bottom: 0.25rem; }
.ch-columns { font-size: 0.875rem; color: var(--muted); margin: 0.25rem 0 0.75rem; }
.ch-columns code { color: var(--ink); background: var(--wash); padding: 0 0.25rem; margin-right: 0.25rem; white-space: nowrap; }
.ch-upload input[type=file] { display: block; max-width: 100%; margin: 0.25rem 0 0.75rem; }
.ch-section { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: 1rem; }
.ch-progress { display: block; width: 100%; max-width: 36rem; height: 1.25rem; margin: 0.25rem 0 0.5rem; }
.ch-file { color: var(--muted); margin-top: -0.5rem; overflow-wrap: anywhere; }
.ch-problem { overflow-wrap: anywhere; }
.ch-problem ul { margin: 0; padding-left: 1.1rem; }
.ch-message { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); background: #fafafa; padding: 0.75rem 1rem; font-family: inherit; }
.ch-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
.ch-meta dt { color: var(--muted); }
.ch-meta dd { margin: 0; overflow-wrap: anywhere; }
.ch-nowrap { white-space: nowrap; }
.ch-caption { font-size: 1.0625rem; margin: 1rem 0 0.25rem; }
.ch-mail { list-style: none; padding: 0; margin: 0; border-top: 1px solid var(--line); }
.ch-mail li { border-bottom: 1px solid var(--line); padding: 0.5rem 0; overflow-wrap: anywhere; }
.ch-mail-meta { margin: 0; font-size: 0.875rem; color: var(--muted); }
`;
