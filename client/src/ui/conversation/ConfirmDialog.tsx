/** A small modal question with a confirm and a cancel button (Escape cancels, Enter confirms). */
import { type JSX, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';

export function ConfirmDialog(props: { title: string; children?: JSX.Element; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  let confirm: HTMLButtonElement | undefined;
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onCancel();
    }
  };
  onMount(() => {
    confirm?.focus();
    document.addEventListener('keydown', onKey, true);
  });
  onCleanup(() => document.removeEventListener('keydown', onKey, true));
  return (
    <Portal>
      <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onCancel()}>
        <div class="dialog confirm-dialog" role="alertdialog" aria-modal="true" aria-label={props.title} data-testid="confirm-dialog">
          <h2>{props.title}</h2>
          {props.children}
          <footer class="dialog-footer">
            <button type="button" class="button" data-testid="confirm-cancel" onClick={() => props.onCancel()}>
              Cancel
            </button>
            <button ref={confirm} type="button" class="button primary" classList={{ danger: props.danger === true }} data-testid="confirm-ok" onClick={() => props.onConfirm()}>
              {props.confirmLabel}
            </button>
          </footer>
        </div>
      </div>
    </Portal>
  );
}
