import type { ComponentChildren } from 'preact';

/**
 * A wide table that scrolls sideways in its own box when the screen is narrower than the table
 * (a phone), so the page itself never does. The box can be reached with Tab and scrolled with the
 * arrow keys, and screen readers announce it by `label`, the table's own name in Japanese.
 */
export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
