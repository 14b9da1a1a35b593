/**
 * The conversation's details, opened from the header: for a group its title
 * (admins rename it), members with their roles (admins add contacts and
 * remove members; anyone leaves); for either kind the edit-history setting
 * (any member of a direct conversation, admins of a group).
 */
import { For, Show, createMemo, createSignal, onMount } from 'solid-js';
import type { Conversation, Member } from '../../../../shared/api.js';
import type { Meta } from '../../../../shared/doc/schema.js';
import { unexpectedCase } from '../../../../shared/unexpected.js';
import { errorMessage } from '../../runtime/api.js';
import { conversationTitle } from '../../runtime/conversations.js';
import { Avatar } from '../Avatar.jsx';
import { useApp } from '../context.js';
import { CloseIcon } from '../icons.jsx';
import { createReadable } from '../reactive.js';
import { ConfirmDialog } from './ConfirmDialog.jsx';
import { PlusIcon } from './icons.jsx';

type Pending = { kind: 'remove'; member: Member } | { kind: 'leave' };

function question(p: Pending): string {
  switch (p.kind) {
    case 'leave':
      return 'Leave this group?';
    case 'remove':
      return `Remove ${p.member.user.displayName} from the group?`;
    default:
      return unexpectedCase(p);
  }
}

export function SettingsPanel(props: { conversation: Conversation | undefined; meta: Meta; canWrite: boolean; onClose: () => void; onLeft: () => void }) {
  const app = useApp();
  const me = app.messenger.user.id;
  const contacts = createReadable(app.messenger.contacts);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [titleDraft, setTitleDraft] = createSignal<string | null>(null);
  const [historyDraft, setHistoryDraft] = createSignal<boolean | null>(null);
  const [picking, setPicking] = createSignal(false);
  const [pending, setPending] = createSignal<Pending | null>(null);

  // Members and roles may have changed elsewhere.
  onMount(() => void app.messenger.conversations.refresh());

  const c = () => props.conversation;
  const isGroup = (): boolean => c()?.kind === 'group';
  const members = createMemo(() => [...(c()?.members ?? [])].sort((a, b) => (a.role === b.role ? a.user.displayName.localeCompare(b.user.displayName) : a.role === 'admin' ? -1 : 1)));
  const isAdmin = (): boolean => c()?.members.some((m) => m.user.id === me && m.role === 'admin') === true;
  const canChangeHistory = (): boolean => props.canWrite && (!isGroup() || isAdmin());
  const title = (): string => (isGroup() && props.meta.title) || conversationName();
  const conversationName = (): string => {
    const current = c();
    return current ? conversationTitle(current, me) : 'Conversation';
  };
  const keepHistory = (): boolean => historyDraft() ?? props.meta.keepEditHistory;
  const addable = createMemo(() => contacts().items.filter((contact) => !c()?.members.some((m) => m.user.id === contact.user.id)));

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    if (busy()) return false;
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const id = (): string => c()?.id ?? '';

  const rename = async (): Promise<void> => {
    const next = titleDraft()?.trim();
    if (!next || next === title()) {
      setTitleDraft(null);
      return;
    }
    if (await run(() => app.messenger.conversations.update(id(), { title: next }))) setTitleDraft(null);
  };
  const setKeepHistory = async (keep: boolean): Promise<void> => {
    setHistoryDraft(keep);
    await run(() => app.messenger.conversations.update(id(), { keepEditHistory: keep }));
    // From here on the document's meta (written by the server) is the truth.
    setHistoryDraft(null);
  };
  const confirmPending = async (): Promise<void> => {
    const p = pending();
    setPending(null);
    if (!p) return;
    if (p.kind === 'leave') {
      if (await run(() => app.messenger.conversations.leave(id()))) props.onLeft();
    } else {
      await run(() => app.messenger.conversations.removeMember(id(), p.member.user.id));
    }
  };

  return (
    <div class="settings" data-testid="settings-panel">
      <header class="side-panel-header">
        <h2>{isGroup() ? 'Group info' : 'Details'}</h2>
        <button class="icon-button" aria-label="Close" data-testid="settings-close" onClick={() => props.onClose()}>
          <CloseIcon />
        </button>
      </header>
      <div class="side-panel-body">
        <div class="settings-hero">
          <Avatar id={isGroup() ? id() : (c()?.members.find((m) => m.user.id !== me)?.user.id ?? id())} name={title()} size="large" />
          <Show
            when={isGroup() && isAdmin() && props.canWrite}
            fallback={
              <h3 class="settings-title" data-testid="settings-title">
                {title()}
              </h3>
            }
          >
            <form
              class="settings-rename"
              onSubmit={(e) => {
                e.preventDefault();
                void rename();
              }}
            >
              <input
                aria-label="Group name"
                data-testid="settings-title-input"
                maxLength={200}
                value={titleDraft() ?? title()}
                onInput={(e) => setTitleDraft(e.currentTarget.value)}
              />
              <Show when={titleDraft() !== null && titleDraft()?.trim() !== title()}>
                <button type="submit" class="button small primary" data-testid="settings-title-save" disabled={busy() || (titleDraft()?.trim() ?? '') === ''}>
                  Save
                </button>
              </Show>
            </form>
          </Show>
          <p class="muted">{isGroup() ? `${c()?.members.length ?? 0} members` : `@${c()?.members.find((m) => m.user.id !== me)?.user.username ?? ''}`}</p>
        </div>

        <Show when={error()}>
          <p class="form-error inline" role="alert" data-testid="settings-error">
            {error()}
          </p>
        </Show>

        <section class="settings-section">
          <label class="switch-row" classList={{ disabled: !canChangeHistory() }}>
            <span class="switch-text">
              <span class="switch-title">Keep edit history</span>
              <span class="muted">
                {keepHistory() ? 'Everyone can see earlier versions of edited messages.' : 'Edited messages keep no earlier versions, anywhere.'}
                <Show when={isGroup() && !isAdmin()}> Only admins can change this.</Show>
              </span>
            </span>
            <input
              type="checkbox"
              class="switch"
              role="switch"
              data-testid="keep-history-toggle"
              checked={keepHistory()}
              disabled={!canChangeHistory() || busy()}
              onChange={(e) => void setKeepHistory(e.currentTarget.checked)}
            />
          </label>
        </section>

        <Show when={isGroup()}>
          <section class="settings-section">
            <div class="section-title">Members</div>
            <Show when={isAdmin() && props.canWrite}>
              <button
                class="person clickable add-member"
                data-testid="add-member"
                onClick={() => {
                  // Someone may have become a contact elsewhere since the list was fetched.
                  if (!picking()) void app.messenger.contacts.refresh();
                  setPicking(!picking());
                }}
              >
                <span class="add-member-icon">
                  <PlusIcon />
                </span>
                <span class="person-name">Add member</span>
              </button>
              <Show when={picking()}>
                <Show when={addable().length > 0} fallback={<p class="pad muted">All your contacts are in this group.</p>}>
                  <ul class="people picker">
                    <For each={addable()}>
                      {(contact) => (
                        <li>
                          <button
                            class="person clickable"
                            data-testid="add-member-option"
                            data-user-id={contact.user.id}
                            disabled={busy()}
                            onClick={() => void run(() => app.messenger.conversations.addMember(id(), contact.user.id)).then((ok) => ok && setPicking(false))}
                          >
                            <Avatar id={contact.user.id} name={contact.user.displayName} size="small" />
                            <span class="person-body">
                              <span class="person-name">{contact.user.displayName}</span>
                              <span class="person-sub">@{contact.user.username}</span>
                            </span>
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Show>
            </Show>
            <ul class="people">
              <For each={members()}>
                {(member) => (
                  <li class="person" data-testid="member" data-user-id={member.user.id} data-role={member.role}>
                    <Avatar id={member.user.id} name={member.user.displayName} size="small" />
                    <span class="person-body">
                      <span class="person-name">
                        {member.user.displayName}
                        {member.user.id === me ? ' (you)' : ''}
                      </span>
                      <span class="person-sub">@{member.user.username}</span>
                    </span>
                    <Show when={member.role === 'admin'}>
                      <span class="role-badge">admin</span>
                    </Show>
                    <Show when={isAdmin() && props.canWrite && member.user.id !== me}>
                      <button class="button small" data-testid="member-remove" disabled={busy()} onClick={() => setPending({ kind: 'remove', member })}>
                        Remove
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </section>
          <Show when={props.canWrite}>
            <section class="settings-section">
              <button class="button wide danger-outline" data-testid="leave-group" disabled={busy()} onClick={() => setPending({ kind: 'leave' })}>
                Leave group
              </button>
            </section>
          </Show>
        </Show>
      </div>
      <Show when={pending()}>
        {(p) => (
          <ConfirmDialog
            title={question(p())}
            confirmLabel={p().kind === 'leave' ? 'Leave' : 'Remove'}
            danger
            onConfirm={() => void confirmPending()}
            onCancel={() => setPending(null)}
          >
            <p class="muted">{p().kind === 'leave' ? 'You will stop receiving its messages. What you already have stays on this device.' : 'They will stop receiving messages from this group at once.'}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
