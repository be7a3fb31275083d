/** Evidence photos: the report step's list and previews, the gallery on /track and the staff case page. */
export const evidenceCss = `
.ev-gallery { list-style: none; margin: 0 0 var(--gap); padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.75rem; }
.staff .ev-gallery { grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); gap: 0.5rem; }
.ev-item { margin: 0; border: 1px solid var(--line); border-radius: var(--radius); background: var(--wash); padding: 0.375rem; display: flex; flex-direction: column; gap: 0.25rem; }
.ev-item a { display: block; }
.ev-item img { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #fff; border-radius: 2px; }
.ev-doc { display: flex; align-items: center; justify-content: center; aspect-ratio: 4 / 3; background: #fff; font-weight: 700; text-decoration: none; }
.ev-item figcaption { font-size: 0.875rem; color: var(--muted); line-height: 1.35; }
.ev-item .button { margin: 0; padding: 0.25rem 0.75rem; font-size: 0.9375rem; align-self: flex-start; }
.ev-preview:empty { display: none; }
.ev-preview img { opacity: 0.85; }
.ev-count { font-weight: 700; }
`;
