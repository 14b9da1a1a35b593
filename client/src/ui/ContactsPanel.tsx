/** Contacts: find people (debounced search), add them, and open a direct chat with one. */
import { For, Show, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { Contact, User } from '../../../shared/api.js';
import { errorMessage, isOfflineError } from '../runtime/api.js';
import { Avatar } from './Avatar.jsx';
import { useApp } from './context.js';
import { formatPresence } from './format.js';
import { SearchIcon } from './icons.jsx';
import { createNow, createReadable } from './reactive.js';

export function ContactsPanel() {
  const app = useApp();
  const me = app.messenger.user.id;
  const contacts = createReadable(app.messenger.contacts);
  const connection = createReadable(app.messenger.connection);
  const now = createNow();
  // Presence is only as fresh as our connection.
  const presenceOf = (contact: Contact) => (connection() === 'online' ? contact.presence : undefined);
  const [query, setQuery] = createSignal('');
  const [results, setResults] = createSignal<readonly User[] | null>(null);
  const [searching, setSearching] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  createEffect(
    on(query, (q) => {
      clearTimeout(timer);
      controller?.abort();
      const trimmed = q.trim();
      if (trimmed === '') {
        setResults(null);
        setSearching(false);
        return;
      }
      setSearching(true);
      timer = setTimeout(() => {
        const current = new AbortController();
        controller = current;
        app.messenger.api.searchUsers(trimmed, current.signal).then(
          (users) => {
            if (current.signal.aborted) return;
            setResults(users.filter((u) => u.id !== me));
            setError(null);
            setSearching(false);
          },
          (e: unknown) => {
            if (current.signal.aborted) return;
            setSearching(false);
            setError(isOfflineError(e) ? 'Search needs a connection.' : errorMessage(e));
          },
        );
      }, 250);
    }),
  );
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  const isContact = (userId: string): boolean => contacts().items.some((c) => c.user.id === userId);

  const run = async (key: string, action: () => Promise<void>): Promise<void> => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const add = (user: User) => run(`add:${user.id}`, () => app.messenger.contacts.add(user.id));
  const chat = (user: User) =>
    run(`chat:${user.id}`, async () => {
      const conversation = await app.messenger.conversations.direct(user.id);
      app.router.navigate({ name: 'conversation', id: conversation.id });
    });

  return (
    <div class="contacts">
      <label class="search">
        <SearchIcon />
        <input
          data-testid="contact-search"
          type="search"
          placeholder="Find people by name or username"
          aria-label="Find people"
          autocapitalize="none"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p class="form-error inline" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={query().trim() !== ''}>
        <section class="contacts-section">
          <h3 class="section-title">{searching() ? 'Searching…' : 'People'}</h3>
          <Show when={results()?.length !== 0 || searching()} fallback={<p class="muted pad">No one found.</p>}>
            <ul class="people">
              <For each={results() ?? []}>
                {(user) => (
                  <li class="person" data-testid="search-result" data-user-id={user.id}>
                    <Avatar id={user.id} name={user.displayName} />
                    <div class="person-body">
                      <span class="person-name">{user.displayName}</span>
                      <span class="person-sub">@{user.username}</span>
                    </div>
                    <Show
                      when={isContact(user.id)}
                      fallback={
                        <button class="button small primary" data-testid="add-contact" disabled={busy() !== null} onClick={() => void add(user)}>
                          Add
                        </button>
                      }
                    >
                      <button class="button small" data-testid="message-contact" disabled={busy() !== null} onClick={() => void chat(user)}>
                        Message
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      </Show>
      <section class="contacts-section">
        <h3 class="section-title">Contacts</h3>
        <Show when={contacts().items.length > 0} fallback={<p class="muted pad">{contacts().loading ? 'Loading…' : 'No contacts yet. Search above to add someone.'}</p>}>
          <ul class="people">
            <For each={contacts().items}>
              {(contact) => (
                <li>
                  <button class="person clickable" data-testid="contact" data-user-id={contact.user.id} disabled={busy() === `chat:${contact.user.id}`} onClick={() => void chat(contact.user)}>
                    <Avatar id={contact.user.id} name={contact.user.displayName} online={presenceOf(contact)?.online} />
                    <div class="person-body">
                      <span class="person-name">{contact.user.displayName}</span>
                      <span class="person-sub" classList={{ online: presenceOf(contact)?.online === true }}>
                        {formatPresence(presenceOf(contact), now()) || `@${contact.user.username}`}
                      </span>
                    </div>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </div>
  );
}
