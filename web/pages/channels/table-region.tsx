import type { Child } from 'hono/jsx';

/**
 * A wide table's scroll container: focusable and named, so keyboard users can scroll it on a phone
 * (axe `scrollable-region-focusable`); a named section is a region landmark.
 */
export function TableRegion({ label, children }: { label: string; children: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={label}>
      {children}
    </section>
  );
}
