import type { ComponentChildren } from 'preact';
import { CsrfField } from './page.js';

/**
 * A change that cannot be taken back, or that tells the person at once (a no-show's LINE message,
 * a revoked API token, a disabled account), asked for in two steps without any script: the first
 * press opens what will happen and the button that does it. A stray click next to a harmless
 * button (出席 beside 欠席) then does nothing.
 */
export function ConfirmAction(props: {
  /** What the first press says: the action's own name (「欠席（接続なし）」). */
  label: string;
  /** Said once it is open: what happens, and to whom. */
  consequence: string;
  /** The button that does it (「欠席として記録し、知らせる」). */
  confirmLabel: string;
  action: string;
  csrfToken: string;
  /** Hidden fields the form sends with it. */
  fields?: Readonly<Record<string, string>>;
  /** For screen readers when the label alone does not say what it is about (「「勤怠マクロ」を無効にする」). */
  ariaLabel?: string;
  describedBy?: string | undefined;
  children?: ComponentChildren;
}) {
  return (
    <details class="confirm-action">
      <summary class="button danger" aria-label={props.ariaLabel} aria-describedby={props.describedBy}>
        {props.label}
      </summary>
      <div class="confirm-action-body">
        <p>{props.consequence}</p>
        <form method="post" action={props.action} class="inline">
          <CsrfField token={props.csrfToken} />
          {Object.entries(props.fields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {props.children}
          <button type="submit" class="danger">
            {props.confirmLabel}
          </button>
        </form>
      </div>
    </details>
  );
}
