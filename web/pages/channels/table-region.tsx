import type { Child } from 'hono/jsx';

/**
 * A wide table's scroll container: focusable and named, so keyboard users can scroll it on a phone
 * (axe `scrollable-region-focusable`).
 */
export function TableRegion({ label, children }: { label: string; children: Child }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
    <div class="table-wrap" tabindex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
