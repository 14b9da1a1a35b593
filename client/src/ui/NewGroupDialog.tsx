/** "New group": a title and the contacts to add. */
import { For, Show, createSignal, onCleanup, onMount } from 'solid-js';
import { errorMessage } from '../runtime/api.js';
import { Avatar } from './Avatar.jsx';
import { useApp } from './context.js';
import { CloseIcon } from './icons.jsx';
import { createReadable } from './reactive.js';

export function NewGroupDialog(props: { onClose: () => void }) {
  const app = useApp();
  const contacts = createReadable(app.messenger.contacts);
  const [title, setTitle] = createSignal('');
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(picked());
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const create = async (): Promise<void> => {
    if (busy() || title().trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const conversation = await app.messenger.conversations.create({ kind: 'group', title: title(), memberIds: [...picked()] });
      props.onClose();
      app.router.navigate({ name: 'conversation', id: conversation.id });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') props.onClose();
  };
  onMount(() => {
    input?.focus();
    window.addEventListener('keydown', onKey);
  });
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-group-title"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <header class="dialog-header">
          <h2 id="new-group-title">New group</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={() => props.onClose()}>
            <CloseIcon />
          </button>
        </header>
        <label class="field">
          <span>Group name</span>
          <input ref={input} data-testid="group-title" maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <div class="field">
          <span>Members</span>
          <Show when={contacts().items.length > 0} fallback={<p class="muted">Add contacts first to invite them.</p>}>
            <ul class="member-picker">
              <For each={contacts().items}>
                {(contact) => (
                  <li>
                    <label class="member-option" data-testid="group-member" data-user-id={contact.user.id}>
                      <input type="checkbox" checked={picked().has(contact.user.id)} onChange={(e) => toggle(contact.user.id, e.currentTarget.checked)} />
                      <Avatar id={contact.user.id} name={contact.user.displayName} size="small" />
                      <span>{contact.user.displayName}</span>
                      <span class="muted">@{contact.user.username}</span>
                    </label>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <Show when={error()}>
          <p class="form-error" role="alert">
            {error()}
          </p>
        </Show>
        <footer class="dialog-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="group-create" disabled={busy() || title().trim() === ''}>
            {busy() ? 'Creating…' : `Create${picked().size > 0 ? ` (${picked().size + 1})` : ''}`}
          </button>
        </footer>
      </form>
    </div>
  );
}
